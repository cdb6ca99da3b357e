import { describe, expect, it } from 'vitest';
import { DEFAULT_LUNCH_RULE } from '../routes/route-model';
import { DEFAULT_TRAVEL_MODEL } from '../routes/travel-model';
import { cannotBothBeKept, dayConflicts, dayOrder, type DayVisit, type PlanningTechnician } from './board-conflicts';

const CESSON = { lat: 48.1213, lon: -1.6031 };
const RENNES = { lat: 48.1113, lon: -1.6800 };
const SAINT_MALO = { lat: 48.6493, lon: -2.0257 };
const BREST = { lat: 48.3904, lon: -4.4861 };
/** Wednesday 2 December 2026 (weekday 2). */
const DAY = '2026-12-02';
const h = (hh: number, mm = 0) => hh * 60 + mm;

const karim: PlanningTechnician = {
  id: 'karim',
  skills: ['chaudiere_gaz'],
  start: CESSON,
  end: CESSON,
  hours: { 0: [h(8), h(17, 30)], 1: [h(8), h(17, 30)], 2: [h(8), h(17, 30)], 3: [h(8), h(17, 30)], 4: [h(8), h(17, 30)] },
  absences: [{ from: '2026-12-10', to: '2026-12-11', reason: 'Congés' }],
  lunch: DEFAULT_LUNCH_RULE,
};

const visit = (id: string, from: number, to: number, extra: Partial<DayVisit> = {}): DayVisit => ({
  id,
  location: RENNES,
  durationMin: 60,
  windowStart: from,
  windowEnd: to,
  skills: ['chaudiere_gaz'],
  plannedArrival: null,
  ...extra,
});

const kinds = (conflicts: ReturnType<typeof dayConflicts>) => conflicts.map((c) => `${c.kind}:${c.visitId}${c.otherVisitId ? `/${c.otherVisitId}` : ''}`).sort();

describe('dayConflicts', () => {
  it('finds nothing in a day that holds: two morning visits near home and one in Saint-Malo in the afternoon', () => {
    const day = [visit('a', h(8), h(10)), visit('b', h(10), h(12)), visit('c', h(13, 30), h(17, 30), { location: SAINT_MALO })];
    expect(dayConflicts(karim, DAY, day, DEFAULT_TRAVEL_MODEL)).toEqual([]);
  });

  it('flags every visit of a day he is away, with the reason of his absence', () => {
    const conflicts = dayConflicts(karim, '2026-12-10', [visit('a', h(8), h(12)), visit('b', h(13, 30), h(17, 30))], DEFAULT_TRAVEL_MODEL);
    expect(conflicts.map((c) => [c.kind, c.visitId, c.reason])).toEqual([
      ['absence', 'a', 'Congés'],
      ['absence', 'b', 'Congés'],
    ]);
  });

  it('flags a visit on a day he does not work, and one that cannot end within his hours', () => {
    expect(kinds(dayConflicts(karim, '2026-12-05', [visit('a', h(8), h(12))], DEFAULT_TRAVEL_MODEL))).toEqual(['outside_hours:a']);
    // Arrival window 17:00–17:20 and an hour's work: over at 18:00 at the soonest, his day ends at 17:30.
    expect(kinds(dayConflicts(karim, DAY, [visit('late', h(17), h(17, 20))], DEFAULT_TRAVEL_MODEL))).toEqual(['outside_hours:late']);
  });

  it('flags a skill he lacks, naming it', () => {
    const conflicts = dayConflicts(karim, DAY, [visit('pac', h(8), h(12), { skills: ['pompe_a_chaleur', 'chaudiere_gaz'] })], DEFAULT_TRAVEL_MODEL);
    expect(conflicts).toEqual([{ kind: 'missing_skill', visitId: 'pac', otherVisitId: null, at: null, skills: ['pompe_a_chaleur'], reason: null }]);
  });

  it('flags two visits that cannot both be kept whatever the order, on both', () => {
    // Two 3-hour jobs, both to start between 8:00 and 9:00: the second could start at 11:00 at best.
    const day = [visit('a', h(8), h(9), { durationMin: 180 }), visit('b', h(8), h(9), { durationMin: 180 })];
    expect(kinds(dayConflicts(karim, DAY, day, DEFAULT_TRAVEL_MODEL))).toEqual(['overlap:a/b', 'overlap:b/a']);
    expect(cannotBothBeKept(day[0]!, day[1]!)).toBe(true);
    // Half-day windows leave room for both, one after the other.
    expect(cannotBothBeKept(visit('c', h(8), h(12)), visit('d', h(8), h(12)))).toBe(false);
  });

  it('flags the window that cannot be reached with the drive, with the estimated arrival', () => {
    // 8:00–9:00 in Rennes, then Brest (≈ 240 road km, 6 h at 40 km/h) expected between 10:00 and 12:00.
    const day = [visit('rennes', h(8), h(9)), visit('brest', h(10), h(12), { location: BREST })];
    const conflicts = dayConflicts(karim, DAY, day, DEFAULT_TRAVEL_MODEL);
    const late = conflicts.find((c) => c.kind === 'window_unreachable');
    expect(late?.visitId).toBe('brest');
    expect(late!.at! > '12:00').toBe(true);
    expect(conflicts.some((c) => c.visitId === 'rennes' && c.kind === 'window_unreachable')).toBe(false);
  });

  it('finds the order that keeps two visits with the same window, whatever their ids', () => {
    // Karim leaves Saint-Malo: Saint-Malo first then Rennes holds; Rennes first cannot be back for Saint-Malo by 12:00.
    const malo: PlanningTechnician = { ...karim, start: SAINT_MALO, end: SAINT_MALO };
    for (const [first, second] of [
      ['a', 'b'],
      ['b', 'a'],
    ] as const) {
      const day = [visit(first, h(8), h(12), { location: RENNES }), visit(second, h(8), h(12), { location: SAINT_MALO })];
      expect(dayConflicts(malo, DAY, day, DEFAULT_TRAVEL_MODEL)).toEqual([]);
    }
  });

  it('drives the day in its planned order when it has one; a day that holds only out of window order is no conflict', () => {
    // Saint-Malo any time 8:00–16:00, and Cesson (home) between 9:00 and 9:30: by window, Saint-Malo comes first and misses Cesson.
    const day = [visit('malo', h(8), h(16), { location: SAINT_MALO }), visit('cesson', h(9), h(9, 30), { location: CESSON })];
    expect(dayOrder(day).map((v) => v.id)).toEqual(['malo', 'cesson']);
    expect(dayConflicts(karim, DAY, day, DEFAULT_TRAVEL_MODEL)).toEqual([]);
    const planned = [{ ...day[0]!, plannedArrival: h(12, 5) }, { ...day[1]!, plannedArrival: h(9) }];
    expect(dayOrder(planned).map((v) => v.id)).toEqual(['cesson', 'malo']);
    expect(dayConflicts(karim, DAY, planned, DEFAULT_TRAVEL_MODEL)).toEqual([]);
    // Cesson's window moved to 7:00–7:30, before his day: no order keeps it.
    expect(kinds(dayConflicts(karim, DAY, [day[0]!, { ...day[1]!, windowStart: h(7), windowEnd: h(7, 30) }], DEFAULT_TRAVEL_MODEL))).toEqual(['outside_hours:cesson']);
  });
});
