/**
 * The company server's load (issue 12): pop latency on one agent's console with 1 console connected
 * vs 20, with 20 agents' lines registered on a real Kamailio; memory per connected console.
 * Latency here is the server's part: from the moment the agent's line received the INVITE (the
 * call's ringAt, stamped by the line) to the pop arriving on the console's socket.
 */
import fs from 'node:fs';
import { startKamailio } from '../test/support/kamailio.ts';
import { placeCall } from '../test/support/sipp.ts';
import { choosePassword, startCompanyServer } from '../test/support/company-server.ts';
import { signedInSocket } from '../test/support/contract-socket.ts';
import { line, ms, summarize } from './stats';

const AGENTS = 20;
const CALLS = Number(process.env['ACCUEIL_BENCH_SERVER_CALLS'] ?? 30);

function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : Number.NaN;
}

/** A console signed in as `login`, timing each pop from the line's ringAt to its arrival. */
async function openConsole(origin: string, login: string) {
  const socket = await signedInSocket(origin, login, `${login} au standard`);
  const pops: number[] = [];
  socket.onEvent((name, payload) => {
    if (name === 'call.incoming') pops.push(Date.now() - Date.parse((payload as { call: { ringAt: string } }).call.ringAt));
  });
  return { pops, close: () => socket.close() };
}

export async function benchCompanyServer() {
  const kamailio = await startKamailio();
  const people = Array.from({ length: AGENTS }, (_, i) => {
    const login = `agent${String(i + 1).padStart(2, '0')}`;
    return { login, role: 'agent' as const, name: `Agent ${i + 1}`, sipUser: login };
  });
  const server = await startCompanyServer(people, { sip: { wsUrl: kamailio.wsUrl, domain: kamailio.domain } });
  try {
    for (const p of people) await choosePassword(server, p.login, `${p.login} au standard`);
    await new Promise((r) => setTimeout(r, 3_000)); // the 20 lines register
    const measure = async (label: string) => {
      const first = await openConsole(server.origin, 'agent01');
      const others = label === '20' ? await Promise.all(people.slice(1).map((p) => openConsole(server.origin, p.login))) : [];
      for (let i = 0; i < CALLS; i++) {
        await placeCall({ kamailio, to: 'agent01', from: `06123456${String(i).padStart(2, '0')}`, scenario: 'ring-then-cancel', holdMs: 100 });
      }
      await new Promise((r) => setTimeout(r, 500));
      for (const c of [first, ...others]) c.close();
      return summarize(first.pops);
    };
    const rssBefore = rssKb(server.pid());
    const one = await measure('1');
    const consoles = await Promise.all(people.map((p) => openConsole(server.origin, p.login)));
    await new Promise((r) => setTimeout(r, 1_000));
    const rssWith = rssKb(server.pid());
    for (const c of consoles) c.close();
    const twenty = await measure('20');
    const ratio = twenty.p50 / one.p50;
    const perConsoleKb = (rssWith - rssBefore) / AGENTS;
    return {
      figures: { calls: CALLS, oneConsole: one, twentyConsoles: twenty, ratioP50: ratio, memoryPerConsoleKb: perConsoleKb },
      lines: [
        'Serveur de l’entreprise (20 lignes enregistrées sur Kamailio)',
        line(`pop ligne → console, 1 console (n=${one.n})`, `p50 ${ms(one.p50, 1)} · p95 ${ms(one.p95, 1)}`),
        line(`pop ligne → console, 20 consoles (n=${twenty.n})`, `p50 ${ms(twenty.p50, 1)} · p95 ${ms(twenty.p95, 1)}`),
        line('rapport 20 / 1 (p50)', `${ratio.toFixed(2)}×`, '≤ 1.2×'),
        line('mémoire par console connectée', `${perConsoleKb.toFixed(0)} Ko`),
      ],
    };
  } finally {
    await server.stop();
    await kamailio.stop();
  }
}
