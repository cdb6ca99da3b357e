/**
 * The documented instance file (`accueil routes solve INSTANCE.json`, README « Tournées »), read
 * with zod. A bad file is refused with every problem at once, each with its line in the file, the
 * field (`jobs[3] « J4 » › window[1]`) and what was expected, in French: the person who wrote the
 * file by hand or by script must be able to fix it without reading this code.
 */
import { z } from 'zod';
import { isClockTime, minutesOfDay } from './clock-time';
import { DEFAULT_LUNCH_RULE, type LunchRule, type RoutingProblem } from './route-model';
import { DEFAULT_TRAVEL_MODEL } from './travel-model';

const CLOCK = 'heure attendue au format HH:MM, de 00:00 à 23:59 (ex. « 08:00 »)';
const clock = z.string().refine(isClockTime, CLOCK);
const point = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).strict();
const skills = z.array(z.string().trim().min(1)).default([]);
const lunch = z
  .object({ durationMin: z.number().int().min(0).max(180), window: z.tuple([clock, clock]) })
  .strict()
  .nullable();

const technician = z
  .object({ id: z.string().trim().min(1), skills, start: point, end: point, shift: z.tuple([clock, clock]), lunch: lunch.optional() })
  .strict();
const job = z
  .object({
    id: z.string().trim().min(1),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    durationMin: z.number().positive().max(720),
    window: z.tuple([clock, clock]),
    skills,
    pinnedTo: z.string().trim().min(1).nullable().optional(),
  })
  .strict();

export const RouteInstanceSchema = z
  .object({
    speedKmh: z.number().positive().max(130).default(DEFAULT_TRAVEL_MODEL.speedKmh),
    roadFactor: z.number().min(1).max(3).default(DEFAULT_TRAVEL_MODEL.roadFactor),
    lunch: lunch.optional(),
    technicians: z.array(technician).min(1),
    jobs: z.array(job),
  })
  .strict()
  .superRefine((instance, ctx) => {
    const ordered = (pair: [string, string], path: (string | number)[], what: string, strict: boolean) => {
      const [from, to] = pair.map(minutesOfDay) as [number, number];
      if (strict ? from >= to : from > to) ctx.addIssue({ code: 'custom', path, message: `${what} : « ${pair[0]} » doit précéder « ${pair[1]} »` });
    };
    const lunchFits = (l: z.infer<typeof lunch> | undefined, path: (string | number)[]) => {
      if (!l) return;
      const span = minutesOfDay(l.window[1]) - minutesOfDay(l.window[0]);
      if (span < l.durationMin) ctx.addIssue({ code: 'custom', path, message: `la pause de ${l.durationMin} min ne tient pas entre ${l.window[0]} et ${l.window[1]}` });
    };
    lunchFits(instance.lunch, ['lunch']);
    const techIds = new Set<string>();
    instance.technicians.forEach((t, i) => {
      if (techIds.has(t.id)) ctx.addIssue({ code: 'custom', path: ['technicians', i, 'id'], message: `identifiant « ${t.id} » déjà utilisé par un autre technicien` });
      techIds.add(t.id);
      ordered(t.shift, ['technicians', i, 'shift'], 'journée', true);
      lunchFits(t.lunch, ['technicians', i, 'lunch']);
    });
    const jobIds = new Set<string>();
    instance.jobs.forEach((j, i) => {
      if (jobIds.has(j.id)) ctx.addIssue({ code: 'custom', path: ['jobs', i, 'id'], message: `identifiant « ${j.id} » déjà utilisé par une autre visite` });
      jobIds.add(j.id);
      ordered(j.window, ['jobs', i, 'window'], 'fenêtre d’arrivée', false);
      if (j.pinnedTo && !techIds.has(j.pinnedTo))
        ctx.addIssue({ code: 'custom', path: ['jobs', i, 'pinnedTo'], message: `aucun technicien « ${j.pinnedTo} » (techniciens : ${[...techIds].join(', ')})` });
    });
  });

export type RouteInstance = z.input<typeof RouteInstanceSchema>;

export class RouteInstanceError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Skills are compared without case or surrounding spaces (« Gaz » = « gaz »). */
const skillKey = (s: string) => s.trim().toLocaleLowerCase('fr');

function lunchRule(l: { durationMin: number; window: [string, string] } | null | undefined, fallback: LunchRule | null): LunchRule | null {
  if (l === undefined) return fallback;
  if (l === null || l.durationMin === 0) return null;
  return { durationMin: l.durationMin, earliestStart: minutesOfDay(l.window[0]), latestEnd: minutesOfDay(l.window[1]) };
}

/** A validated instance as the solver's problem (times in minutes, defaults filled in). */
export function problemOf(instance: z.output<typeof RouteInstanceSchema>): RoutingProblem {
  const dayLunch = lunchRule(instance.lunch, DEFAULT_LUNCH_RULE);
  return {
    travel: { speedKmh: instance.speedKmh, roadFactor: instance.roadFactor },
    technicians: instance.technicians.map((t) => ({
      id: t.id,
      skills: t.skills.map(skillKey),
      start: t.start,
      end: t.end,
      shiftStart: minutesOfDay(t.shift[0]),
      shiftEnd: minutesOfDay(t.shift[1]),
      lunch: lunchRule(t.lunch, dayLunch),
    })),
    jobs: instance.jobs.map((j) => ({
      id: j.id,
      location: { lat: j.lat, lon: j.lon },
      durationMin: j.durationMin,
      windowStart: minutesOfDay(j.window[0]),
      windowEnd: minutesOfDay(j.window[1]),
      skills: j.skills.map(skillKey),
      pinnedTo: j.pinnedTo ?? null,
    })),
  };
}

/** An instance already in memory (generated, or sent by the planning board). */
export function problemFromInstance(value: unknown): RoutingProblem {
  const parsed = RouteInstanceSchema.safeParse(value);
  if (!parsed.success) throw new RouteInstanceError(parsed.error.issues.map((issue) => describeIssue(issue, value)));
  return problemOf(parsed.data);
}

/** The text of an instance file: JSON, then the schema; every problem with its line. */
export function parseRouteInstance(text: string, fileName = 'instance'): RoutingProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // V8's messages are English and do not always give the position: find it ourselves.
    const at = jsonErrorOffset(text);
    const what = at >= text.length ? 'fin du fichier inattendue' : `caractère inattendu « ${text[at]} »`;
    throw new RouteInstanceError([`${fileName}, ${lineAndColumn(text, at)} : ce n’est pas du JSON valide (${what})`]);
  }
  const parsed = RouteInstanceSchema.safeParse(value);
  if (!parsed.success) {
    const offsets = jsonOffsets(text);
    // In the order of the file, so that they read top to bottom beside it.
    const located = parsed.error.issues.map((issue) => ({ line: lineOf(text, offsets, issue), text: describeIssue(issue, value) }));
    located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new RouteInstanceError(located.map((p) => `${fileName}${p.line === null ? '' : `, ligne ${p.line}`} — ${p.text}`));
  }
  return problemOf(parsed.data);
}

// ——— messages ———

type Issue = z.core.$ZodIssue;

const HINTS: Record<string, string> = {
  lng: 'lon',
  long: 'lon',
  longitude: 'lon',
  latitude: 'lat',
  duration: 'durationMin',
  duree: 'durationMin',
  pinned: 'pinnedTo',
  timeWindow: 'window',
  speed: 'speedKmh',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function shown(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

const TYPE_NAMES: Record<string, string> = { number: 'un nombre', string: 'un texte', array: 'une liste [...]', object: 'un objet {...}', boolean: 'vrai ou faux', tuple: 'une paire ["HH:MM", "HH:MM"]' };

/** `jobs[3] « J4 » › window[1]`: the field, and the id of the job or technician it belongs to. */
function fieldName(path: readonly PropertyKey[], root: unknown): string {
  if (path.length === 0) return 'le fichier';
  const parts: string[] = [];
  path.forEach((key, i) => {
    if (typeof key === 'number') {
      const element = valueAt(root, path.slice(0, i + 1));
      const id = element !== null && typeof element === 'object' ? (element as { id?: unknown }).id : undefined;
      parts[parts.length - 1] += `[${key}]${typeof id === 'string' && i === 1 ? ` « ${id} »` : ''}`;
    } else parts.push(String(key));
  });
  return parts.join(' › ');
}

export function describeIssue(issue: Issue, root: unknown): string {
  const field = fieldName(issue.path, root);
  const value = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `${field} : champ obligatoire manquant (${TYPE_NAMES[issue.expected] ?? issue.expected})`;
      return `${field} : doit être ${TYPE_NAMES[issue.expected] ?? issue.expected}, reçu ${shown(value)}`;
    case 'too_small':
      if (issue.origin === 'array') return `${field} : au moins ${issue.minimum} élément(s) attendu(s)`;
      if (issue.origin === 'string') return `${field} : ne doit pas être vide`;
      return `${field} : doit être ${issue.inclusive ? '≥' : '>'} ${issue.minimum} (reçu ${shown(value)})`;
    case 'too_big':
      if (issue.origin === 'array') return `${field} : au plus ${issue.maximum} élément(s) attendu(s)`;
      return `${field} : doit être ${issue.inclusive ? '≤' : '<'} ${issue.maximum} (reçu ${shown(value)})`;
    case 'unrecognized_keys':
      return issue.keys.map((k) => `${fieldName([...issue.path, k], root)} : champ inconnu${HINTS[k] ? ` (vouliez-vous « ${HINTS[k]} » ?)` : ''}`).join(' ; ');
    case 'custom':
      return `${field} : ${issue.message}${issue.message === CLOCK ? ` (reçu ${shown(value)})` : ''}`;
    case 'invalid_format':
      return `${field} : format invalide (reçu ${shown(value)})`;
    default:
      return `${field} : valeur refusée (${issue.message})`;
  }
}

// ——— where in the file ———

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `ligne ${line}, colonne ${offset - before.lastIndexOf('\n')}`;
}

function lineOf(text: string, offsets: Map<string, number>, issue: Issue): number | null {
  const path = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...issue.path, issue.keys[0]] : [...issue.path];
  // The deepest part of the path present in the file (a missing field: its object).
  for (let depth = path.length; depth >= 0; depth--) {
    const at = offsets.get(path.slice(0, depth).map(String).join('.'));
    if (at !== undefined) return text.slice(0, at).split('\n').length;
  }
  return null;
}

/**
 * Where each value starts in a JSON text already known to parse, by path ("jobs.3.window.1"); an
 * object member is located at its key, so a line points at `"window": …`.
 */
export function jsonOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string, at: number) => {
    space();
    offsets.set(path, at < 0 ? i : at);
    const c = text[i];
    const child = (key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
    if (c === '{') {
      i++;
      space();
      while (text[i] !== '}') {
        const keyAt = i;
        const key = string();
        space();
        i++; // ':'
        value(child(key), keyAt);
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
    } else if (c === '[') {
      i++;
      space();
      let index = 0;
      while (text[i] !== ']') {
        value(child(index++), -1);
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
    } else if (c === '"') string();
    else while (i < text.length && !',]} \t\r\n'.includes(text[i]!)) i++;
  };
  value('', -1);
  return offsets;
}

/** Where a JSON text stops being JSON (RFC 8259 grammar), or text.length if it ends too early. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const expect = (c: string) => (text[i] === c ? i++ : fail());
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail();
      } else i++;
    }
    expect('"');
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        string();
        space();
        expect(':');
        value();
        space();
        if (text[i] === ',') i++;
        else return void expect('}');
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else return void expect(']');
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    const number = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if (!number.exec(text) || number.lastIndex === i) fail();
    i = number.lastIndex;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return text.length;
  } catch (offset) {
    if (typeof offset === 'number') return Math.min(offset, text.length);
    throw offset;
  }
}
