/** The `accueil` command line, run as IT would run it (the built bin, a real data directory). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;

function accueil(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/accueil.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, ACCUEIL_DATA_DIR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('accueil CLI', () => {
  it('creates a demo workspace of the requested size', () => {
    const r = accueil('demo-data', '--data-dir', dir, '--contacts', '300');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/"contacts":300/);
  });

  it('refuses to generate the demo twice into the same database', () => {
    const r = accueil('demo-data', '--data-dir', dir, '--contacts', '300');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('existe déjà');
  });

  it('looks a number up in any French format and prints JSON', () => {
    for (const form of ['06 12 34 56 78', '+33 6 12 34 56 78', '0033612345678', '06.12.34.56.78']) {
      const r = accueil('lookup', form, '--data-dir', dir, '--json');
      expect(r.code, `${form}: ${r.stderr}`).toBe(0);
      const pop = JSON.parse(r.stdout);
      expect(pop.matches[0].contactId).toBe(DEMO_FIXTURES.mobileContact.contactId);
      expect(pop.card.contact.lastName).toBe('Lefèvre');
    }
  });

  it('exits 3 with a plain sentence for an unknown number', () => {
    const r = accueil('lookup', DEMO_FIXTURES.unknownNumber.dial, '--data-dir', dir);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('Aucun client connu');
  });

  it('lists the journal as JSON', () => {
    const r = accueil('calls', '--data-dir', dir, '--json', '--limit', '5');
    expect(r.code, r.stderr).toBe(0);
    const calls = JSON.parse(r.stdout);
    expect(calls).toHaveLength(5);
    expect(calls[0]).toHaveProperty('ringAt');
  });

  it('prints the satisfaction figures of the demo, as JSON and as sentences', () => {
    const json = accueil('satisfaction', '--data-dir', dir, '--json');
    expect(json.code, json.stderr).toBe(0);
    const figures = JSON.parse(json.stdout);
    expect(figures.windowDays).toBe(90);
    expect(figures.window.n).toBeGreaterThan(0);
    expect(figures.window.promoters + figures.window.passives + figures.window.detractors).toBe(figures.window.n);
    expect(figures.months).toHaveLength(12);
    const text = accueil('satisfaction', '--data-dir', dir, '--days', '365');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Satisfaction client — 365 derniers jours');
    expect(text.stdout).toMatch(/NPS : [+-]?\d+ \(entre [+-]?\d+ et [+-]?\d+ à 95 %\)/);
    expect(accueil('satisfaction', '--data-dir', dir, '--days', '3').code).toBe(2);
  });

  it('prints what the automations would do in the coming days, and their history, as JSON and as sentences', () => {
    const json = accueil('workflows', 'dry-run', '--data-dir', dir, '--days', '30', '--json');
    expect(json.code, json.stderr).toBe(0);
    const { days, items } = JSON.parse(json.stdout) as { days: number; items: Array<{ ruleId: string; outcome: string; dueAt: string; wouldAct: boolean }> };
    expect(days).toBe(30);
    // The demo's open quotes and planned visits are in their rules, each step with what it would do.
    const rules = new Set(items.map((i) => i.ruleId));
    expect(rules).toContain('relance-devis');
    expect(rules).toContain('rappel-rdv');
    expect([...rules].every((id) => ['relance-devis', 'rappel-rdv', 'entretien-annuel', 'devis-accepte'].includes(id))).toBe(true);
    expect(items.every((i) => i.outcome.length > 0)).toBe(true);
    // Each e-mail step says what it would do with the demo's settings: send, or fail for an empty field (the demo has no company name).
    const mails = items.filter((i) => i.outcome.includes('«') || i.outcome.startsWith('Échouerait') || i.outcome.startsWith('Pas d’adresse'));
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.every((i) => /^(Enverrait « .+ » à \S+@\S+|Échouerait — Champs vides dans le modèle : .+|Pas d’adresse e-mail pour ce client)$/.test(i.outcome))).toBe(true);
    expect([...items].sort((a, b) => a.dueAt.localeCompare(b.dueAt))).toEqual(items);
    const text = accueil('workflows', 'dry-run', '--data-dir', dir);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Automatisations — les 14 prochains jours \(simulation, rien n’est envoyé\) : \d+ étape\(s\)/);
    const history = accueil('workflows', 'history', '--data-dir', dir, '--json');
    expect(history.code, history.stderr).toBe(0);
    // The demo sends nothing: no step ran.
    expect(JSON.parse(history.stdout).items.filter((i: { state: string }) => i.state === 'done')).toEqual([]);
    expect(accueil('workflows', 'run', '--data-dir', dir).code).toBe(2);
  });

  it('explains bad usage with exit code 2', () => {
    expect(accueil('lookup', '--data-dir', dir).code).toBe(2);
    const bad = accueil('demo-data', '--data-dir', dir, '--contacts', 'beaucoup');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--contacts attend un entier');
    expect(accueil('frobnicate').code).toBe(2);
  });

  it('survives a corrupt database: moves it aside, keeps it, and answers', () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-cli-corrupt-'));
    fs.writeFileSync(path.join(broken, 'accueil.db'), Buffer.alloc(8192, 0x5a));
    const r = accueil('lookup', '0612345678', '--data-dir', broken, '--json');
    expect([0, 3]).toContain(r.code);
    const aside = fs.readdirSync(broken).filter((f) => f.startsWith('accueil.db.corrupt-'));
    expect(aside.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(broken, aside.find((f) => !f.endsWith('-wal') && !f.endsWith('-shm'))!)).subarray(0, 4).toString()).toBe('ZZZZ');
    fs.rmSync(broken, { recursive: true, force: true });
  });
});
