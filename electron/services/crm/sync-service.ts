/**
 * The sync area as the composition root uses it: the engine (pull), the outbox and its pusher
 * (push), one loop that runs them in the background every `pollIntervalMs`, and the `sync.*`
 * handlers of the contract. Nothing here is ever awaited by a pop: the loop runs on its own timer
 * and writes SQLite in small transactions (one page at a time).
 *
 *   const sync = new SyncService({ store, secrets, env, events, logger });
 *   sync.outbox.enqueue({ kind: 'note', localId, op: 'create' });   // inside the write's transaction
 *   sync.start();   // no-op until a token is configured
 */
import type { AccueilStore } from '../store';
import type { SecretStore } from '../settings/secret-store';
import type { Logger } from '../log';
import type { EventBus } from '../event-bus';
import type { ConnectionTest, SyncStatus } from '../../contract/sync-calls';
import { ENV_BASE_URL, ENV_BURST, ENV_TOKEN, HubSpotError, HubSpotGateway, hubSpotBaseUrl, hubSpotToken, type HubSpotErrorKind, type HubSpotGatewayOptions } from './hubspot-client';
import { SyncEngine, type SyncProgress } from './sync-engine';
import { Outbox, OutboxPusher } from './outbox';
import { testHubSpotConnection } from './connection-test';

export { ENV_BASE_URL, ENV_TOKEN };
export const ENV_POLL_MS = 'ACCUEIL_HUBSPOT_POLL_MS';

/** What each sync phase is called on screen and in the CLI. */
export const PHASE_LABEL: Record<string, string> = {
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
};

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
}

export class SyncService {
  readonly outbox: Outbox;
  private readonly env: NodeJS.ProcessEnv;
  private readonly pollIntervalMs: number;
  private gateway: HubSpotGateway | null = null;
  private engine: SyncEngine | null = null;
  private pusher: OutboxPusher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private failures = 0;
  private lastProgressEmit = 0;
  private current: Omit<SyncStatus, 'configured' | 'tokenFromEnvironment' | 'pendingOutbox' | 'pollIntervalMs' | 'lastSuccessAt'> = {
    state: 'off',
    phase: null,
    progress: null,
    lastError: null,
  };

  constructor(private readonly options: SyncServiceOptions) {
    this.env = options.env ?? process.env;
    this.outbox = new Outbox(options.store);
    const fromEnv = Number(this.env[ENV_POLL_MS]);
    this.pollIntervalMs = options.pollIntervalMs ?? (Number.isFinite(fromEnv) && fromEnv >= 1000 ? fromEnv : 15_000);
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
    if (!token) {
      this.gateway = this.engine = this.pusher = null;
      return false;
    }
    this.gateway = this.buildGateway(token);
    this.engine = new SyncEngine({
      gateway: this.gateway,
      store: this.options.store,
      ...(this.options.logger ? { logger: this.options.logger } : {}),
      ...(this.options.overlapMs !== undefined ? { overlapMs: this.options.overlapMs } : {}),
      ...(this.options.archivedEveryMs !== undefined ? { archivedEveryMs: this.options.archivedEveryMs } : {}),
      onChanged: (change) => this.options.events?.emit('directory.changed', change),
      onProgress: (p) => this.progress(p),
    });
    this.pusher = new OutboxPusher({
      gateway: this.gateway,
      store: this.options.store,
      outbox: this.outbox,
      ...(this.options.logger ? { logger: this.options.logger } : {}),
      ...(this.options.lookupGraceMs !== undefined ? { lookupGraceMs: this.options.lookupGraceMs } : {}),
    });
    return true;
  }

  status(): SyncStatus {
    const configured = this.token() !== null;
    const state = this.engine?.state;
    return {
      configured,
      tokenFromEnvironment: Boolean(this.env[ENV_TOKEN]?.trim()),
      ...this.current,
      state: configured ? this.current.state : 'off',
      lastSuccessAt: state?.get<string>('lastSuccessAt') ?? null,
      pendingOutbox: this.outbox.pendingCount(),
      lastError: this.current.lastError ?? (configured ? (this.pusher?.lastError ?? null) : null),
      pollIntervalMs: this.pollIntervalMs,
    };
  }

  private publish(): void {
    this.options.events?.emit('sync.status', this.status());
  }

  private progress(p: SyncProgress): void {
    this.current = { ...this.current, state: p.phase === 'initial' || p.phase === 'reference' ? 'initial' : 'syncing', phase: PHASE_LABEL[p.type ?? p.phase] ?? p.phase, progress: { done: p.done, total: p.total } };
    const now = Date.now();
    if (now - this.lastProgressEmit > 250) {
      this.lastProgressEmit = now;
      this.publish();
    }
  }

  /** Starts the background loop if a token is configured; safe to call again. */
  start(): void {
    if (!this.build()) {
      this.current = { state: 'off', phase: null, progress: null, lastError: null };
      this.publish();
      return;
    }
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.cycle(), ms);
    this.timer.unref?.();
  }

  /** One pass: initial sync until done, else a poll; then the outbox. Errors are reported, never thrown. */
  cycle(options: { full?: boolean } = {}): Promise<void> {
    if (this.running) return this.running;
    this.running = this.runCycle(options).finally(() => (this.running = null));
    return this.running;
  }

  private async runCycle(options: { full?: boolean }): Promise<void> {
    const engine = this.engine;
    const pusher = this.pusher;
    if (!engine || !pusher) return;
    try {
      if (!engine.initialDone() || options.full) {
        if (!engine.initialDone() && this.options.demo?.present()) {
          const probe = await this.testConnection();
          if (!probe.ok) throw new HubSpotError(probeKind(probe.kind), probe.message);
          this.options.demo.clear();
        }
        this.current = { ...this.current, state: 'initial', phase: PHASE_LABEL.reference!, progress: null };
        this.publish();
        await engine.initialSync(options.full ? { full: true } : {});
        this.options.onConnected?.();
      } else {
        this.current = { ...this.current, state: 'syncing', phase: 'Mise à jour', progress: null };
        await engine.pollOnce();
      }
      if (this.outbox.pendingCount() > 0) {
        this.current = { ...this.current, phase: 'Envoi vers HubSpot' };
        this.publish();
        await pusher.flush();
      }
      this.failures = 0;
      this.current = { state: pusher.lastError ? 'error' : 'idle', phase: null, progress: null, lastError: null };
      this.publish();
      this.schedule(this.outbox.repository.dueItems(1).length > 0 ? 1_000 : this.pollIntervalMs);
    } catch (raw) {
      const error = raw instanceof HubSpotError ? raw : new HubSpotError('network', raw instanceof Error ? raw.message : String(raw));
      this.failures++;
      this.options.logger?.warn('sync cycle failed', { kind: error.kind, status: error.status, failures: this.failures });
      this.current = { state: error.kind === 'network' || error.kind === 'server' ? 'offline' : 'error', phase: null, progress: null, lastError: error.message };
      this.publish();
      // A refused token waits for a new one; the rest retries, more slowly each time (max 5 min).
      if (error.kind === 'auth') return;
      this.schedule(Math.min(300_000, this.pollIntervalMs * 2 ** Math.min(this.failures - 1, 5)));
    }
  }

  /** Polls (and flushes) now; the answer does not wait for it. */
  runNow(): SyncStatus {
    if (!this.engine && !this.build()) return this.status();
    this.stopped = false;
    this.schedule(0);
    return this.status();
  }

  setToken(token: string): SyncStatus {
    this.options.secrets.set('hubspot.token', token === '' ? null : token);
    void this.stop().then(() => this.start());
    return { ...this.status(), configured: this.token() !== null };
  }

  async testConnection(token?: string): Promise<ConnectionTest> {
    const use = token?.trim() || this.token();
    if (!use) return { ok: false, kind: 'no_token', message: 'Aucun jeton HubSpot : collez le jeton de l’application privée (Paramètres HubSpot › Intégrations › Applications privées).', missingScopes: [] };
    return testHubSpotConnection(this.buildGateway(use));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }
}

function probeKind(kind: string): HubSpotErrorKind {
  return kind === 'auth' || kind === 'scopes' || kind === 'network' || kind === 'rate' ? kind : 'server';
}
