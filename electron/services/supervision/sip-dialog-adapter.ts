/**
 * Live state over standard SIP: one dialog-event subscription (RFC 4235, `Event: dialog`, the
 * "BLF" of desk phones) per watched extension and one for the hunt group, from a sip.js user agent
 * of its own that does not register (it only watches; the agent's line stays the agent's line).
 *
 * The PBX restarts: the WebSocket drops, every dialog is forgotten (reported as none, the extension
 * as not watched), and the adapter reconnects with the line's backoff and subscribes again. A
 * subscription the PBX ends (or refuses to refresh) is renewed after a pause.
 */
import { Subscriber, SubscriptionState, UserAgent, UserAgentState, type Notification } from 'sip.js';
import WebSocketImpl from 'ws';
import type { SupervisionSettings } from '../../contract/supervision-calls';
import type { Logger } from '../log';
import type { SipConfig } from '../settings/settings-service';
import { RetrySchedule } from '../shared/retry-schedule';
import { applyDialogInfo, parseDialogInfo } from './dialog-info';
import type { PbxAdapter, PbxAdapterEvents, PbxDialog } from './pbx-adapter';

export interface SipDialogAdapterOptions {
  reconnect?: { initialMs?: number; maxMs?: number };
  /** Subscription lifetime asked for (the PBX may shorten it; sip.js refreshes before it ends). */
  expiresSec?: number;
  resubscribeDelayMs?: number;
}

interface Watch {
  user: string;
  kind: 'agent' | 'queue';
  subscriber: Subscriber | null;
  dialogs: Map<string, PbxDialog>;
  version: number | null;
  watched: boolean;
  timer: NodeJS.Timeout | null;
}

/** null when there is nothing to watch or no PBX account to watch with. */
export function createSipDialogAdapter(
  config: SipConfig | null,
  settings: SupervisionSettings,
  logger: Logger,
  options: SipDialogAdapterOptions = {},
): PbxAdapter | null {
  if (!config) return null;
  if (settings.extensions.length === 0 && !settings.queueNumber) return null;
  return new SipDialogAdapter(config, settings, logger, options);
}

export class SipDialogAdapter implements PbxAdapter {
  readonly kind = 'sip-dialog' as const;
  private readonly listeners: { [E in keyof PbxAdapterEvents]: Set<PbxAdapterEvents[E]> } = { agent: new Set(), call: new Set(), status: new Set() };
  private ua: UserAgent | null = null;
  private readonly watches: Watch[];
  private running = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly retries: RetrySchedule;
  private readonly domain: string;

  constructor(
    private readonly config: SipConfig,
    settings: SupervisionSettings,
    private readonly log: Logger,
    private readonly options: SipDialogAdapterOptions = {},
  ) {
    this.domain = UserAgent.makeURI(config.uri)?.host ?? '';
    const watch = (user: string, kind: Watch['kind']): Watch => ({ user, kind, subscriber: null, dialogs: new Map(), version: null, watched: false, timer: null });
    this.watches = [
      ...settings.extensions.map((e) => watch(e.extension, 'agent')),
      ...(settings.queueNumber ? [watch(settings.queueNumber, 'queue')] : []),
    ];
    this.retries = new RetrySchedule({ initialMs: options.reconnect?.initialMs ?? 1000, maxMs: options.reconnect?.maxMs ?? 30_000 });
  }

  on<E extends keyof PbxAdapterEvents>(event: E, listener: PbxAdapterEvents[E]): () => void {
    const set = this.listeners[event] as Set<PbxAdapterEvents[E]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  private emit<E extends keyof PbxAdapterEvents>(event: E, ...args: Parameters<PbxAdapterEvents[E]>): void {
    for (const listener of this.listeners[event] as Set<(...a: Parameters<PbxAdapterEvents[E]>) => void>) {
      try {
        listener(...args);
      } catch (error) {
        this.log.error('supervision listener failed', { event, error: String(error) });
      }
    }
  }

  async start(): Promise<void> {
    if (this.running) return;
    if (!this.domain || !/^wss?:\/\//i.test(this.config.wsUrl)) {
      this.emit('status', { state: 'failed', detail: 'Ligne SIP mal configurée : voir Paramètres › Téléphonie' });
      return;
    }
    this.running = true;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    for (const watch of this.watches) {
      if (watch.timer) clearTimeout(watch.timer);
      const subscriber = watch.subscriber;
      watch.subscriber = null;
      if (subscriber) await subscriber.unsubscribe().catch(() => {});
    }
    const ua = this.ua;
    this.ua = null;
    await ua?.stop().catch(() => {});
  }

  private userAgent(): UserAgent {
    if (this.ua) return this.ua;
    const g = globalThis as { WebSocket?: unknown };
    // As the line does (sip-line.ts): sip.js wants a browser WebSocket, and always the `ws` one.
    if (g.WebSocket !== WebSocketImpl) g.WebSocket = WebSocketImpl;
    const uri = UserAgent.makeURI(this.config.uri);
    if (!uri) throw new Error('invalid SIP URI');
    const sipLog = this.log.child('sipjs');
    this.ua = new UserAgent({
      uri,
      displayName: `${this.config.displayName || this.config.user} (supervision)`,
      authorizationUsername: this.config.user,
      authorizationPassword: this.config.password,
      transportOptions: { server: this.config.wsUrl, connectionTimeout: 5 },
      logBuiltinEnabled: false,
      logLevel: 'warn',
      logConnector: (level, category, _label, content) => {
        if (level === 'error') sipLog.warn(content, { category });
      },
      delegate: { onDisconnect: (error) => this.onDisconnect(error) },
    });
    return this.ua;
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    this.emit('status', { state: 'connecting', detail: null });
    try {
      const ua = this.userAgent();
      await (ua.state === UserAgentState.Started ? ua.reconnect() : ua.start());
    } catch (error) {
      if (!this.running) return;
      this.log.warn('supervision: PBX unreachable', { server: this.config.wsUrl, error: String(error) });
      this.emit('status', { state: 'failed', detail: 'Standard injoignable : nouvel essai automatique' });
      this.scheduleReconnect();
      return;
    }
    if (!this.running) return;
    this.retries.reset();
    this.emit('status', { state: 'live', detail: null });
    for (const watch of this.watches) this.subscribe(watch);
  }

  private scheduleReconnect(): void {
    if (!this.running || this.retryTimer) return;
    const delay = this.retries.next();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private onDisconnect(error: Error | undefined): void {
    if (!this.running) return;
    this.log.warn('supervision: PBX connection lost', { error: error?.message ?? null });
    for (const watch of this.watches) {
      if (watch.timer) clearTimeout(watch.timer);
      watch.timer = null;
      const subscriber = watch.subscriber;
      watch.subscriber = null;
      subscriber?.dispose().catch(() => {});
      this.forget(watch);
    }
    this.emit('status', { state: 'failed', detail: 'Liaison avec le standard perdue : reconnexion…' });
    this.scheduleReconnect();
  }

  /** Nothing is known about this extension any more (report it as such). */
  private forget(watch: Watch): void {
    watch.dialogs.clear();
    watch.version = null;
    watch.watched = false;
    this.report(watch);
  }

  private report(watch: Watch): void {
    const dialogs = [...watch.dialogs.values()];
    if (watch.kind === 'agent') this.emit('agent', { extension: watch.user, watched: watch.watched, dialogs });
    else this.emit('call', { queue: watch.user, dialogs });
  }

  private subscribe(watch: Watch): void {
    const ua = this.ua;
    const target = UserAgent.makeURI(`sip:${watch.user}@${this.domain}`);
    if (!ua || !target || !this.running) return;
    const subscriber = new Subscriber(ua, target, 'dialog', {
      expires: this.options.expiresSec ?? 600,
      extraHeaders: ['Accept: application/dialog-info+xml'],
    });
    watch.subscriber = subscriber;
    watch.version = null;
    subscriber.delegate = { onNotify: (notification) => this.onNotify(watch, subscriber, notification) };
    subscriber.stateChange.addListener((state) => {
      if (watch.subscriber !== subscriber) return;
      if (state === SubscriptionState.Terminated) {
        watch.subscriber = null;
        this.forget(watch);
        if (!this.running || !this.ua?.isConnected()) return;
        // Ended by the PBX (expired, 481 on refresh after a restart…): ask again shortly.
        this.log.info('supervision: dialog subscription ended, renewing', { user: watch.user });
        watch.timer = setTimeout(() => {
          watch.timer = null;
          if (this.running && this.ua?.isConnected()) this.subscribe(watch);
        }, this.options.resubscribeDelayMs ?? 2000);
      }
    });
    subscriber.subscribe().catch((error: unknown) => this.log.warn('supervision: SUBSCRIBE failed', { user: watch.user, error: String(error) }));
  }

  private onNotify(watch: Watch, subscriber: Subscriber, notification: Notification): void {
    void notification.accept().catch(() => {});
    if (watch.subscriber !== subscriber) return;
    const body = notification.request.body ?? '';
    if (!watch.watched) watch.watched = true;
    if (body.trim() === '') {
      // RFC 4235 allows an empty first NOTIFY before the state is known.
      this.report(watch);
      return;
    }
    let info;
    try {
      info = parseDialogInfo(body);
    } catch (error) {
      this.log.warn('supervision: dialog-info ignored', { user: watch.user, error: String(error), size: body.length });
      this.report(watch);
      return;
    }
    if (info.version !== null && watch.version !== null && info.version < watch.version) {
      this.log.debug('supervision: stale dialog-info ignored', { user: watch.user, version: info.version });
      return;
    }
    if (info.version !== null) watch.version = info.version;
    const dropped = applyDialogInfo(watch.dialogs, info);
    if (dropped > 0) this.log.warn('supervision: too many dialogs for one extension, oldest dropped', { user: watch.user, dropped, kept: watch.dialogs.size });
    this.report(watch);
  }
}
