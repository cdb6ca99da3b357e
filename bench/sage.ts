/**
 * Sage at scale (issue 15): 100 000 accounts (format Sage, OEM 850) and 300 000 open items (tab,
 * Windows-1252) read, matched against 20 000 local companies (one in five with the SIRET of one of
 * the accounts) and stored, each file in its one transaction; then the same files again (nothing
 * changes). Time and peak RSS of this process. Then the HubSpot push of 20 000 linked accounts
 * (batch upserts of 100 by code_client_sage) against the stand-in holding HubSpot's limit of 100
 * requests per 10 s, the push in its own process: its time as a ratio to the floor that limit sets
 * (aim ≤ 1.10×).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../electron/services/store';
import { startHubSpotStandIn } from '../test/support/hubspot-standin';
import { encodeText } from '../electron/services/sage/code-pages';
import { SageBridge } from '../electron/services/sage/sage-bridge';
import { SageHubSpotPush } from '../electron/services/sage/sage-hubspot-push';
import { SageRepository } from '../electron/services/sage/sage-repository';
import { sageMigrations } from '../electron/services/sage/sage-migrations';
import { writeSage100, type ExportedAccount } from '../electron/services/sage/sage100-format';
import { line } from './stats';

const ACCOUNTS = Number(process.env['ACCUEIL_BENCH_SAGE_ACCOUNTS'] ?? 100_000);
const PUSHED = Number(process.env['ACCUEIL_BENCH_SAGE_PUSHED'] ?? 20_000);
const ITEMS = ACCOUNTS * 3;
const LOCAL = ACCOUNTS / 5;

function withLuhnKey(digits: string): string {
  for (let k = 0; k < 10; k++) {
    const s = digits + k;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let d = Number(s[s.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('no key');
}

export async function benchSage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-sage-'));
  const now = new Date('2024-04-18T08:00:00Z');
  const clock = () => now;
  const store = openStore(path.join(dir, 'accueil.db'), { clock });
  store.database.migrateArea('sage', sageMigrations);
  const siretOf = (i: number) => withLuhnKey(withLuhnKey(String(10_000_000 + i)) + '0001');
  store.bulkLoad(() => {
    for (let i = 0; i < LOCAL; i++) store.companies.insert({ name: `Client local ${i}`, siret: siretOf(i * 5) });
  });
  const accounts: ExportedAccount[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    accounts.push({ code: String(i).padStart(7, '0'), name: `Rénovation Hélène ${i}`, contact: null, address: `${i} rue de la Gare`, complement: null, postalCode: '69003', city: 'Lyon', country: 'France', vat: null, siret: siretOf(i), createdOn: '2021-05-02', phone: null, fax: null, email: `client${i}@exemple.fr`, website: null });
  }
  const accountsFile = path.join(dir, 'clients.txt');
  fs.writeFileSync(accountsFile, encodeText(writeSage100(accounts), 'ibm850'));
  const rows = ['Compte\tN° pièce\tÉchéance\tLibellé\tDébit\tCrédit\tLettrage'];
  for (let i = 0; i < ITEMS; i++) rows.push(`${String(i % ACCOUNTS).padStart(7, '0')}\tFA${i}\t${String((i % 28) + 1).padStart(2, '0')}/03/2024\tFacture entretien chaudière\t${(i % 5000) + 1},50\t\t${i % 3 === 0 ? 'AB' : ''}`);
  const itemsFile = path.join(dir, 'echeances.txt');
  fs.writeFileSync(itemsFile, encodeText(`${rows.join('\r\n')}\r\n`, 'windows-1252'));

  const push = new SageHubSpotPush({ store, repo: new SageRepository(store.database, clock), gateway: () => null, clock });
  const bridge = new SageBridge({ store, dataDir: dir, clock, pushToHubSpot: () => true, push });
  const time = (work: () => unknown) => {
    const t = performance.now();
    const result = work();
    return { ms: performance.now() - t, result };
  };
  const first = time(() => bridge.importFile(accountsFile, { encoding: 'ibm850' }));
  const items = time(() => bridge.importFile(itemsFile, { source: 'echeances' }));
  const again = time(() => bridge.importFile(accountsFile));
  const itemsAgain = time(() => bridge.importFile(itemsFile, { source: 'echeances' }));
  const unpaid = time(() => {
    for (let i = 0; i < 1000; i++) bridge.ledger.unpaid({ companyId: bridge.repo.account(String(i * 7).padStart(7, '0'))!.company_id, contactId: null });
  });
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const a = (first.result as ReturnType<typeof bridge.importFile>).accounts;
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const pushed = await benchPush(accounts.slice(0, PUSHED));
  const s = (n: number) => `${(n / 1000).toFixed(1)} s`;
  return {
    lines: [
      line(`Sage : ${ACCOUNTS.toLocaleString('fr-FR')} comptes lus, rapprochés, enregistrés`, `${s(first.ms)} (${a.linked} rapprochés par SIRET, ${a.created} créés)`),
      line(`Sage : ${ITEMS.toLocaleString('fr-FR')} échéances`, s(items.ms)),
      line('Sage : les mêmes fichiers une 2ᵉ fois (rien ne change)', `${s(again.ms)} + ${s(itemsAgain.ms)}`),
      line('Sage : ligne « Impayés » d’une fiche', `${(unpaid.ms / 1000).toFixed(2)} ms`),
      line('Sage : mémoire (pic du processus)', `${rssMb.toFixed(0)} Mo`),
      line(
        `Sage → HubSpot : ${pushed.accounts.toLocaleString('fr-FR')} entreprises (limite 100 req / 10 s)`,
        `${s(pushed.ms)} pour ${pushed.requests} requêtes ; plancher ${s(pushed.floorMs)} → ${pushed.ratio}× (objectif ≤ 1,10×), 429 reçus : ${pushed.throttled}`,
      ),
    ],
    figures: { accounts: ACCOUNTS, items: ITEMS, accountsMs: first.ms, itemsMs: items.ms, againMs: again.ms, itemsAgainMs: itemsAgain.ms, unpaidMs: unpaid.ms / 1000, peakRssMb: rssMb, push: pushed },
  };
}

/**
 * The push of `accounts` (each creating its company) to the rate-limited stand-in, the push in a
 * child process of its own (as the real HubSpot is not on this machine's cores).
 */
async function benchPush(accounts: ExportedAccount[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-sage-push-'));
  const now = new Date('2024-04-18T08:00:00Z');
  const clock = () => now;
  const max = 100;
  const intervalMs = 10_000;
  const hs = await startHubSpotStandIn({ seed: { contacts: 0, companies: 0, engagements: 0, tickets: 0, deals: 0 }, rateLimit: { max, intervalMs, daily: 10_000_000 } });
  const db = path.join(dir, 'accueil.db');
  try {
    const store = openStore(db, { clock });
    store.database.migrateArea('sage', sageMigrations);
    const push = new SageHubSpotPush({ store, repo: new SageRepository(store.database, clock), gateway: () => null, clock });
    const bridge = new SageBridge({ store, dataDir: dir, clock, pushToHubSpot: () => true, push });
    const file = path.join(dir, 'clients.txt');
    fs.writeFileSync(file, encodeText(writeSage100(accounts), 'ibm850'));
    bridge.importFile(file, { encoding: 'ibm850' });
    store.close();
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/import-glob.mjs', path.resolve('bench/sage-push-child.ts')], {
      env: { ...process.env, BENCH_DB: db, ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl, ACCUEIL_HUBSPOT_TOKEN: hs.token, BENCH_BURST: String(max) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`bench sage push: the child exited with ${code}`);
    const { ms } = JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number };
    const requests = hs.requests.filter((r) => r.status === 200 || r.status === 201 || r.status === 207).length;
    const throttled = hs.requests.filter((r) => r.status === 429).length;
    const floorMs = (Math.ceil(requests / max) - 1) * intervalMs;
    const created = [...hs.state.table('companies').values()].filter((r) => r.properties['code_client_sage']).length;
    if (created !== accounts.length) throw new Error(`bench sage push: ${created} companies in HubSpot for ${accounts.length} accounts`);
    return { accounts: accounts.length, ms, requests, throttled, floorMs, ratio: Number((ms / Math.max(1, floorMs)).toFixed(3)) };
  } finally {
    await hs.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
