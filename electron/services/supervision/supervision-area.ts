/**
 * The supervision area as the composition root wires it: figures from the journal, the forecast,
 * the live board fed by a PBX adapter, the role settings; and the contract's handlers for them.
 */
import type { CallHandlers } from '../../contract/dispatcher';
import type { Forecast, LiveParty, LiveState, SupervisionSettings } from '../../contract/supervision-calls';
import type { supervisionCalls } from '../../contract/supervision-calls';
import type { CallerIdentification } from '../directory/caller-identifier';
import { normalizeNumber } from '../shared/phone-number';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log';
import type { AccueilStore } from '../store';
import { CallStatisticsRepository, type CallStatisticsRow } from './call-statistics-repository';
import { todayKpis, trend, type StatCall } from './call-kpis';
import type { CallbackItemRow } from '../work/callbacks/callbacks-repository';
import { forecastWeek } from './call-forecast';
import { LiveBoard } from './live-board';
import type { PbxAdapter } from './pbx-adapter';
import type { AreaModule } from '../area';
import { createSipDialogAdapter } from './sip-dialog-adapter';
import { addDays, localTime, parisInstant } from '../shared/paris-time';
import { SupervisionSettingsStore } from './supervision-settings';

export type SupervisionHandlers = Pick<CallHandlers, keyof typeof supervisionCalls>;

export interface SupervisionAreaOptions {
  store: AccueilStore;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  events: EventBus;
  logger: Logger;
  identify: (raw: string) => CallerIdentification;
  /** The callback list's items for the figures (the work area's port `callbackItemsSince`). */
  callbackItemsSince: (sinceIso: string) => CallbackItemRow[];
  /** The callback target delay (the callbacks area's setting), in minutes. */
  callbackTargetMinutes: () => number;
  /** Builds the adapter for the current watch list; null when there is nothing to watch or no PBX. */
  createAdapter: (settings: SupervisionSettings) => PbxAdapter | null;
  clock?: () => Date;
}

/** Weeks of history the forecast reads: its 12 reference weeks, 4 backtest weeks, slack. */
const FORECAST_WEEKS = 18;
const FORECAST_CACHE_MS = 10 * 60_000;

export function toStatCall(row: CallStatisticsRow): StatCall {
  return {
    direction: row.direction,
    state: row.state,
    // The customer's number: who called in, or whom Claire dialled.
    number: row.direction === 'inbound' ? row.fromE164 : normalizeNumber(row.toRaw).e164,
    ringAt: row.ringAt,
    answerAt: row.answerAt,
    endAt: row.endAt,
  };
}

export function createSupervisionArea(options: SupervisionAreaOptions) {
  const clock = options.clock ?? (() => new Date());
  const statistics = new CallStatisticsRepository(options.store.database);
  const settingsStore = new SupervisionSettingsStore(options.dataDir, options.env);
  const logger = options.logger;

  const resolveParty = (remote: { user: string; display: string | null }): LiveParty => {
    const number = normalizeNumber(remote.user);
    let name: string | null = null;
    try {
      name = number.e164 ? (options.identify(remote.user).matches[0]?.label ?? null) : null;
    } catch (error) {
      logger.warn('caller lookup failed for the live board', { error: String(error) });
    }
    return { number: remote.user, display: number.display, name: name ?? (remote.display || null) };
  };

  const board = new LiveBoard(settingsStore.get(), resolveParty, clock().getTime());
  let adapter: PbxAdapter | null = null;
  let offs: Array<() => void> = [];
  let lastSent = '';
  let pending = false;

  // Events are coalesced per tick: a burst of NOTIFYs (a PBX restart) sends one snapshot.
  const publish = () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      const snapshot = board.snapshot(clock().getTime());
      const key = JSON.stringify({ ...snapshot, updatedAt: '' });
      if (key === lastSent) return;
      lastSent = key;
      options.events.emit('supervision.live', snapshot);
    });
  };
  // Wrap-up ends with time, not with an event.
  const ticker = setInterval(publish, 1000);
  ticker.unref();
  // The day's figures move with each call; the wall screen is told so without being sent the call
  // itself (a pop is the agent's only: see contract/events.ts).
  const figuresChanged = () => options.events.emit('supervision.figuresChanged', {});
  const offCalls = [options.events.on('call.incoming', figuresChanged), options.events.on('call.updated', figuresChanged)];

  async function startAdapter(): Promise<void> {
    await stopAdapter();
    const settings = settingsStore.get();
    board.configure(settings, clock().getTime());
    adapter = options.createAdapter(settings);
    if (adapter) {
      const a = adapter;
      offs = [
        a.on('agent', (update) => {
          board.applyAgent(update, clock().getTime());
          publish();
        }),
        a.on('call', (update) => {
          board.applyQueue(update, clock().getTime());
          publish();
        }),
        a.on('status', (status) => {
          board.setStatus(status);
          publish();
        }),
      ];
      await a.start().catch((error: unknown) => logger.error('supervision adapter failed to start', { error: String(error) }));
    }
    publish();
  }

  async function stopAdapter(): Promise<void> {
    for (const off of offs) off();
    offs = [];
    const a = adapter;
    adapter = null;
    await a?.stop().catch(() => {});
  }

  const rowsSince = (date: string): StatCall[] => statistics.callsSince(parisInstant(date).toISOString()).map(toStatCall);

  let forecastCache: { key: string; at: number; value: Forecast } | null = null;

  const handlers: SupervisionHandlers = {
    'supervision.live': (): LiveState => board.snapshot(clock().getTime()),
    'supervision.today': () => {
      const now = clock();
      const today = localTime(now).date;
      const items = options.callbackItemsSince(parisInstant(today).toISOString());
      return todayKpis(rowsSince(today), items, { now, callbackTargetMinutes: options.callbackTargetMinutes() });
    },
    'supervision.trend': ({ days }) => {
      const now = clock();
      return trend(rowsSince(addDays(localTime(now).date, -(days - 1))), { now, days });
    },
    'supervision.forecast': () => {
      const now = clock();
      const today = localTime(now).date;
      if (forecastCache && forecastCache.key === today && now.getTime() - forecastCache.at < FORECAST_CACHE_MS) return forecastCache.value;
      const times = statistics.inboundRingTimesSince(parisInstant(addDays(today, -7 * FORECAST_WEEKS)).toISOString());
      const value = forecastWeek(times, { now });
      forecastCache = { key: today, at: now.getTime(), value };
      return value;
    },
    'supervision.settings': () => settingsStore.get(),
    'supervision.updateSettings': async (input) => {
      const next = settingsStore.update(input);
      options.events.emit('supervision.settingsChanged', next);
      await startAdapter();
      return next;
    },
  };

  return {
    handlers,
    settings: () => settingsStore.get(),
    start: startAdapter,
    /** The PBX line came back (or its account changed): watch again. */
    restart: startAdapter,
    async stop() {
      clearInterval(ticker);
      for (const off of offCalls) off();
      await stopAdapter();
    },
  };
}

export type SupervisionArea = ReturnType<typeof createSupervisionArea>;

/**
 * Supervision as an area: figures from the journal, the live board from the PBX's dialog events
 * (its own watcher, started with the line and again when the PBX account changes).
 */
export const supervisionArea: AreaModule = {
  name: 'supervision',
  order: 500,
  create({ workspace, dataDir, env, events, logger, settings, live, port }) {
    const supervision = createSupervisionArea({
      callbackItemsSince: port('callbackItemsSince'),
      store: workspace.store,
      dataDir,
      env,
      events,
      logger: logger.child('supervision'),
      identify: (raw) => workspace.directory.identify(raw),
      callbackTargetMinutes: () => settings.callbackTargetMinutes(),
      createAdapter: (watch) => createSipDialogAdapter(settings.sipConfig(), watch, logger.child('supervision')),
    });
    return {
      handlers: supervision.handlers,
      start: async () => {
        if (live) await supervision.start();
      },
      stop: () => supervision.stop(),
      settingsChanged: async ({ sipChanged }) => {
        if (sipChanged && live) await supervision.restart();
      },
    };
  },
};
