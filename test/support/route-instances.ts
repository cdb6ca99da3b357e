/**
 * Seeded days of work around Rennes, for the routes' tests and bench: the kind of day a heating and
 * plumbing firm based in Cesson-Sévigné plans — boiler services, breakdowns, heat pumps, electrics —
 * in the communes of Rennes Métropole and around (up to ~40 km), with half-day and two-hour arrival
 * windows, a few pinned visits, technicians leaving from the depot or from home.
 *
 * Commune centres are approximate (to about a kilometre): good enough to make realistic distances,
 * not a geocoder. The same seed gives the same day everywhere.
 */
import type { RouteInstance } from '../../electron/services/interventions/routes/route-instance';
import { randomInt, seededRandom, type Random } from '../../electron/services/interventions/routes/seeded-random';

/** [name, lat, lon, weight] — weight ≈ how many calls the commune gives. */
const COMMUNES: Array<[string, number, number, number]> = [
  ['Rennes', 48.1114, -1.68, 12],
  ['Cesson-Sévigné', 48.1211, -1.6031, 3],
  ['Saint-Grégoire', 48.1514, -1.6856, 2],
  ['Betton', 48.1828, -1.6428, 2],
  ['Thorigné-Fouillard', 48.1597, -1.5778, 1],
  ['Chantepie', 48.0886, -1.6161, 2],
  ['Saint-Jacques-de-la-Lande', 48.0906, -1.7189, 2],
  ['Bruz', 48.0247, -1.7458, 2],
  ['Chartres-de-Bretagne', 48.04, -1.7056, 1],
  ['Vezin-le-Coquet', 48.1183, -1.7533, 1],
  ['Pacé', 48.1481, -1.7736, 2],
  ['Le Rheu', 48.1011, -1.795, 1],
  ['Mordelles', 48.0747, -1.8447, 1],
  ['L’Hermitage', 48.1228, -1.8247, 1],
  ['Montgermont', 48.1558, -1.7167, 1],
  ['Melesse', 48.2175, -1.6947, 1],
  ['Acigné', 48.1336, -1.5356, 1],
  ['Noyal-sur-Vilaine', 48.1122, -1.5236, 1],
  ['Châteaugiron', 48.0467, -1.5036, 1],
  ['Vern-sur-Seiche', 48.0453, -1.6019, 1],
  ['Noyal-Châtillon-sur-Seiche', 48.0522, -1.6661, 1],
  ['Liffré', 48.2136, -1.5072, 1],
  ['Guichen', 47.9675, -1.795, 1],
  ['Janzé', 47.9608, -1.4986, 1],
  ['Montfort-sur-Meu', 48.1378, -1.9553, 1],
  ['Vitré', 48.1236, -1.2097, 1],
  ['Saint-Aubin-du-Cormier', 48.26, -1.3989, 1],
  ['Saint-Aubin-d’Aubigné', 48.2594, -1.6033, 1],
];

export const DEPOT = { lat: 48.13, lon: -1.62 };

/** [skills, shortest, longest duration in minutes, weight] */
const JOB_KINDS: Array<[string[], number, number, number]> = [
  [['gaz'], 45, 60, 35], // entretien chaudière gaz
  [['fioul'], 60, 60, 8], // entretien chaudière fioul
  [['pac'], 60, 90, 14], // pompe à chaleur
  [['plomberie'], 30, 75, 25], // dépannage plomberie
  [['electricite'], 30, 60, 14], // électricité
  [['gaz', 'plomberie'], 120, 120, 4], // remplacement de chaudière
];

const TECHNICIAN_SKILLS = [
  ['gaz', 'plomberie'],
  ['gaz', 'fioul', 'plomberie'],
  ['pac', 'electricite', 'gaz'],
  ['plomberie', 'electricite', 'pac'],
];

/** Half-days (most calls) and two-hour windows. */
const WINDOWS: Array<[[string, string], number]> = [
  [['08:00', '12:00'], 30],
  [['13:30', '16:30'], 25],
  [['08:00', '10:00'], 12],
  [['10:00', '12:00'], 12],
  [['13:30', '15:30'], 11],
  [['14:30', '16:30'], 10],
];

function pick<T>(random: Random, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, weight]) => s + weight, 0);
  let x = random() * total;
  for (const [item, weight] of items) {
    x -= weight;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** A point near a commune centre (≈ ±2 km): the houses are not all at the town hall. */
function near(random: Random, lat: number, lon: number, km = 2): { lat: number; lon: number } {
  const dLat = ((random() + random() - 1) * km) / 111.2;
  const dLon = ((random() + random() - 1) * km) / (111.2 * Math.cos((lat * Math.PI) / 180));
  return { lat: Math.round((lat + dLat) * 1e5) / 1e5, lon: Math.round((lon + dLon) * 1e5) / 1e5 };
}

export interface GeneratedDayOptions {
  seed: number;
  technicians?: number;
  jobs?: number;
  /** Share of jobs pinned to a qualified technician (default 0.1). */
  pinnedShare?: number;
  /** Every technician has every skill (small days for the exact solver: skills would decide alone). */
  allSkills?: boolean;
  /** Lunch rule for the whole day; undefined = the default (30 min between 12:00 and 14:00). */
  lunch?: RouteInstance['lunch'];
}

export function generateRennesDay(options: GeneratedDayOptions): RouteInstance {
  const random = seededRandom(options.seed);
  const technicianCount = options.technicians ?? 4;
  const jobCount = options.jobs ?? 20 + randomInt(random, 11);
  const technicians = Array.from({ length: technicianCount }, (_, t) => {
    const fromHome = random() < 0.5;
    const home = fromHome ? pick(random, COMMUNES.map((c) => [[c[1], c[2]], c[3]] as const)) : null;
    const place = home ? near(random, home[0], home[1]) : DEPOT;
    return {
      id: `T${t + 1}`,
      skills: options.allSkills ? [...new Set(TECHNICIAN_SKILLS.flat())] : TECHNICIAN_SKILLS[t % TECHNICIAN_SKILLS.length]!,
      start: place,
      end: place,
      shift: (random() < 0.8 ? ['08:00', '17:00'] : ['08:30', '17:30']) as [string, string],
    };
  });
  const jobs = Array.from({ length: jobCount }, (_, j) => {
    const [, lat, lon] = pick(random, COMMUNES.map((c) => [c, c[3]] as const));
    const kind = pick(random, JOB_KINDS.map((k) => [k, k[3]] as const));
    const duration = Math.round((kind[1] + random() * (kind[2] - kind[1])) / 15) * 15;
    const able = technicians.filter((t) => kind[0].every((s) => t.skills.includes(s)));
    const pinned = able.length > 0 && random() < (options.pinnedShare ?? 0.1) ? able[randomInt(random, able.length)]!.id : undefined;
    return {
      id: `V${String(j + 1).padStart(2, '0')}`,
      ...near(random, lat, lon),
      durationMin: duration,
      window: pick(random, WINDOWS),
      skills: kind[0],
      ...(pinned ? { pinnedTo: pinned } : {}),
    };
  });
  return { speedKmh: 40, roadFactor: 1.3, ...(options.lunch !== undefined ? { lunch: options.lunch } : {}), technicians, jobs };
}
