import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, jsonOffsets, parseRouteInstance, RouteInstanceError } from './route-instance';

const GOOD = {
  speedKmh: 40,
  roadFactor: 1.3,
  technicians: [{ id: 'T1', skills: ['Gaz '], start: { lat: 48.13, lon: -1.62 }, end: { lat: 48.13, lon: -1.62 }, shift: ['08:00', '17:00'] }],
  jobs: [{ id: 'V1', lat: 48.11, lon: -1.68, durationMin: 60, window: ['08:00', '12:00'], skills: ['gaz'], pinnedTo: 'T1' }],
};

function problemsOf(text: string): string[] {
  try {
    parseRouteInstance(text, 'journee.json');
  } catch (error) {
    expect(error).toBeInstanceOf(RouteInstanceError);
    return (error as RouteInstanceError).problems;
  }
  throw new Error('accepted');
}

describe('route instance file', () => {
  it('reads the documented format into minutes, with the default lunch and skills compared without case', () => {
    const problem = parseRouteInstance(JSON.stringify(GOOD));
    expect(problem.travel).toEqual({ speedKmh: 40, roadFactor: 1.3 });
    expect(problem.technicians[0]).toMatchObject({ id: 'T1', skills: ['gaz'], shiftStart: 480, shiftEnd: 1020, lunch: { durationMin: 30, earliestStart: 720, latestEnd: 840 } });
    expect(problem.jobs[0]).toMatchObject({ id: 'V1', location: { lat: 48.11, lon: -1.68 }, windowStart: 480, windowEnd: 720, pinnedTo: 'T1' });
  });

  it('takes the travel model’s defaults when speed and road factor are left out, and a lunch rule per day or per technician', () => {
    const { speedKmh: _s, roadFactor: _r, ...rest } = GOOD;
    const problem = parseRouteInstance(
      JSON.stringify({ ...rest, lunch: { durationMin: 45, window: ['11:30', '14:00'] }, technicians: [...rest.technicians, { ...rest.technicians[0]!, id: 'T2', lunch: null }] }),
    );
    expect(problem.travel).toEqual({ speedKmh: 40, roadFactor: 1.3 });
    expect(problem.technicians.map((t) => t.lunch)).toEqual([{ durationMin: 45, earliestStart: 690, latestEnd: 840 }, null]);
  });

  it('points at the line and the field of each mistake, in French', () => {
    const text = JSON.stringify(
      {
        ...GOOD,
        jobs: [
          { id: 'V1', lat: 48.11, lng: -1.68, durationMin: 60, window: ['08:00', '25:00'], skills: ['gaz'] },
          { id: 'V2', lat: 48.11, lon: -1.68, durationMin: -5, window: ['14:00', '12:00'], skills: 'gaz', pinnedTo: 'T9' },
        ],
      },
      null,
      2,
    );
    const problems = problemsOf(text);
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(problems).toContain(`journee.json, ligne ${lineOf('"lng"')} — jobs[0] « V1 » › lng : champ inconnu (vouliez-vous « lon » ?)`);
    // A missing field points at its object.
    expect(problems.some((p) => p.includes('jobs[0] « V1 » › lon : champ obligatoire manquant (un nombre)'))).toBe(true);
    expect(problems).toContain(`journee.json, ligne ${lineOf('"25:00"')} — jobs[0] « V1 » › window[1] : heure attendue au format HH:MM, de 00:00 à 23:59 (ex. « 08:00 ») (reçu "25:00")`);
    expect(problems).toContain(`journee.json, ligne ${lineOf('"durationMin": -5')} — jobs[1] « V2 » › durationMin : doit être > 0 (reçu -5)`);
    expect(problems).toContain(`journee.json, ligne ${lineOf('"skills": "gaz"')} — jobs[1] « V2 » › skills : doit être une liste [...], reçu "gaz"`);
  });

  it('checks what spans fields: window order, unknown pinned technician, duplicate ids', () => {
    const text = JSON.stringify({
      ...GOOD,
      jobs: [
        { ...GOOD.jobs[0], window: ['14:00', '12:00'] },
        { ...GOOD.jobs[0], pinnedTo: 'T9' },
      ],
    });
    expect(problemsOf(text)).toEqual([
      'journee.json, ligne 1 — jobs[0] « V1 » › window : fenêtre d’arrivée : « 14:00 » doit précéder « 12:00 »',
      'journee.json, ligne 1 — jobs[1] « V1 » › id : identifiant « V1 » déjà utilisé par une autre visite',
      'journee.json, ligne 1 — jobs[1] « V1 » › pinnedTo : aucun technicien « T9 » (techniciens : T1)',
    ]);
  });

  it('says where a file that is not JSON breaks', () => {
    expect(problemsOf('{\n  "jobs": [\n    { "id": "V1", }\n  ]\n}')).toEqual(['journee.json, ligne 3, colonne 19 : ce n’est pas du JSON valide (caractère inattendu « } »)']);
    expect(problemsOf('{ "jobs": [ }')).toEqual(['journee.json, ligne 1, colonne 13 : ce n’est pas du JSON valide (caractère inattendu « } »)']);
    expect(problemsOf('{ "jobs": [1, 2')).toEqual(['journee.json, ligne 1, colonne 16 : ce n’est pas du JSON valide (fin du fichier inattendue)']);
    expect(problemsOf('{ "speedKmh": 40, }\n')).toEqual(['journee.json, ligne 1, colonne 19 : ce n’est pas du JSON valide (caractère inattendu « } »)']);
  });

  it('finds the first offending character of any text JSON.parse refuses, and none in one it accepts', () => {
    const offsets: Array<[string, number]> = [['', 0], ['{', 1], ['{"a":}', 5], ['[1,]', 3], ['{"a" 1}', 5], ['"\\x"', 2], ['01', 1], ['[1] 2', 4], ['{"a":tru}', 5], ['"a\nb"', 2], ['1.', 1], ['{"a":1,}', 7]];
    for (const [bad, at] of offsets) {
      expect(() => JSON.parse(bad), bad).toThrow();
      expect(jsonErrorOffset(bad), bad).toBe(at);
    }
    for (const good of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"]} ', '0']) expect(jsonErrorOffset(good), good).toBe(good.length);
  });

  it('locates every value of a JSON text by its path', () => {
    const text = '{\n  "a": [1, {"b": "x"}],\n  "c": null\n}';
    const at = jsonOffsets(text);
    expect(text.slice(at.get('a.1.b')!, at.get('a.1.b')! + 3)).toBe('"b"');
    expect(text.slice(at.get('a.0')!, at.get('a.0')! + 1)).toBe('1');
    expect(text.slice(at.get('c')!, at.get('c')! + 3)).toBe('"c"');
  });
});
