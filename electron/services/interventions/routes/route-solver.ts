/**
 * The day's routes: who does which job, in which order. Pure (no I/O, no clock but the optional
 * time cap), deterministic for a given seed.
 *
 * 1. Construction by regret insertion: repeatedly place the job whose best place is the most
 *    better than its second-best technician (a job only one technician can do goes first, so
 *    pinned and rare-skill jobs are not crowded out), at its cheapest feasible place.
 * 2. Local search to a local optimum: insert a left-out job; move one to three consecutive jobs
 *    elsewhere, reversed or not (relocate, or-opt), in the same day or another; swap two jobs;
 *    reverse a stretch of a day (2-opt); exchange the ends of two days (2-opt*).
 * 3. Ruin and recreate (large neighbourhood search): take out a few related jobs (near each
 *    other, or at random, or one technician's whole day), put them back by regret or randomised
 *    cheapest insertion, descend again; keep the result if not worse than the current one by more
 *    than a threshold that shrinks to zero, and always keep the best seen.
 *
 * Every candidate is checked by RoutingTable.evaluate (windows, shift, lunch, skills, pins); the
 * comparison is lexicographic: more jobs served first, then fewer km.
 */
import type { RoutePlan, RoutingProblem, UnassignedJob } from './route-model';
import { EPSILON, RoutingTable } from './route-schedule';
import { randomInt, seededRandom, type Random } from './seeded-random';
import { explainImpossible, explainNoRoom } from './unassigned-reasons';

export interface SolveOptions {
  /** Seed of the randomised search (same seed, same answer). Default 1. */
  seed?: number;
  /** Ruin-and-recreate rounds after the first descent. Default 400. */
  iterations?: number;
  /**
   * Safety cap in ms (default 5 000): past it the search stops with the best found so far. The
   * rounds are what bound the time (a few hundred ms for 4 technicians × 30 jobs, README
   * « Mesures »); the cap is for much larger days or a starved machine, and only then does the
   * answer depend on the machine — the report says so (`stoppedBy: 'time'`).
   */
  maxMillis?: number;
  /** The clock for the cap (tests may pass a fake one). */
  now?: () => number;
}

export interface SolveReport {
  plan: RoutePlan;
  stoppedBy: 'iterations' | 'time';
  iterations: number;
  elapsedMs: number;
}

export const DEFAULT_ITERATIONS = 400;
const DEFAULT_MAX_MILLIS = 5_000;
/** Independent starts the rounds are shared between (one per 25 rounds at least). */
const STARTS = 4;
/** One more job served outweighs any distance (a day is far below a million km). */
const JOB_WEIGHT = 1e6;

/** A solution under search: job indices per technician, and each day's km. */
interface Routing {
  routes: number[][];
  km: number[];
  served: number;
}

function cost(r: Routing): number {
  let km = 0;
  for (const k of r.km) km += k;
  return km - r.served * JOB_WEIGHT;
}

function copy(r: Routing): Routing {
  return { routes: r.routes.map((x) => [...x]), km: [...r.km], served: r.served };
}

export function solveRoutes(problem: RoutingProblem, options: SolveOptions = {}): SolveReport {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const table = new RoutingTable(problem);
  const search = new RouteSearch(table, seededRandom(options.seed ?? 1));
  const deadline = started + (options.maxMillis ?? DEFAULT_MAX_MILLIS);
  const { best, rounds, stoppedBy } = search.run(options.iterations ?? DEFAULT_ITERATIONS, () => now() > deadline);
  return { plan: planOf(table, best.routes), stoppedBy, iterations: rounds, elapsedMs: now() - started };
}

/** The cheapest-insertion start alone, without the search (the bench's « without local search »). */
export function constructRoutes(problem: RoutingProblem): RoutePlan {
  const table = new RoutingTable(problem);
  const search = new RouteSearch(table, seededRandom(1));
  return planOf(table, search.construct().routes);
}

/** The timetables and reasons of a set of days (job indices per technician). */
export function planOf(table: RoutingTable, routes: readonly (readonly number[])[]): RoutePlan {
  const planned = routes.map((seq, t) => table.plan(t, [...seq]));
  const served = new Set(routes.flat());
  const unassigned: UnassignedJob[] = [];
  for (let j = 0; j < table.jobCount; j++) if (!served.has(j)) unassigned.push(explainImpossible(table, j) ?? explainNoRoom(table, j));
  const km = planned.reduce((s, r) => s + r.km, 0);
  const travelMin = planned.reduce((s, r) => s + r.travelMin, 0);
  return { routes: planned, unassigned, totals: { served: served.size, unassigned: unassigned.length, km, travelMin } };
}

class RouteSearch {
  /** Jobs some technician can do alone: the others are never worth a try. */
  private readonly pool: number[];
  private readonly buffer: Int32Array;
  /** Each job's other jobs, nearest first (for related removals). */
  private readonly neighbours: number[][];

  constructor(
    private readonly table: RoutingTable,
    private readonly random: Random,
  ) {
    const { jobCount, technicianCount } = table;
    this.pool = [];
    for (let j = 0; j < jobCount; j++) {
      for (let t = 0; t < technicianCount; t++)
        if (table.canDo(t, j) && table.evaluate(t, [j]) !== Infinity) {
          this.pool.push(j);
          break;
        }
    }
    this.buffer = new Int32Array(jobCount + 4);
    this.neighbours = Array.from({ length: jobCount }, (_, j) =>
      this.pool.filter((k) => k !== j).sort((x, y) => table.km[j * table.size + x]! - table.km[j * table.size + y]! || x - y),
    );
  }

  /**
   * Several searches from different starts (the regret construction, then noisy ones), the rounds
   * shared between them: a day that is hard to pack (tight windows, pins) can hold a better
   * arrangement that no sequence of small moves reaches from one start.
   */
  run(iterations: number, outOfTime: () => boolean): { best: Routing; rounds: number; stoppedBy: 'iterations' | 'time' } {
    const starts = Math.max(1, Math.min(STARTS, Math.floor(iterations / 25)));
    let best: Routing | null = null;
    let rounds = 0;
    for (let s = 0; s < starts; s++) {
      const share = Math.floor(iterations / starts) + (s < iterations % starts ? 1 : 0);
      const result = this.searchFrom(s === 0 ? this.construct() : s % 2 ? this.construct(0.5) : this.constructInRandomOrder(), share, outOfTime);
      rounds += result.rounds;
      if (!best || cost(result.best) < cost(best) - EPSILON) best = result.best;
      if (result.stoppedBy === 'time') return { best, rounds, stoppedBy: 'time' };
    }
    return { best: best!, rounds, stoppedBy: 'iterations' };
  }

  private searchFrom(start: Routing, iterations: number, outOfTime: () => boolean): { best: Routing; rounds: number; stoppedBy: 'iterations' | 'time' } {
    let current = start;
    this.descend(current);
    let best = copy(current);
    const startKm = Math.max(1, best.km.reduce((s, k) => s + k, 0));
    let rounds = 0;
    for (; rounds < iterations; rounds++) {
      if (outOfTime()) return { best, rounds, stoppedBy: 'time' };
      if (current.served === 0) break;
      const candidate = copy(current);
      const removed = this.ruin(candidate);
      if (removed.length === 0) continue;
      this.recreate(candidate, removed);
      this.descend(candidate);
      // Threshold accepting: a slightly worse day may lead somewhere better; the threshold
      // (2 % of the first solution's km) shrinks to nothing over the rounds.
      const threshold = 0.02 * startKm * (1 - rounds / iterations);
      if (cost(candidate) <= cost(current) + threshold) current = candidate;
      if (cost(current) < cost(best) - EPSILON) best = copy(current);
    }
    return { best, rounds, stoppedBy: 'iterations' };
  }

  private constructInRandomOrder(): Routing {
    const r: Routing = { routes: Array.from({ length: this.table.technicianCount }, () => []), km: new Array<number>(this.table.technicianCount).fill(0), served: 0 };
    this.cheapestInsertInOrder(r, this.shuffled(this.pool));
    return r;
  }

  construct(noise = 0): Routing {
    const r: Routing = { routes: Array.from({ length: this.table.technicianCount }, () => []), km: new Array<number>(this.table.technicianCount).fill(0), served: 0 };
    this.regretInsert(r, [...this.pool], noise);
    return r;
  }

  // ——— insertion ———

  /** Cheapest feasible place for `jobs` (a segment) in technician t's day: km added, position. */
  private bestPlace(r: Routing, t: number, jobs: readonly number[], skip = -1): { delta: number; pos: number } {
    const table = this.table;
    for (const j of jobs) if (!table.canDo(t, j)) return { delta: Infinity, pos: -1 };
    const seq = r.routes[t]!;
    const n = table.size;
    const first = jobs[0]!;
    const last = jobs[jobs.length - 1]!;
    let inner = 0;
    for (let i = 1; i < jobs.length; i++) inner += table.km[jobs[i - 1]! * n + jobs[i]!]!;
    let best = { delta: Infinity, pos: -1 };
    for (let pos = 0; pos <= seq.length; pos++) {
      if (pos === skip) continue;
      const before = pos === 0 ? table.startOf(t) : seq[pos - 1]!;
      const after = pos === seq.length ? table.endOf(t) : seq[pos]!;
      const bound =
        seq.length === 0
          ? table.km[before * n + first]! + inner + table.km[last * n + after]!
          : table.km[before * n + first]! + inner + table.km[last * n + after]! - table.km[before * n + after]!;
      if (bound >= best.delta - EPSILON) continue;
      const length = this.fill(seq, pos, jobs);
      const km = table.evaluate(t, this.buffer, length);
      if (km === Infinity) continue;
      const delta = km - r.km[t]!;
      if (delta < best.delta - EPSILON) best = { delta, pos };
    }
    return best;
  }

  /** seq with `jobs` inserted at pos, into the scratch buffer; returns the length. */
  private fill(seq: readonly number[], pos: number, jobs: readonly number[]): number {
    let k = 0;
    for (let i = 0; i < pos; i++) this.buffer[k++] = seq[i]!;
    for (const j of jobs) this.buffer[k++] = j;
    for (let i = pos; i < seq.length; i++) this.buffer[k++] = seq[i]!;
    return k;
  }

  private insertAt(r: Routing, t: number, pos: number, jobs: readonly number[]): void {
    r.routes[t]!.splice(pos, 0, ...jobs);
    r.km[t] = this.table.evaluate(t, r.routes[t]!);
    r.served += jobs.length;
  }

  /**
   * Regret-2 insertion of `pending`: the job with the largest gap between its best and second-best
   * technician first (only one able technician = the largest gap), ties to the cheaper place, then
   * to the lower index. Places are cached per (job, technician) and recomputed for the changed day.
   */
  private regretInsert(r: Routing, pending: number[], noise = 0): void {
    const T = this.table.technicianCount;
    const places = new Map<number, Array<{ delta: number; pos: number }>>();
    for (const j of pending) places.set(j, Array.from({ length: T }, (_, t) => this.bestPlace(r, t, [j])));
    const left = new Set(pending);
    while (left.size > 0) {
      let chosen = -1;
      let chosenRegret = -Infinity;
      let chosenDelta = Infinity;
      let chosenTech = -1;
      for (const j of left) {
        const options = places.get(j)!;
        let bestT = -1;
        let first = Infinity;
        let second = Infinity;
        options.forEach((o, t) => {
          if (o.delta < first) {
            second = first;
            first = o.delta;
            bestT = t;
          } else if (o.delta < second) second = o.delta;
        });
        if (bestT === -1) continue;
        let regret = second === Infinity ? JOB_WEIGHT : second - first;
        if (noise > 0) regret *= 1 + noise * (this.random() - 0.5);
        if (regret > chosenRegret + EPSILON || (Math.abs(regret - chosenRegret) <= EPSILON && first < chosenDelta)) {
          chosen = j;
          chosenRegret = regret;
          chosenDelta = first;
          chosenTech = bestT;
        }
      }
      if (chosen === -1) return;
      this.insertAt(r, chosenTech, places.get(chosen)![chosenTech]!.pos, [chosen]);
      left.delete(chosen);
      for (const j of left) places.get(j)![chosenTech] = this.bestPlace(r, chosenTech, [j]);
    }
  }

  /** Cheapest insertion in the given (random) order: diversity for the recreate step. */
  private cheapestInsertInOrder(r: Routing, pending: number[]): void {
    for (const j of pending) {
      let best = { delta: Infinity, pos: -1, t: -1 };
      for (let t = 0; t < this.table.technicianCount; t++) {
        const p = this.bestPlace(r, t, [j]);
        if (p.delta < best.delta) best = { ...p, t };
      }
      if (best.t !== -1) this.insertAt(r, best.t, best.pos, [j]);
    }
  }

  // ——— ruin and recreate ———

  private unserved(r: Routing): number[] {
    const served = new Set(r.routes.flat());
    return this.pool.filter((j) => !served.has(j));
  }

  /**
   * Takes a few served jobs out; which ones is drawn: around a job left out (to make room for it),
   * around a served job (related removal), at random, or a technician's whole day.
   */
  private ruin(r: Routing): number[] {
    const assigned = r.routes.flat();
    if (assigned.length === 0) return [];
    // Mostly small ruins (2 to ~30 % of the jobs); one in ten takes out up to 60 %, to leave a deep valley.
    const share = this.random() < 0.1 ? 0.6 : 0.3;
    const count = Math.min(assigned.length, 2 + randomInt(this.random, Math.max(1, Math.min(share === 0.6 ? 20 : 10, Math.ceil(assigned.length * share)))));
    const inDay = new Set(assigned);
    const left = this.unserved(r);
    const kind = this.random();
    let removed: number[];
    if (left.length > 0 && kind < 0.3) {
      const wanted = left[randomInt(this.random, left.length)]!;
      removed = this.neighbours[wanted]!.filter((k) => inDay.has(k)).slice(0, count);
    } else if (kind < 0.6) {
      const seed = assigned[randomInt(this.random, assigned.length)]!;
      removed = [seed, ...this.neighbours[seed]!.filter((k) => inDay.has(k)).slice(0, count - 1)];
    } else if (kind < 0.85) {
      removed = [];
      const candidates = [...assigned];
      while (removed.length < count) removed.push(candidates.splice(randomInt(this.random, candidates.length), 1)[0]!);
    } else {
      const days = r.routes.map((_, t) => t).filter((t) => r.routes[t]!.length > 0);
      removed = [...r.routes[days[randomInt(this.random, days.length)]!]!];
    }
    const gone = new Set(removed);
    const kept = r.routes.map((seq) => seq.filter((j) => !gone.has(j)));
    const km = kept.map((seq, t) => (seq.length === r.routes[t]!.length ? r.km[t]! : this.table.evaluate(t, seq)));
    // Taking jobs out never breaks a day (route-properties.test.ts checks it); if it ever did, skip the round.
    if (km.some((k) => k === Infinity)) return [];
    r.routes = kept;
    r.km = km;
    r.served -= removed.length;
    return removed;
  }

  /**
   * Puts back the removed jobs and tries the left-out ones: by regret with noise, by cheapest
   * insertion in a random order, or the left-out ones first (they get the room just made).
   */
  private recreate(r: Routing, removed: number[]): void {
    const left = this.unserved(r).filter((j) => !removed.includes(j));
    const kind = this.random();
    if (kind < 0.45) return this.regretInsert(r, [...removed, ...left], 0.3);
    if (kind < 0.75 && left.length > 0) {
      this.cheapestInsertInOrder(r, this.shuffled(left));
      return this.regretInsert(r, [...removed, ...this.unserved(r).filter((j) => !removed.includes(j))], 0.3);
    }
    this.cheapestInsertInOrder(r, this.shuffled([...removed, ...left]));
  }

  private shuffled(items: number[]): number[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const k = randomInt(this.random, i + 1);
      [out[i], out[k]] = [out[k]!, out[i]!];
    }
    return out;
  }

  // ——— local search ———

  /** First-improvement descent over every neighbourhood until none improves. */
  descend(r: Routing): void {
    for (let guard = 0; guard < 1_000; guard++) {
      const improved = this.insertUnserved(r) || this.ejectForUnserved(r) || this.relocateSegments(r) || this.swapJobs(r) || this.reverseStretches(r) || this.exchangeTails(r);
      if (!improved) return;
    }
  }

  private insertUnserved(r: Routing): boolean {
    let any = false;
    for (const j of this.unserved(r)) {
      let best = { delta: Infinity, pos: -1, t: -1 };
      for (let t = 0; t < this.table.technicianCount; t++) {
        const p = this.bestPlace(r, t, [j]);
        if (p.delta < best.delta) best = { ...p, t };
      }
      if (best.t !== -1) {
        this.insertAt(r, best.t, best.pos, [j]);
        any = true;
      }
    }
    return any;
  }

  /**
   * A job left out takes the place of a served one, which moves to another place (one more served),
   * or stays out if that drives less (as many served, fewer km): an ejection chain of depth two,
   * the move that finds room the single moves cannot.
   */
  private ejectForUnserved(r: Routing): boolean {
    const table = this.table;
    const T = table.technicianCount;
    for (const u of this.unserved(r)) {
      for (let t = 0; t < T; t++) {
        if (!table.canDo(t, u)) continue;
        const seq = r.routes[t]!;
        for (let i = 0; i < seq.length; i++) {
          const ejected = seq[i]!;
          const rest = [...seq.slice(0, i), ...seq.slice(i + 1)];
          const restKm = table.evaluate(t, rest);
          if (restKm === Infinity) continue;
          const trial: Routing = { routes: r.routes.map((x, k) => (k === t ? rest : x)), km: r.km.map((k, x) => (x === t ? restKm : k)), served: r.served - 1 };
          const place = this.bestPlace(trial, t, [u]);
          if (place.pos === -1) continue;
          trial.routes[t] = [...rest.slice(0, place.pos), u, ...rest.slice(place.pos)];
          trial.km[t] = trial.km[t]! + place.delta;
          trial.served++;
          let again = { delta: Infinity, pos: -1, t: -1 };
          for (let k = 0; k < T; k++) {
            const p = this.bestPlace(trial, k, [ejected]);
            if (p.delta < again.delta) again = { ...p, t: k };
          }
          if (again.t !== -1) {
            this.insertAt(trial, again.t, again.pos, [ejected]);
          } else if (cost(trial) >= cost(r) - EPSILON) continue;
          r.routes = trial.routes;
          r.km = trial.km;
          r.served = trial.served;
          return true;
        }
      }
    }
    return false;
  }

  /** Relocate (one job) and or-opt (two or three), reversed or not, within or across days. */
  private relocateSegments(r: Routing): boolean {
    const table = this.table;
    const T = table.technicianCount;
    for (let from = 0; from < T; from++) {
      for (let length = 1; length <= 3; length++) {
        const seq = r.routes[from]!;
        for (let i = 0; i + length <= seq.length; i++) {
          const segment = seq.slice(i, i + length);
          const rest = [...seq.slice(0, i), ...seq.slice(i + length)];
          // The day without the segment, by distances (taking jobs out never breaks a day; checked
          // again with evaluate() before a move is made).
          const restKm = this.chainKm(from, seq, 0, i, seq, i + length, seq.length);
          const gain = r.km[from]! - restKm;
          if (gain <= EPSILON) continue;
          const orientations = length === 1 ? [segment] : [segment, [...segment].reverse()];
          for (let to = 0; to < T; to++) {
            for (const moved of orientations) {
              if (to === from) {
                const trial: Routing = { routes: r.routes.map((x, t) => (t === from ? rest : x)), km: r.km.map((k, t) => (t === from ? restKm : k)), served: r.served };
                const p = this.bestPlace(trial, from, moved);
                if (p.pos === -1 || p.delta >= gain - EPSILON) continue;
                if (p.pos === i && moved === segment) continue;
                if (table.evaluate(from, rest) === Infinity) continue;
                r.routes[from] = rest;
                r.km[from] = restKm;
                r.served -= length;
                this.insertAt(r, from, p.pos, moved);
                return true;
              }
              const p = this.bestPlace(r, to, moved);
              if (p.pos === -1 || p.delta >= gain - EPSILON) continue;
              if (table.evaluate(from, rest) === Infinity) continue;
              r.routes[from] = rest;
              r.km[from] = restKm;
              r.served -= length;
              this.insertAt(r, to, p.pos, moved);
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Two jobs change places, in two days or within one. */
  private swapJobs(r: Routing): boolean {
    const table = this.table;
    const T = table.technicianCount;
    for (let t1 = 0; t1 < T; t1++)
      for (let t2 = t1; t2 < T; t2++) {
        const a = r.routes[t1]!;
        const b = r.routes[t2]!;
        for (let i = 0; i < a.length; i++)
          for (let k = t1 === t2 ? i + 1 : 0; k < b.length; k++) {
            const x = a[i]!;
            const y = b[k]!;
            if (t1 !== t2 && (!table.canDo(t2, x) || !table.canDo(t1, y))) continue;
            if (t1 === t2) {
              const trial = [...a];
              trial[i] = y;
              trial[k] = x;
              const km = table.evaluate(t1, trial);
              if (km < r.km[t1]! - EPSILON) {
                r.routes[t1] = trial;
                r.km[t1] = km;
                return true;
              }
              continue;
            }
            if (this.replacedKm(t1, a, r.km[t1]!, i, y) + this.replacedKm(t2, b, r.km[t2]!, k, x) >= r.km[t1]! + r.km[t2]! - EPSILON) continue;
            const trialA = [...a];
            trialA[i] = y;
            const kmA = table.evaluate(t1, trialA);
            if (kmA === Infinity) continue;
            const trialB = [...b];
            trialB[k] = x;
            const kmB = table.evaluate(t2, trialB);
            if (kmA + kmB < r.km[t1]! + r.km[t2]! - EPSILON) {
              r.routes[t1] = trialA;
              r.routes[t2] = trialB;
              r.km[t1] = kmA;
              r.km[t2] = kmB;
              return true;
            }
          }
      }
    return false;
  }

  /** Road km of technician t's day `seq` (of `km`) with the job at position i replaced by `job`. */
  private replacedKm(t: number, seq: readonly number[], km: number, i: number, job: number): number {
    const table = this.table;
    const n = table.size;
    const before = i === 0 ? table.startOf(t) : seq[i - 1]!;
    const after = i === seq.length - 1 ? table.endOf(t) : seq[i + 1]!;
    const old = seq[i]!;
    return km - table.km[before * n + old]! - table.km[old * n + after]! + table.km[before * n + job]! + table.km[job * n + after]!;
  }

  /** 2-opt: reverse a stretch of one day. */
  private reverseStretches(r: Routing): boolean {
    const table = this.table;
    const n = table.size;
    for (let t = 0; t < table.technicianCount; t++) {
      const seq = r.routes[t]!;
      for (let i = 0; i < seq.length - 1; i++)
        for (let k = i + 1; k < seq.length; k++) {
          const before = i === 0 ? table.startOf(t) : seq[i - 1]!;
          const after = k === seq.length - 1 ? table.endOf(t) : seq[k + 1]!;
          const delta = table.km[before * n + seq[k]!]! + table.km[seq[i]! * n + after]! - table.km[before * n + seq[i]!]! - table.km[seq[k]! * n + after]!;
          if (delta >= -EPSILON) continue;
          const trial = [...seq.slice(0, i), ...seq.slice(i, k + 1).reverse(), ...seq.slice(k + 1)];
          const km = table.evaluate(t, trial);
          if (km < r.km[t]! - EPSILON) {
            r.routes[t] = trial;
            r.km[t] = km;
            return true;
          }
        }
    }
    return false;
  }

  /**
   * 2-opt*: two days, each cut in two, exchange their ends — or their beginnings: the technicians
   * start and finish at different places and times, so the two are different moves (and a cut at
   * the very start swaps whole days).
   */
  private exchangeTails(r: Routing): boolean {
    const table = this.table;
    const T = table.technicianCount;
    const allowed = (t: number, jobs: readonly number[]) => jobs.every((j) => table.canDo(t, j));
    for (let t1 = 0; t1 < T; t1++)
      for (let t2 = t1 + 1; t2 < T; t2++) {
        const a = r.routes[t1]!;
        const b = r.routes[t2]!;
        const before = r.km[t1]! + r.km[t2]!;
        for (let i = 0; i <= a.length; i++)
          for (let k = 0; k <= b.length; k++) {
            if (i === a.length && k === b.length) continue;
            // Distances first (no array built): most exchanges do not shorten anything.
            const tails = this.chainKm(t1, a, 0, i, b, k, b.length) + this.chainKm(t2, b, 0, k, a, i, a.length);
            const heads = i === 0 && k === 0 ? Infinity : this.chainKm(t1, b, 0, k, a, i, a.length) + this.chainKm(t2, a, 0, i, b, k, b.length);
            for (const [km, build] of [
              [tails, () => [[...a.slice(0, i), ...b.slice(k)], [...b.slice(0, k), ...a.slice(i)]]],
              [heads, () => [[...b.slice(0, k), ...a.slice(i)], [...a.slice(0, i), ...b.slice(k)]]],
            ] as const) {
              if (km >= before - EPSILON) continue;
              const [newA, newB] = build();
              if (!allowed(t1, newA!) || !allowed(t2, newB!)) continue;
              const kmA = table.evaluate(t1, newA!);
              if (kmA === Infinity) continue;
              const kmB = table.evaluate(t2, newB!);
              if (kmB === Infinity) continue;
              r.routes[t1] = newA!;
              r.routes[t2] = newB!;
              r.km[t1] = kmA;
              r.km[t2] = kmB;
              return true;
            }
          }
      }
    return false;
  }

  /** Road km of technician t's day made of first[i0..i1) then second[k0..k1) (0 if empty). */
  private chainKm(t: number, first: readonly number[], i0: number, i1: number, second: readonly number[], k0: number, k1: number): number {
    if (i1 <= i0 && k1 <= k0) return 0;
    const table = this.table;
    const n = table.size;
    let prev = table.startOf(t);
    let km = 0;
    for (let i = i0; i < i1; i++) {
      km += table.km[prev * n + first[i]!]!;
      prev = first[i]!;
    }
    for (let k = k0; k < k1; k++) {
      km += table.km[prev * n + second[k]!]!;
      prev = second[k]!;
    }
    return km + table.km[prev * n + table.endOf(t)]!;
  }
}
