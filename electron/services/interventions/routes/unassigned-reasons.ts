/**
 * Why a job is left out, said so that Claire can act on it: no one has the skill (hire, re-pin),
 * the window cannot be reached (widen it), the day is too short (another day), or the day is full.
 */
import { clockTime } from './clock-time';
import type { UnassignedJob } from './route-model';
import { aloneProblem, type RoutingTable } from './route-schedule';

/** The reason for a job no one can do even alone; null if someone could (then it is « no_room »). */
export function explainImpossible(table: RoutingTable, job: number): UnassignedJob | null {
  const { technicians, jobs } = table.problem;
  const subject = jobs[job]!;
  const qualified = technicians.map((_, t) => t).filter((t) => table.canDo(t, job));
  if (qualified.length === 0) {
    if (subject.pinnedTo !== null) {
      const pinned = technicians.find((t) => t.id === subject.pinnedTo);
      const missing = subject.skills.filter((s) => !pinned?.skills.includes(s));
      return { jobId: subject.id, reason: 'no_skill', detail: `épinglée à ${subject.pinnedTo}, qui n’a pas la compétence ${missing.join(', ')}` };
    }
    return { jobId: subject.id, reason: 'no_skill', detail: `aucun technicien n’a toutes les compétences demandées (${subject.skills.join(', ')})` };
  }
  const problems = qualified.map((t) => ({ t, problem: aloneProblem(table, t, job) }));
  if (problems.some((p) => p.problem === null)) return null;
  const n = table.size;
  const window = `${clockTime(subject.windowStart)}–${clockTime(subject.windowEnd)}`;
  if (problems.every((p) => p.problem === 'window')) {
    const earliest = qualified
      .map((t) => ({ t, at: technicians[t]!.shiftStart + table.minutes[table.startOf(t) * n + job]! }))
      .reduce((best, x) => (x.at < best.at ? x : best));
    return {
      jobId: subject.id,
      reason: 'window_unreachable',
      detail: `fenêtre ${window} inaccessible : arrivée au plus tôt à ${clockTime(earliest.at)} (${technicians[earliest.t]!.id}, départ à ${clockTime(technicians[earliest.t]!.shiftStart)})`,
    };
  }
  const lunchOnly = problems.find((p) => p.problem === 'lunch');
  if (lunchOnly) {
    const lunch = technicians[lunchOnly.t]!.lunch!;
    return {
      jobId: subject.id,
      reason: 'lunch_conflict',
      detail: `ne tient qu’en sautant la pause déjeuner (${lunch.durationMin} min entre ${clockTime(lunch.earliestStart)} et ${clockTime(lunch.latestEnd)})`,
    };
  }
  const shortest = problems
    .filter((p) => p.problem === 'shift')
    .map(({ t }) => {
      const tech = technicians[t]!;
      const arrival = tech.shiftStart + table.minutes[table.startOf(t) * n + job]!;
      const back = Math.max(arrival, subject.windowStart) + subject.durationMin + table.minutes[job * n + table.endOf(t)]!;
      return { t, back, over: back - tech.shiftEnd };
    })
    .reduce((best, x) => (x.over < best.over ? x : best));
  const tech = technicians[shortest.t]!;
  return {
    jobId: subject.id,
    reason: 'shift_too_short',
    detail: `ne tient pas dans la journée : retour au plus tôt à ${clockTime(shortest.back)} pour une fin à ${clockTime(tech.shiftEnd)} (${tech.id})`,
  };
}

/** A job someone could do alone, left out because the days are full. */
export function explainNoRoom(table: RoutingTable, job: number): UnassignedJob {
  const { technicians, jobs } = table.problem;
  const able = technicians.filter((_, t) => table.canDo(t, job) && aloneProblem(table, t, job) === null).map((t) => t.id);
  return {
    jobId: jobs[job]!.id,
    reason: 'no_room',
    detail: `faisable seule (${able.join(', ')}), mais plus de place dans ces journées sans retirer une autre visite`,
  };
}
