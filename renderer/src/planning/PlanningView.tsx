/**
 * The planning board (Alt+P): one row per technician, one column per day of the week, the visits as
 * cards with their promised window and their conflicts; a visit moves by drag and drop onto another
 * technician's day (same window), or — by keyboard too — chosen, then « Déplacer » with a technician,
 * a day and a window. A refused move says why; a supervisor may force it. A day's header opens the
 * day view: « Optimiser la journée » shows the proposal (routes, arrivals, km before → after, visits
 * left out and why), and nothing changes until « Accepter ».
 */
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { Locale } from '../contract';
import type { Translate } from '../i18n';
import { errorText, useT } from '../i18n/use-t';
import { useConnectionStore } from '../app/connection-store';
import { BackButton, useFocusOnOpen } from '../app/view-toolbar';
import { useAccountStore } from '../account/account-store';
import { Icon } from '../ui/Icon';
import { canSupervisePlanning, usePlanningStore, type BoardVisit, type Conflict, type PlanningBoard, type Proposal } from './planning-store';

const intl = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'fr-FR');
const dateOf = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};
/** « lun. 30 nov. » */
const shortDay = (day: string, locale: Locale) => new Intl.DateTimeFormat(intl(locale), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(dateOf(day));
/** « lundi 30 novembre » */
const longDay = (day: string, locale: Locale) => new Intl.DateTimeFormat(intl(locale), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(dateOf(day));
/** "08:00" → « 8 h » (fr), « 08:00 » (en). */
const clock = (time: string, locale: Locale) => {
  if (locale === 'en') return time;
  const [h, m] = time.split(':').map(Number) as [number, number];
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
};
const km = (value: number, locale: Locale) => value.toLocaleString(intl(locale), { maximumFractionDigits: 1 });

const WINDOWS: ReadonlyArray<readonly [string, string]> = [
  ['08:00', '12:00'],
  ['13:30', '17:30'],
  ['08:00', '10:00'],
  ['10:00', '12:00'],
  ['13:30', '15:30'],
  ['15:30', '17:30'],
];

/** A conflict in words (the other visit by its customer). */
export function conflictText(t: Translate, conflict: Conflict, visits: ReadonlyMap<string, BoardVisit>): string {
  switch (conflict.kind) {
    case 'overlap': {
      const other = conflict.otherVisitId ? visits.get(conflict.otherVisitId) : undefined;
      return t('planning.conflict.overlap', { other: other ? other.customer || other.kind : '—' });
    }
    case 'outside_hours':
      return conflict.at ? t('planning.conflict.outside_hours_back', { at: conflict.at }) : t('planning.conflict.outside_hours');
    case 'absence':
      return conflict.reason ? t('planning.conflict.absence_reason', { reason: conflict.reason }) : t('planning.conflict.absence');
    case 'missing_skill':
      return t('planning.conflict.missing_skill', { skills: conflict.skills.map((s) => t(`booking.skill.${s}` as Parameters<Translate>[0])).join(', ') });
    case 'window_unreachable':
      // An arrival past midnight: too far to be reached that day at all.
      return conflict.at && Number(conflict.at.split(':')[0]) >= 24 ? t('planning.conflict.window_too_far') : t('planning.conflict.window_unreachable', { at: conflict.at ?? '—' });
    case 'unassigned':
      return t('planning.conflict.unassigned');
  }
}

export function PlanningView() {
  const { t, locale } = useT();
  const board = usePlanningStore((s) => s.board);
  const error = usePlanningStore((s) => s.error);
  const loading = usePlanningStore((s) => s.loading);
  const selectedVisitId = usePlanningStore((s) => s.selectedVisitId);
  const selectedDay = usePlanningStore((s) => s.selectedDay);
  const refused = usePlanningStore((s) => s.refused);
  const done = usePlanningStore((s) => s.done);
  const moving = usePlanningStore((s) => s.moving);
  const supervisor = canSupervisePlanning(useAccountStore((s) => s.account?.role));
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const heading = useFocusOnOpen<HTMLHeadingElement>('planning');
  useEffect(() => {
    if (linkUp) void usePlanningStore.getState().load();
  }, [linkUp]);
  const visits = useMemo(() => new Map((board?.visits ?? []).map((v) => [v.id, v])), [board]);
  const store = usePlanningStore.getState;
  const selected = selectedVisitId ? visits.get(selectedVisitId) : undefined;

  return (
    <article className="planning" data-testid="planning">
      <div className="view-toolbar">
        <BackButton />
        <h1 className="view-kicker" tabIndex={-1} ref={heading}>
          {t('planning.title')}
        </h1>
        {board && (
          <div className="planning-weeks">
            <button type="button" className="btn btn-ghost" onClick={() => void store().shiftWeek(-1)} data-testid="planning-previous">
              {t('planning.previousWeek')}
            </button>
            <span data-testid="planning-week">{t('planning.week', { from: longDay(board.weekStart, locale), to: longDay(board.days[6]!.day, locale) })}</span>
            <button type="button" className="btn btn-ghost" onClick={() => void store().load(null)}>
              {t('planning.thisWeek')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => void store().shiftWeek(1)} data-testid="planning-next">
              {t('planning.nextWeek')}
            </button>
          </div>
        )}
      </div>
      <p className="muted">{t('planning.help')}</p>
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <div role="status" aria-live="polite" className="planning-live" data-testid="planning-status">
        {done && <p className="notice notice-info">{t(`planning.done.${done.key}`, done.params)}</p>}
      </div>
      {refused && (
        <div className="notice notice-info planning-refused" role="alert" data-testid="planning-refused">
          <p>{errorText(t, refused.error)}</p>
          {supervisor && refused.error.kind === 'service' && refused.error.reason?.startsWith('planning.move_') && (
            <p>
              <button type="button" className="btn" disabled={moving} onClick={() => void store().move(refused.request, true)} data-testid="planning-force">
                {t('planning.move.force')}
              </button>{' '}
              <span className="muted">{t('planning.move.forceHint')}</span>
            </p>
          )}
        </div>
      )}
      {!board && loading && <p className="muted">{t('planning.loading')}</p>}
      {board && board.technicians.length === 0 && <p className="notice notice-info">{t('planning.noTechnician')}</p>}
      {board && board.technicians.length > 0 && <WeekBoard board={board} visits={visits} />}
      {selected && <VisitPanel key={selected.id} visit={selected} board={board!} />}
      {board && selectedDay && <DayPanel day={selectedDay} board={board} />}
      {board && <ConflictList board={board} visits={visits} />}
    </article>
  );
}

function WeekBoard({ board, visits }: { board: PlanningBoard; visits: ReadonlyMap<string, BoardVisit> }) {
  const { t, locale } = useT();
  const [over, setOver] = useState<string | null>(null);
  const selectedVisitId = usePlanningStore((s) => s.selectedVisitId);
  const selectedDay = usePlanningStore((s) => s.selectedDay);
  const store = usePlanningStore.getState;
  const byCell = new Map<string, BoardVisit[]>();
  for (const v of board.visits) {
    const key = `${v.technicianId ?? ''}|${v.day}`;
    byCell.set(key, [...(byCell.get(key) ?? []), v]);
  }
  const drop = (event: DragEvent, technicianId: string, day: string) => {
    event.preventDefault();
    setOver(null);
    const visit = visits.get(event.dataTransfer.getData('text/plain'));
    if (!visit || (visit.technicianId === technicianId && visit.day === day)) return;
    void store().move({ visitId: visit.id, version: visit.version, technicianId, day, windowStart: visit.windowStart, windowEnd: visit.windowEnd });
  };
  return (
    <div className="planning-scroll">
      <table className="planning-board" data-testid="planning-board">
        <thead>
          <tr>
            <th scope="col">{t('planning.technician')}</th>
            {board.days.map((d) => (
              <th key={d.day} scope="col" className={`${d.day === board.today ? 'planning-today' : ''}${d.day === selectedDay ? ' planning-day-chosen' : ''}`}>
                <button type="button" className="link" onClick={() => store().selectDay(d.day)} title={t('planning.dayButton', { day: longDay(d.day, locale) })} aria-pressed={d.day === selectedDay} data-testid="planning-day" data-day={d.day}>
                  {shortDay(d.day, locale)}
                </button>
                {d.day === board.today && <span className="muted"> · {t('planning.today')}</span>}
                {d.holiday && <div className="planning-holiday">{t('planning.holiday', { name: d.holiday })}</div>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.technicians.map((technician) => (
            <tr key={technician.id} data-testid="planning-row" data-technician={technician.name}>
              <th scope="row">{technician.name}</th>
              {technician.days.map((d) => {
                const key = `${technician.id}|${d.day}`;
                const cards = byCell.get(key) ?? [];
                return (
                  <td
                    key={d.day}
                    className={`planning-cell${d.hours ? '' : ' planning-off'}${d.absence !== null ? ' planning-away' : ''}${over === key ? ' planning-drop' : ''}`}
                    data-testid="planning-cell"
                    data-technician={technician.name}
                    data-day={d.day}
                    onDragOver={(e) => {
                      e.preventDefault();
                      e.dataTransfer.dropEffect = 'move';
                      if (over !== key) setOver(key);
                    }}
                    onDragLeave={() => setOver((o) => (o === key ? null : o))}
                    onDrop={(e) => drop(e, technician.id, d.day)}
                  >
                    <div className="planning-cell-head muted">
                      {d.absence !== null
                        ? d.absence
                          ? t('planning.absentReason', { reason: d.absence })
                          : t('planning.absent')
                        : d.hours
                          ? t('planning.hours', { from: clock(d.hours.start, locale), to: clock(d.hours.end, locale) })
                          : t('planning.dayOff')}
                      {d.km > 0 && <> · {t('planning.km', { km: km(d.km, locale) })}</>}
                    </div>
                    {cards.map((v) => (
                      <VisitCard key={v.id} visit={v} technician={technician.name} visits={visits} selected={v.id === selectedVisitId} />
                    ))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VisitCard({ visit, technician, visits, selected }: { visit: BoardVisit; technician: string; visits: ReadonlyMap<string, BoardVisit>; selected: boolean }) {
  const { t, locale } = useT();
  const movable = visit.source === 'accueil' && visit.status === 'planifiee';
  // A visit from the CRM has a start time, not a window.
  const window = visit.windowStart === visit.windowEnd ? clock(visit.windowStart, locale) : t('planning.window', { from: clock(visit.windowStart, locale), to: clock(visit.windowEnd, locale) });
  return (
    <button
      type="button"
      className={`planning-card${visit.conflicts.length > 0 ? ' planning-card-conflict' : ''}${selected ? ' planning-card-selected' : ''}`}
      draggable={movable}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', visit.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onClick={() => usePlanningStore.getState().select(selected ? null : visit.id)}
      aria-pressed={selected}
      data-testid="planning-card"
      data-visit={visit.id}
      data-conflicts={visit.conflicts.length}
    >
      <span className="planning-card-time">
        {window}
        {visit.plannedArrival && <span className="muted"> · {t('planning.arrival', { time: clock(visit.plannedArrival, locale) })}</span>}
      </span>
      <span className="planning-card-customer">{visit.customer || '—'}</span>
      <span className="planning-card-kind muted">
        {visit.kind}
        {visit.commune ? ` · ${visit.commune}` : ''}
      </span>
      <span className="planning-card-tags">
        {visit.source === 'crm' && <span className="planning-tag">{t('planning.source.crm')}</span>}
        {visit.status === 'en_cours' && <span className="planning-tag">{t('planning.status.en_cours')}</span>}
        {visit.pinnedByHand && <span className="planning-tag">{t('planning.pinned')}</span>}
        {visit.urgency === 'urgente' && <span className="planning-tag planning-tag-urgent">{t('planning.urgent')}</span>}
      </span>
      <span className="sr-only">{t('planning.cardWhere', { technician, day: longDay(visit.day, locale) })}</span>
      {visit.conflicts.map((c, i) => (
        <span key={i} className="planning-card-conflict-text" data-testid="planning-card-conflict" data-kind={c.kind}>
          <Icon name="alert" size={12} /> {conflictText(t, c, visits)}
        </span>
      ))}
    </button>
  );
}

function VisitPanel({ visit, board }: { visit: BoardVisit; board: PlanningBoard }) {
  const { t, locale } = useT();
  const moving = usePlanningStore((s) => s.moving);
  const store = usePlanningStore.getState;
  const [technicianId, setTechnicianId] = useState(visit.technicianId ?? board.technicians[0]?.id ?? '');
  const [day, setDay] = useState(visit.day);
  const keep = `${visit.windowStart}-${visit.windowEnd}`;
  const [window, setWindow] = useState(keep);
  const movable = visit.source === 'accueil' && visit.status === 'planifiee';
  const days = board.days.filter((d) => d.day >= board.today);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <section className="planning-panel" aria-labelledby="planning-visit-title" data-testid="planning-visit">
      <div className="planning-panel-head">
        <h2 id="planning-visit-title" ref={heading}>
          {t('planning.visit.title')}
        </h2>
        <button type="button" className="btn btn-ghost" onClick={() => store().select(null)}>
          {t('planning.visit.close')}
        </button>
      </div>
      <dl className="planning-facts">
        <dt>{t('planning.visit.customer')}</dt>
        <dd>{visit.customer || '—'} · {visit.kind}</dd>
        <dt>{t('planning.visit.address')}</dt>
        <dd>{visit.address || '—'}</dd>
        <dt>{t('planning.visit.window')}</dt>
        <dd>
          {longDay(visit.day, locale)}, {t('planning.window', { from: clock(visit.windowStart, locale), to: clock(visit.windowEnd, locale) })}
        </dd>
      </dl>
      {!movable && visit.source === 'crm' && <p className="muted">{t('planning.visit.crm')}</p>}
      <label className="planning-pin">
        <input type="checkbox" checked={visit.pinnedByHand} onChange={(e) => void store().pin(visit.id, e.target.checked)} data-testid="planning-pin" /> {t('planning.visit.pin')}
      </label>
      {movable && (
        <form
          className="form planning-move"
          onSubmit={(e) => {
            e.preventDefault();
            const [windowStart, windowEnd] = window.split('-') as [string, string];
            void store().move({ visitId: visit.id, version: visit.version, technicianId, day, windowStart, windowEnd });
          }}
        >
          <h3>{t('planning.move.title')}</h3>
          <div className="field-row">
            <label className="field">
              <span className="field-label">{t('planning.move.technician')}</span>
              <select value={technicianId} onChange={(e) => setTechnicianId(e.target.value)} data-testid="planning-move-technician">
                {board.technicians.map((tech) => (
                  <option key={tech.id} value={tech.id}>
                    {tech.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('planning.move.day')}</span>
              <select value={day} onChange={(e) => setDay(e.target.value)} data-testid="planning-move-day">
                {days.map((d) => (
                  <option key={d.day} value={d.day}>
                    {longDay(d.day, locale)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('planning.move.window')}</span>
              <select value={window} onChange={(e) => setWindow(e.target.value)} data-testid="planning-move-window">
                <option value={keep}>{t('planning.move.keep', { from: clock(visit.windowStart, locale), to: clock(visit.windowEnd, locale) })}</option>
                {WINDOWS.filter(([from, to]) => `${from}-${to}` !== keep).map(([from, to]) => (
                  <option key={`${from}-${to}`} value={`${from}-${to}`}>
                    {t('planning.window', { from: clock(from, locale), to: clock(to, locale) })}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="btn btn-primary" disabled={moving} data-testid="planning-move">
              {moving ? t('planning.move.moving') : t('planning.move.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function DayPanel({ day, board }: { day: string; board: PlanningBoard }) {
  const { t, locale } = useT();
  const proposal = usePlanningStore((s) => s.proposal);
  const optimising = usePlanningStore((s) => s.optimising);
  const proposalError = usePlanningStore((s) => s.proposalError);
  const store = usePlanningStore.getState;
  const heading = useRef<HTMLHeadingElement>(null);
  // The day view opens below the board: bring it into sight, and the focus with it.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [day]);
  return (
    <section className="planning-panel" aria-labelledby="planning-day-title" data-testid="planning-day-view">
      <div className="planning-panel-head">
        <h2 id="planning-day-title" tabIndex={-1} ref={heading}>
          {t('planning.day.title', { day: longDay(day, locale) })}
        </h2>
        <button type="button" className="btn btn-ghost" onClick={() => store().selectDay(null)}>
          {t('planning.day.close')}
        </button>
      </div>
      {day >= board.today && (
        <button type="button" className="btn btn-primary" disabled={optimising} onClick={() => void store().optimise(day)} data-testid="planning-optimise">
          {optimising ? t('planning.day.optimising') : t('planning.day.optimise')}
        </button>
      )}
      {proposalError && (
        <p className="inline-error" role="alert" data-testid="planning-proposal-error">
          {errorText(t, proposalError)}
        </p>
      )}
      {proposal && proposal.day === day && <ProposalView proposal={proposal} />}
    </section>
  );
}

function ProposalView({ proposal }: { proposal: Proposal }) {
  const { t, locale } = useT();
  const deciding = usePlanningStore((s) => s.deciding);
  const supervisor = canSupervisePlanning(useAccountStore((s) => s.account?.role));
  const store = usePlanningStore.getState;
  const { totals } = proposal;
  return (
    <div className="planning-proposal" data-testid="planning-proposal" data-status={proposal.status}>
      <h3>{t('planning.proposal.title')}</h3>
      <p data-testid="planning-proposal-summary">
        {t('planning.proposal.summary', { served: totals.served, visits: totals.visits, moves: totals.moves, before: km(totals.kmBefore, locale), after: km(totals.kmAfter, locale) })}
      </p>
      <p className="muted">{t(proposal.verified ? 'planning.proposal.verified' : 'planning.proposal.unverified')}</p>
      {proposal.routes.filter((route) => route.stops.length > 0 || route.visitsBefore > 0).map((route) => (
        <div key={route.technicianId} className="planning-route" data-testid="planning-route" data-technician={route.technicianName}>
          <h4>{t('planning.proposal.route', { technician: route.technicianName, before: km(route.kmBefore, locale), after: km(route.kmAfter, locale) })}</h4>
          {route.stops.length === 0 ? (
            <p className="muted">{t('planning.proposal.empty')}</p>
          ) : (
            <table className="planning-route-table">
              <thead>
                <tr>
                  <th scope="col">{t('planning.proposal.order')}</th>
                  <th scope="col">{t('planning.proposal.arrival')}</th>
                  <th scope="col">{t('planning.proposal.visit')}</th>
                  <th scope="col">{t('planning.proposal.window')}</th>
                </tr>
              </thead>
              <tbody>
                {route.stops.map((stop, i) => (
                  <tr key={stop.visitId} data-testid="planning-stop" data-moved={stop.fromTechnicianId ? 'yes' : 'no'}>
                    <td>{i + 1}</td>
                    <td>{clock(stop.arrival, locale)}</td>
                    <td>
                      {stop.customer || '—'} · {stop.kind}
                      {stop.commune ? ` · ${stop.commune}` : ''}
                      {stop.fromTechnicianName && <span className="planning-tag"> {t('planning.proposal.from', { technician: stop.fromTechnicianName })}</span>}
                      {stop.pinned && <span className="planning-tag"> {t('planning.proposal.pinned')}</span>}
                    </td>
                    <td>{t('planning.window', { from: clock(stop.windowStart, locale), to: clock(stop.windowEnd, locale) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
      {proposal.unassigned.length > 0 && (
        <>
          <h4>{t('planning.proposal.unassigned')}</h4>
          <ul data-testid="planning-unassigned">
            {proposal.unassigned.map((u) => (
              <li key={u.visitId}>
                {u.customer || '—'} · {u.kind} : {t(`planning.unassigned.${u.reason}` as Parameters<Translate>[0])}
                {/* The solver's own words (times, who could), in French. */}
                {locale === 'fr' && <span className="muted"> — {u.detail}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {proposal.status === 'pending' ? (
        <>
          <p className="muted">{t('planning.proposal.notice')}</p>
          <div className="form-actions">
            <button type="button" className="btn btn-ghost" disabled={deciding} onClick={() => void store().refuse()} data-testid="planning-refuse">
              {t('planning.proposal.refuse')}
            </button>
            {supervisor ? (
              <button type="button" className="btn btn-primary" disabled={deciding} onClick={() => void store().accept()} data-testid="planning-accept">
                {deciding ? t('planning.proposal.applying') : t('planning.proposal.accept')}
              </button>
            ) : (
              <span className="muted">{t('planning.proposal.supervisorOnly')}</span>
            )}
          </div>
        </>
      ) : (
        proposal.status === 'accepted' && <p className="notice notice-info">{t('planning.proposal.accepted')}</p>
      )}
    </div>
  );
}

function ConflictList({ board, visits }: { board: PlanningBoard; visits: ReadonlyMap<string, BoardVisit> }) {
  const { t, locale } = useT();
  const names = new Map(board.technicians.map((tech) => [tech.id, tech.name]));
  return (
    <section className="planning-panel" aria-labelledby="planning-conflicts-title" data-testid="planning-conflicts">
      <h2 id="planning-conflicts-title">{t('planning.conflicts', { count: board.conflicts.length })}</h2>
      {board.conflicts.length === 0 ? (
        <p className="muted">{t('planning.noConflict')}</p>
      ) : (
        <ul className="planning-conflict-list">
          {board.conflicts.map((c, i) => {
            const v = visits.get(c.visitId);
            if (!v) return null;
            return (
              <li key={i} data-testid="planning-conflict" data-kind={c.kind}>
                <button type="button" className="link" onClick={() => usePlanningStore.getState().select(v.id)}>
                  {t('planning.conflictLine', {
                    day: shortDay(v.day, locale),
                    technician: (v.technicianId && names.get(v.technicianId)) || '—',
                    customer: v.customer || v.kind,
                    conflict: conflictText(t, c, visits),
                  })}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
