/** `accueil routes solve`, run as IT would run it: the built bin, an instance file on disk. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = path.join(ROOT, 'resources/routes/exemple-rennes.json');
let dir: string;

function accueil(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/accueil.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, ACCUEIL_DATA_DIR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-routes-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface SolvedDay {
  routes: Array<{ technicianId: string; departure: string | null; returnAt: string | null; km: number; stops: Array<{ jobId: string; arrival: string; start: string; end: string }>; lunch: { start: string; end: string } | null }>;
  unassigned: Array<{ jobId: string; reason: string; detail: string }>;
  totals: { served: number; unassigned: number; km: number; travelMin: number };
  verified: boolean;
  solver: { seed: number; stoppedBy: string };
}

describe('accueil routes solve', () => {
  it('routes the example day: every job once, in its window and with its skills, the left-out ones with their reason', () => {
    const r = accueil('routes', 'solve', EXAMPLE, '--json');
    expect(r.code, r.stderr).toBe(0);
    const day = JSON.parse(r.stdout) as SolvedDay;
    const instance = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as {
      technicians: Array<{ id: string; skills: string[]; shift: [string, string] }>;
      jobs: Array<{ id: string; window: [string, string]; skills: string[]; pinnedTo?: string }>;
    };
    const ids = [...day.routes.flatMap((route) => route.stops.map((s) => s.jobId)), ...day.unassigned.map((u) => u.jobId)].sort();
    expect(ids).toEqual(instance.jobs.map((j) => j.id).sort());
    for (const route of day.routes) {
      const tech = instance.technicians.find((t) => t.id === route.technicianId)!;
      if (route.stops.length === 0) continue;
      expect(route.departure! >= tech.shift[0] && route.returnAt! <= tech.shift[1], route.technicianId).toBe(true);
      for (const stop of route.stops) {
        const job = instance.jobs.find((j) => j.id === stop.jobId)!;
        // "HH:MM" strings compare as times.
        expect(stop.start >= job.window[0] && stop.start <= job.window[1], stop.jobId).toBe(true);
        expect(job.skills.every((s) => tech.skills.includes(s)), stop.jobId).toBe(true);
        if (job.pinnedTo) expect(route.technicianId).toBe(job.pinnedTo);
      }
      if (route.lunch) expect(route.lunch.start >= '12:00' && route.lunch.end <= '14:00').toBe(true);
    }
    expect(day.unassigned).toEqual(
      expect.arrayContaining([
        { jobId: 'V19', reason: 'window_unreachable', detail: expect.stringContaining('fenêtre 08:00–08:30 inaccessible') },
        { jobId: 'V20', reason: 'no_skill', detail: 'aucun technicien n’a toutes les compétences demandées (climatisation)' },
      ]),
    );
    expect(day.totals.served + day.totals.unassigned).toBe(instance.jobs.length);
    expect(day.totals.km).toBeCloseTo(day.routes.reduce((s, route) => s + route.km, 0), 1);
    expect(day.verified).toBe(true);
    expect(day.solver).toMatchObject({ seed: 1, stoppedBy: 'iterations' });
    // Same file, same seed: the same plan.
    expect(JSON.parse(accueil('routes', 'solve', EXAMPLE, '--json').stdout).routes).toEqual(day.routes);
  });

  it('prints the day per technician in French', () => {
    const r = accueil('routes', 'solve', EXAMPLE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Tournées — 20 visites, 4 technicien\(s\) \(route = 1,3 × vol d’oiseau, 40 km\/h\)/);
    expect(r.stdout).toMatch(/^T1 \(gaz, plomberie\) — départ \d\d:\d\d, retour \d\d:\d\d · \d+,\d km, .+ de route$/m);
    expect(r.stdout).toMatch(/^ {2}\d\d:\d\d {2}V\d\d {2}\d+ min, fenêtre \d\d:\d\d–\d\d:\d\d, \d+,\d km/m);
    expect(r.stdout).toContain('pause déjeuner jusqu’à');
    expect(r.stdout).toContain('V20 — compétence : aucun technicien n’a toutes les compétences demandées (climatisation)');
    expect(r.stdout).toMatch(/^Total : \d+ visite\(s\) servie\(s\) sur 20 · \d+,\d km · \d+ h \d\d de route$/m);
  });

  it('refuses a bad instance with every problem, its line and field, in French (exit 1)', () => {
    const file = path.join(dir, 'journee.json');
    fs.writeFileSync(
      file,
      ['{', '  "technicians": [', '    { "id": "T1", "skills": ["gaz"], "start": { "lat": 48.1, "lon": -1.6 }, "end": { "lat": 48.1, "lon": -1.6 }, "shift": ["08:00", "17h"] }', '  ],', '  "jobs": [', '    { "id": "V1", "lat": 48.1, "lon": -1.7, "durationMin": "une heure", "window": ["08:00", "12:00"] }', '  ]', '}'].join('\n'),
    );
    const r = accueil('routes', 'solve', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('journee.json n’est pas une instance valide (2 problèmes) :');
    expect(r.stderr).toContain('journee.json, ligne 3 — technicians[0] « T1 » › shift[1] : heure attendue au format HH:MM');
    expect(r.stderr).toContain('journee.json, ligne 6 — jobs[0] « V1 » › durationMin : doit être un nombre, reçu "une heure"');
    fs.writeFileSync(file, '{ "jobs": [ }');
    expect(accueil('routes', 'solve', file).stderr).toMatch(/journee\.json, ligne 1, colonne \d+ : ce n’est pas du JSON valide/);
  });

  it('says when the file is missing (exit 1) and how to call it (exit 2)', () => {
    const missing = accueil('routes', 'solve', path.join(dir, 'absent.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('fichier introuvable');
    const usage = accueil('routes', 'optimise');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('routes attend « solve INSTANCE.json »');
  });
});
