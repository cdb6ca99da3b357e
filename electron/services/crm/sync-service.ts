/**
 * The sync area as the composition root uses it: the engine (pull), the outbox and its pusher
 * (push), two background loops, and the `sync.*` handlers of the contract. Pulling and pushing run
 * side by side, each on its own timer with its own failures: a pull that fails (HubSpot refusing a
 * search, a bug) never holds back what Claire recorded, and a long initial copy does not delay it
 * (a PushLedger keeps a page read before a push from overwriting what that push sent). Nothing here
 * is ever awaited by a pop: SQLite is written in small transactions (one page at a time).
 *
 *   const sync = new SyncService({ store, secrets, env, events, logger });
 *   sync.outbox.enqueue({ kind: 'note', localId, op: 'create' });   // inside the write's transaction
 *   sync.start();   // no-op until a token is configured
 */
import type { ContactProperties } from './contact-properties';
import type { AccueilStore } from '../store';
import type { SecretStore } from '../settings/secret-store';
import type { Logger } from '../log';
import type { EventBus } from '../event-bus';
import type { ConnectionTest, SyncPhase, SyncStatus } from '../../contract/sync-calls';
import { ENV_BASE_URL, ENV_BURST, ENV_TOKEN, HubSpotError, HubSpotGateway, classifyHubSpotError, hubSpotBaseUrl, hubSpotToken, type HubSpotErrorKind, type HubSpotGatewayOptions } from './hubspot-client';
import { SyncEngine, type SyncProgress } from './sync-engine';
import { Outbox, OutboxPusher, PushLedger } from './outbox';
import { connectionTestAnswer, testHubSpotConnection } from './connection-test';
import type { Explanation } from '../../contract/error-catalog';
import { exponentialCeiling } from '../backoff';

export { ENV_BASE_URL, ENV_TOKEN };
export const ENV_POLL_MS = 'ACCUEIL_HUBSPOT_POLL_MS';

/** What each sync phase is called in the CLI (French; the console words the codes itself). */
export const PHASE_LABEL: Record<SyncPhase, string> = {
  reference: 'Propriétaires et pipelines',
  companies: 'Entreprises',
  contacts: 'Contacts',
  tickets: 'Tickets',
  deals: 'Devis',
  calls: 'Appels',
  notes: 'Notes',
  emails: 'E-mails',
  meetings: 'Interventions',
  tasks: 'Tâches',
  update: 'Mise à jour',
};

function phaseOf(progress: SyncProgress): SyncPhase {
  return progress.type ?? 'reference';
}

export type PullSummary = { kind: 'initial' } | { kind: 'poll'; changed: number; deleted: number };

/** What one `passOnce` did (see there). */
export interface PassReport {
  pull: PullSummary | null;
  pullError: unknown;
  pushed: { sent: number; failed: number; remaining: number };
  pushError: string | null;
  /** HubSpot requests this pass sent. */
  requests: number;
  unreadable: number;
}

export interface SyncServiceOptions {
  store: AccueilStore;
  secrets: SecretStore;
  env?: NodeJS.ProcessEnv;
  events?: EventBus;
  logger?: Logger;
  pollIntervalMs?: number;
  /** Called once the first full copy is in the cache (the workspace becomes 'crm'). */
  onConnected?: () => void;
  /**
   * A demo workspace to clear before the CRM's first records arrive. Cleared only once HubSpot has
   * accepted the token: a mistyped token must not cost the demo.
   */
  demo?: { present(): boolean; clear(): void };
  /** Gateway knobs (tests, bench). */
  gateway?: Partial<HubSpotGatewayOptions>;
  overlapMs?: number;
  archivedEveryMs?: number;
  lookupGraceMs?: number;
  /** Contact properties other areas keep (contact-properties.ts). */
  contactProperties?: ContactProperties;
}

export class SyncService {
  readonly outbox: Outbox;
  private readonly env: NodeJS.ProcessEnv;
  private readonly pollIntervalMs: number;
  private gateway: HubSpotGateway | null = null;
  private engine: SyncEngine | null = null;
  private pusher: OutboxPusher | null = null;
  private pullTimer: NodeJS.Timeout | null = null;
  private pulling: Promise<void> | null = null;
  private stopped = true;
  private pullFailures = 0;
  private lastProgressEmit = 0;
  private readonly progressListeners = new Set<(progress: SyncProgress) => void>();
  private current: Omit<SyncStatus, 'configured' | 'tokenFromEnvironment' | 'pendingOutbox' | 'pollIntervalMs' | 'lastSuccessAt' | 'unreadableRecords'> = {
    state: 'off',
    phase: null,
    progress: null,
    lastError: null,
    lastErrorReason: null,
  };

  constructor(private readonly options: SyncServiceOptions) {
    this.env = options.env ?? process.env;
    this.outbox = new Outbox(options.store);
    const fromEnv = Number(this.env[ENV_POLL_MS]);
    this.pollIntervalMs = options.pollIntervalMs ?? (Number.isFinite(fromEnv) && fromEnv >= 1000 ? fromEnv : 15_000);
  }

  /**
   * The gateway of the current token (null without one), for an area that writes to HubSpot by
   * itself (the Sage area's company upserts): one rate limiter per token, shared, so that the
   * two never exceed HubSpot's limits between them.
   */
  currentGateway(): HubSpotGateway | null {
    if (!this.gateway && this.token()) this.build();
    return this.gateway;
  }

  private token(): string | null {
    return hubSpotToken(this.options.secrets, this.env);
  }

  private buildGateway(token: string): HubSpotGateway {
    const burst = Number(this.env[ENV_BURST]);
    return new HubSpotGateway({
      token,
      baseUrl: hubSpotBaseUrl(this.env),
      ...(this.options.logger ? { logger: this.options.logger } : {}),
      ...(Number.isFinite(burst) && burst > 0 ? { burstPerTenSeconds: burst } : {}),
      ...this.options.gateway,
    });
  }

  private build(): boolean {
    const token = this.token();
    // The previous token's push loop goes with it (its pass under way ends on its own).
    void this.pusher?.queue.stop();
    if (!token) {
      this.gateway = this.engine = this.pusher = null;
      return false;
    }
    this.gateway = this.buildGateway(token);
    const ledger = new PushLedger();
    this.engine = new SyncEngine({
      ledger,
      gateway: this.gateway,
      store: this.options.store,
      ...(this.options.logger ? { logger: this.options.logger } : {}),
      ...(this.options.overlapMs !== undefined ? { overlapMs: this.options.overlapMs } : {}),
      ...(this.options.archivedEveryMs !== undefined ? { archivedEveryMs: this.options.archivedEveryMs } : {}),
      onChanged: (change) => this.options.events?.emit('directory.changed', change),
      onProgress: (p) => this.progress(p),
    });
    this.pusher = new OutboxPusher({
      ledger,
      gateway: this.gateway,
      store: this.options.store,
      outbox: this.outbox,
      ...(this.options.logger ? { logger: this.options.logger } : {}),
      ...(this.options.lookupGraceMs !== undefined ? { lookupGraceMs: this.options.lookupGraceMs } : {}),
      ...(this.options.contactProperties ? { contactProperties: this.options.contactProperties } : {}),
      loop: {
        idleDelayMs: this.pollIntervalMs,
        // Nothing leaves a demo workspace (its records never queue; this guards leftovers).
        canRun: () => !this.options.demo?.present(),
        onPass: () => this.publish(),
      },
    });
    return true;
  }

  status(): SyncStatus {
    const configured = this.token() !== null;
    const state = this.engine?.state;
    const pushKind = this.pusher?.lastError ? this.pusher.lastErrorKind : null;
    // A failing pull decides the state; else a failing push does (offline if HubSpot is out of reach).
    const settled = this.current.state === 'idle' && pushKind ? (pushKind === 'network' || pushKind === 'server' ? 'offline' : 'error') : this.current.state;
    return {
      configured,
      tokenFromEnvironment: Boolean(this.env[ENV_TOKEN]?.trim()),
      ...this.current,
      state: configured ? settled : 'off',
      lastSuccessAt: state?.get<string>('lastSuccessAt') ?? null,
      pendingOutbox: this.outbox.pendingCount(),
      lastError: configured ? (this.current.lastError ?? this.pusher?.lastError ?? null) : null,
      lastErrorReason: !configured ? null : this.current.lastError ? this.current.lastErrorReason : this.pusher?.lastError ? reasonOf(this.pusher.lastFailure) : null,
      pollIntervalMs: this.pollIntervalMs,
      unreadableRecords: configured ? (this.engine?.unreadable.count() ?? 0) : 0,
    };
  }

  private publish(): void {
    this.options.events?.emit('sync.status', this.status());
  }

  private progress(p: SyncProgress): void {
    for (const listener of this.progressListeners) listener(p);
    this.current = { ...this.current, state: p.phase === 'initial' || p.phase === 'reference' ? 'initial' : 'syncing', phase: phaseOf(p), progress: { done: p.done, total: p.total } };
    const now = Date.now();
    if (now - this.lastProgressEmit > 250) {
      this.lastProgressEmit = now;
      this.publish();
    }
  }

  /** Starts the background loops if a token is configured; safe to call again. */
  start(): void {
    if (!this.build()) {
      this.current = { state: 'off', phase: null, progress: null, lastError: null, lastErrorReason: null };
      this.publish();
      return;
    }
    this.stopped = false;
    this.schedulePull(0);
    this.pusher?.queue.start();
  }

  private schedulePull(ms: number): void {
    if (this.stopped) return;
    if (this.pullTimer) clearTimeout(this.pullTimer);
    this.pullTimer = setTimeout(() => void this.pull(), ms);
    this.pullTimer.unref?.();
  }

  /** One pull and one push, side by side; resolves when both are over. Errors are reported, never thrown. */
  async cycle(options: { full?: boolean } = {}): Promise<void> {
    await Promise.all([this.pull(options), this.push()]);
  }

  /** Initial sync until done, else a poll. One at a time: a second call shares the running one. */
  pull(options: { full?: boolean } = {}): Promise<void> {
    if (!this.pulling) this.pulling = this.runPull(options).finally(() => (this.pulling = null));
    return this.pulling;
  }

  /** Sends what is due in the outbox: a pass of the push loop (the 'hubspot' job queue). One at a time. */
  push(): Promise<void> {
    return this.pusher?.queue.pass() ?? Promise.resolve();
  }

  /**
   * One pull: the initial copy while it is not done (after leaving the demo workspace, once HubSpot
   * accepted the token), else a poll. The background loop and `accueil sync` both pull through here.
   */
  private async pullStep(engine: SyncEngine, full: boolean): Promise<PullSummary> {
    if (!engine.initialDone() || full) {
      if (!engine.initialDone() && this.options.demo?.present()) {
        const probe = await this.testConnection();
        if (!probe.ok) throw new HubSpotError(probeKind(probe.kind), { reason: probe.reason, params: probe.params } as Explanation);
        this.options.demo.clear();
      }
      this.current = { ...this.current, state: 'initial', phase: 'reference', progress: null };
      this.publish();
      await engine.initialSync(full ? { full: true } : {});
      this.options.onConnected?.();
      return { kind: 'initial' };
    }
    this.current = { ...this.current, state: 'syncing', phase: 'update', progress: null };
    const { changed, deleted } = await engine.pollOnce();
    return { kind: 'poll', changed, deleted };
  }

  /**
   * One pull then one push, for `accueil sync`: what each did. The push runs even when the pull
   * failed (what Claire recorded never waits on a pull); the pull's error is returned, not thrown.
   */
  async passOnce(options: { full?: boolean } = {}): Promise<PassReport> {
    if (!this.engine && !this.build()) throw new HubSpotError('auth', { reason: 'hubspot.no_token' });
    const engine = this.engine!;
    const pusher = this.pusher!;
    const before = this.gateway!.sent;
    let pull: PullSummary | null = null;
    let pullError: unknown = null;
    try {
      pull = await this.pullStep(engine, options.full === true);
    } catch (error) {
      pullError = error;
    }
    const pushed = await pusher.flush();
    return { pull, pullError, pushed, pushError: pusher.lastError, requests: this.gateway!.sent - before, unreadable: engine.unreadable.count() };
  }

  /** Every progress step of a pull, unthrottled (the CLI's progress bar; the status event is throttled). */
  onProgress(listener: (progress: SyncProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  private async runPull(options: { full?: boolean }): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    try {
      await this.pullStep(engine, options.full === true);
      this.pullFailures = 0;
      this.current = { state: 'idle', phase: null, progress: null, lastError: null, lastErrorReason: null };
      this.publish();
      this.schedulePull(this.pollIntervalMs);
    } catch (raw) {
      const error = classifyHubSpotError(raw);
      this.pullFailures++;
      this.options.logger?.warn('sync pull failed', { kind: error.kind, status: error.status, failures: this.pullFailures, detail: raw instanceof Error && !(raw instanceof HubSpotError) ? raw.message.slice(0, 200) : undefined });
      this.current = { state: stateFor(error), phase: null, progress: null, lastError: error.message, lastErrorReason: reasonOf(error) };
      this.publish();
      // A refused token waits for a new one; the rest retries, more slowly each time (max 5 min).
      if (error.kind === 'auth') return;
      this.schedulePull(this.retryAfterFailures(this.pullFailures));
    }
  }

  /** A loop that failed waits longer each time: the poll interval doubled, at most 32× and 5 min. */
  private retryAfterFailures(failures: number): number {
    return exponentialCeiling(failures, this.pollIntervalMs, Math.min(300_000, this.pollIntervalMs * 32));
  }

  /** Polls (and flushes) now; the answer does not wait for it. */
  runNow(): SyncStatus {
    if (!this.engine && !this.build()) return this.status();
    this.stopped = false;
    this.schedulePull(0);
    this.pusher?.queue.start();
    return this.status();
  }

  setToken(token: string): SyncStatus {
    this.options.secrets.set('hubspot.token', token === '' ? null : token);
    void this.stop().then(() => this.start());
    return { ...this.status(), configured: this.token() !== null };
  }

  async testConnection(token?: string): Promise<ConnectionTest> {
    const use = token?.trim() || this.token();
    if (!use) return connectionTestAnswer(false, 'no_token', { reason: 'hubspot.test.no_token' });
    return testHubSpotConnection(this.buildGateway(use));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pullTimer) clearTimeout(this.pullTimer);
    this.pullTimer = null;
    await Promise.all([this.pulling?.catch(() => {}), this.pusher?.queue.stop()]);
  }
}

/** What the status says of a failure: its reason, for the interface to word. */
function reasonOf(error: HubSpotError | null): SyncStatus['lastErrorReason'] {
  return error ? { reason: error.reason, params: error.params } : null;
}

/** Offline only when HubSpot could not be reached or failed itself; the rest needs someone's look. */
function stateFor(error: HubSpotError): SyncStatus['state'] {
  return error.kind === 'network' || error.kind === 'server' || error.kind === 'rate' ? 'offline' : 'error';
}

function probeKind(kind: string): HubSpotErrorKind {
  return kind === 'auth' || kind === 'scopes' || kind === 'network' || kind === 'rate' ? kind : 'server';
}
