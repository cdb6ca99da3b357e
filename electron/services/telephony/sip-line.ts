/**
 * The agent's SIP line in CTI mode: a sip.js user agent over WebSocket that registers as the agent,
 * sees incoming calls ring (180 Ringing, no media: the desk phone takes the call) and reports what
 * became of each one. It keeps itself registered: the PBX going away is normal, and the line comes
 * back by itself with exponential backoff.
 *
 * Two state machines: `Registration` (registration-state.ts) for the line, `CallLife` (call-state.ts)
 * per call. Every promise is caught here: a SIP problem never takes the app down.
 */
import {
  Grammar,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  UserAgentState,
  type Cancel,
  type Core,
  type Invitation,
  type SessionDescriptionHandler,
  type SessionDescriptionHandlerFactory,
} from 'sip.js';
import WebSocketImpl from 'ws';
import type { TelephonyStatus } from '../../contract/model';
import type { Logger } from '../log';
import { CallLife, isFinal, readCancelReason, type CallState } from './call-state';
import { parseCaller, type ParsedCaller } from './caller-id';
import { repairIdentityHeaders } from './identity-repair';
import { Registration } from './registration-state';
import { RetrySchedule } from '../shared/retry-schedule';
import { heldAnswerHandler, startClickToDial, type ClickToDialProgress } from './click-to-dial';

export type { ParsedCaller };

export interface SipLineConfig {
  wsUrl: string;
  uri: string;
  user: string;
  password: string;
  displayName?: string;
}

export type LineCallEvent =
  | { type: 'ringing'; callKey: string /* SIP Call-ID */; caller: ParsedCaller; called: string; at: Date }
  | { type: 'answered' | 'missed' | 'answered_elsewhere' | 'ended' | 'failed'; callKey: string; at: Date; reason: string | null };

export interface SipLineOptions {
  logger: Logger;
  reconnect?: { initialMs?: number; maxMs?: number };
  /** Registration lifetime asked of the registrar (default 600 s); sip.js refreshes it at 90 %. */
  registration?: { expiresSec?: number };
  /** How long stop() waits for the un-REGISTER answer before disconnecting anyway (default 2 s). */
  stopTimeoutMs?: number;
  /** The time call events carry (`at`); the journal tells a reused Call-ID from a repeat by it. */
  clock?: () => Date;
}

type FinalCallEvent = Exclude<LineCallEvent, { type: 'ringing' }>['type'];

interface TrackedCall {
  life: CallLife;
  invitation: Invitation;
}

/** Plain-French reasons for the status bar. */
const DETAIL = {
  unreachable: 'Serveur injoignable',
  lost: 'Connexion au serveur perdue',
  registrationLost: 'Enregistrement perdu',
  timeout: 'Le serveur ne répond pas',
  stopped: 'Ligne arrêtée',
} as const;

/** Final responses after which retrying by itself would only lock the account or spam the PBX. */
const NEEDS_A_PERSON = new Set([401, 403, 404, 407]);

// The keys sip.js 0.21 keeps private but whose timers must be cleared (see clearRegistererTimers).
interface RegistererInternals {
  clearTimers?: () => void;
}

export class SipLine {
  private readonly log: Logger;
  private readonly registration: Registration;
  private readonly retries: RetrySchedule;
  private readonly statusListeners = new Set<(s: TelephonyStatus) => void>();
  private readonly callListeners = new Set<(e: LineCallEvent) => void>();
  private readonly calls = new Map<string, TrackedCall>();
  /** Original From text of INVITEs whose From had to be repaired for sip.js, by Call-ID. */
  private readonly rawFroms = new Map<string, string>();
  /** Call-IDs of click-to-dials in progress: their INVITE forked back to us is not an incoming call. */
  private readonly dialing = new Set<string>();
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private running = false;
  /** Bumped whenever an attempt is superseded (loss, stop, manual retry): late results are ignored. */
  private generation = 0;
  private stopping: Promise<void> | null = null;
  private readonly now: () => Date;

  constructor(
    private readonly config: SipLineConfig,
    private readonly options: SipLineOptions,
  ) {
    this.log = options.logger.child('sip');
    this.now = options.clock ?? (() => new Date());
    this.retries = new RetrySchedule({ initialMs: options.reconnect?.initialMs ?? 1000, maxMs: options.reconnect?.maxMs ?? 30_000 });
    this.registration = new Registration({ aor: config.uri || null, server: config.wsUrl || null }, (s) => this.emitStatus(s));
  }

  /** Connect and register. Never rejects for a network failure: it retries with backoff. */
  async start(): Promise<void> {
    if (this.stopping) await this.stopping;
    if (this.running) return;
    this.running = true;
    const problem = this.configProblem();
    if (problem) {
      this.log.error('SIP line not started: invalid configuration', { problem, aor: this.config.uri, server: this.config.wsUrl });
      this.registration.transition('failed', { detail: problem });
      return;
    }
    await this.attempt();
  }

  /** Unregister (best effort), disconnect, stop every timer. Idempotent. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    if (!this.running) return Promise.resolve();
    this.stopping = this.shutdown().finally(() => {
      this.stopping = null;
    });
    return this.stopping;
  }

  /** The person asked to retry now (also the way out of `failed`). */
  async reconnect(): Promise<void> {
    if (this.stopping) await this.stopping;
    if (!this.running) return this.start();
    if (this.registration.state === 'connecting') return;
    this.log.info('SIP line: reconnect requested');
    this.retries.reset();
    await this.attempt();
  }

  status(): TelephonyStatus {
    return this.registration.status();
  }

  on(event: 'status', fn: (s: TelephonyStatus) => void): () => void;
  on(event: 'call', fn: (e: LineCallEvent) => void): () => void;
  on(event: 'status' | 'call', fn: ((s: TelephonyStatus) => void) | ((e: LineCallEvent) => void)): () => void {
    if (event === 'status') {
      const listener = fn as (s: TelephonyStatus) => void;
      this.statusListeners.add(listener);
      return () => this.statusListeners.delete(listener);
    }
    const listener = fn as (e: LineCallEvent) => void;
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  // ── Registration ────────────────────────────────────────────────────────────────────────────────

  private configProblem(): string | null {
    if (!/^wss?:\/\/[^\s/]+/i.test(this.config.wsUrl)) return "Configuration invalide : l'adresse du serveur doit commencer par ws:// ou wss://";
    if (!UserAgent.makeURI(this.config.uri)) return 'Configuration invalide : adresse SIP incorrecte';
    return null;
  }

  private async attempt(): Promise<void> {
    this.clearRetryTimer();
    const generation = ++this.generation;
    const current = () => this.running && !this.stopping && generation === this.generation;
    this.registration.transition('connecting');
    try {
      const ua = this.userAgent();
      if (!ua.isConnected()) {
        try {
          await (ua.state === UserAgentState.Started ? ua.reconnect() : ua.start());
        } catch (error) {
          if (!current()) return;
          this.log.warn('SIP server unreachable', { server: this.config.wsUrl, error: errorMessage(error) });
          this.lose(DETAIL.unreachable);
          return;
        }
      }
      if (!current()) return;
      const outcome = await this.register();
      if (!current()) return;
      if (outcome.ok) {
        this.retries.reset();
        this.log.info('SIP line registered', { aor: this.config.uri, server: this.config.wsUrl });
        this.registration.transition('registered');
        return;
      }
      if (outcome.code !== null && NEEDS_A_PERSON.has(outcome.code)) {
        this.log.error('SIP registration refused', { aor: this.config.uri, user: this.config.user, code: outcome.code, reason: outcome.reason });
        this.registration.transition('failed', { detail: refusalDetail(outcome.code) });
        return;
      }
      this.log.warn('SIP registration failed', { aor: this.config.uri, code: outcome.code, reason: outcome.reason });
      this.lose(outcome.detail);
    } catch (error) {
      // Anything unexpected (a sip.js throw): log it and keep trying rather than give up silently.
      if (!current()) return;
      this.log.error('SIP line attempt failed unexpectedly', { error });
      this.lose(DETAIL.unreachable);
    }
  }

  /** The connection or registration is gone: say so, and schedule the next try. */
  private lose(detail: string): void {
    if (!this.running || this.stopping) return;
    this.generation++;
    this.clearRetryTimer();
    const delay = this.retries.next();
    const nextRetryAt = new Date(Date.now() + delay);
    this.registration.transition('unregistered', { detail, nextRetryAt });
    this.log.info('SIP line will retry', { detail, inMs: delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.attempt();
    }, delay);
  }

  private clearRetryTimer(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private register(): Promise<{ ok: true } | { ok: false; code: number | null; reason: string; detail: string }> {
    const registerer = this.registerer;
    if (!registerer) return Promise.resolve({ ok: false, code: null, reason: 'no registerer', detail: DETAIL.unreachable });
    // A refresh timer left from an earlier registration would call register() while ours is in
    // flight; sip.js does not catch that rejection. Ours replaces it anyway.
    clearRegistererTimers(registerer);
    return new Promise((resolve) => {
      let settled = false;
      const settle = (value: { ok: true } | { ok: false; code: number | null; reason: string; detail: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(guard);
        unsubscribe();
        resolve(value);
      };
      // A 423 makes sip.js re-register by itself without our delegate: its state tells us the end.
      const onState = (state: RegistererState) => {
        if (state === RegistererState.Registered) settle({ ok: true });
      };
      registerer.stateChange.addListener(onState);
      const unsubscribe = () => registerer.stateChange.removeListener(onState);
      // sip.js answers every REGISTER within Timer F (32 s); this only guards against a sip.js bug.
      const guard = setTimeout(() => settle({ ok: false, code: null, reason: 'no final response', detail: DETAIL.timeout }), 40_000);
      guard.unref();
      registerer
        .register({
          requestDelegate: {
            onAccept: () => settle({ ok: true }),
            onReject: (response: Core.IncomingResponse) => {
              const code = response.message.statusCode ?? null;
              const reason = response.message.reasonPhrase ?? '';
              settle({ ok: false, code, reason, detail: failureDetail(code, reason) });
            },
          },
        })
        .catch((error: unknown) => settle({ ok: false, code: null, reason: errorMessage(error), detail: DETAIL.unreachable }));
    });
  }

  private userAgent(): UserAgent {
    if (this.ua) return this.ua;
    ensureWebSocket();
    const uri = UserAgent.makeURI(this.config.uri);
    if (!uri) throw new Error('invalid SIP URI');
    const sipLog = this.log.child('sipjs');
    const ua = new UserAgent({
      uri,
      displayName: this.config.displayName,
      authorizationUsername: this.config.user,
      authorizationPassword: this.config.password,
      transportOptions: { server: this.config.wsUrl, connectionTimeout: 5 },
      // Only the console's own click-to-dial leg ever answers an offer (held, see click-to-dial.ts).
      sessionDescriptionHandlerFactory: (session, factoryOptions) =>
        session instanceof Inviter ? heldAnswerHandler() : noMediaFactory(session, factoryOptions),
      // The desk phone may ring longer than sip.js's default 60 s; the PBX ends the ring, not us.
      noAnswerTimeout: 600,
      logBuiltinEnabled: false,
      logLevel: 'warn',
      logConnector: (level, category, _label, content) => {
        // sip.js logs whole messages at debug level only; warn/error lines carry no credentials.
        if (level === 'error') sipLog.warn(content, { category });
        else if (level === 'warn') sipLog.debug(content, { category });
      },
      delegate: {
        onInvite: (invitation) => this.receive(invitation),
        onDisconnect: (error) => this.onDisconnect(error),
      },
    });
    this.interceptIncoming(ua);
    // Refreshed at three quarters of its life, not sip.js's 99 %: at 600 s that leaves 150 s, not 6,
    // for a slow registrar or a busy machine before the PBX stops ringing this line.
    const registerer = new Registerer(ua, { expires: this.options.registration?.expiresSec ?? 600, refreshFrequency: 75 });
    registerer.stateChange.addListener((state) => this.onRegistererState(state));
    this.ua = ua;
    this.registerer = registerer;
    return ua;
  }

  /** See identity-repair.ts: a From sip.js cannot parse must not make the call disappear. */
  private interceptIncoming(ua: UserAgent): void {
    const transport = ua.transport;
    const deliver = transport.onMessage;
    if (!deliver) return;
    transport.onMessage = (message: string) => {
      const repair = repairIdentityHeaders(message, (header, value) => Grammar.parse(value, header) !== -1);
      for (const { header, raw } of repair.repaired) {
        const fields = { header, method: repair.method, value: raw.slice(0, 300), callKey: repair.callId };
        // One warning per call: the CANCEL and ACK that follow carry the same header.
        if (repair.method === 'INVITE') this.log.warn('Malformed SIP header replaced so that the call is still seen', fields);
        else this.log.debug('Malformed SIP header replaced', fields);
        if (header === 'From' && repair.method === 'INVITE' && repair.callId) this.rememberRawFrom(repair.callId, raw);
      }
      deliver(repair.message);
    };
  }

  private rememberRawFrom(callId: string, raw: string): void {
    this.rawFroms.set(callId, raw);
    // Bounded: CANCELs and junk also pass here, and a flood must not grow memory.
    while (this.rawFroms.size > 200) {
      const oldest = this.rawFroms.keys().next().value;
      if (oldest === undefined) break;
      this.rawFroms.delete(oldest);
    }
  }

  private onDisconnect(error: Error | undefined): void {
    if (!this.running || this.stopping) return;
    this.log.warn('SIP transport disconnected', { server: this.config.wsUrl, error: error ? error.message : null });
    for (const key of [...this.calls.keys()]) this.finishCall(key, 'failed', DETAIL.lost, true);
    const state = this.registration.state;
    if (state === 'registered' || state === 'connecting') this.lose(DETAIL.lost);
  }

  private onRegistererState(state: RegistererState): void {
    // A refresh that failed, or a registration that expired, while we believed we were registered.
    if (state === RegistererState.Unregistered && this.registration.state === 'registered' && this.running && !this.stopping) {
      this.log.warn('SIP registration lost', { aor: this.config.uri });
      this.lose(DETAIL.registrationLost);
    }
  }

  private async shutdown(): Promise<void> {
    this.generation++;
    this.clearRetryTimer();
    // A call still ringing when the line stops (settings changed, app quitting) has an outcome we
    // can no longer learn: missed, so it is called back, like a call a killed run left ringing.
    for (const [key, tracked] of [...this.calls]) this.finishCall(key, tracked.life.state === 'ringing' ? 'missed' : 'ended', DETAIL.stopped, true);
    const ua = this.ua;
    const registerer = this.registerer;
    this.ua = null;
    this.registerer = null;
    try {
      if (ua && registerer) {
        if (registerer.state === RegistererState.Registered && ua.isConnected()) {
          await withTimeout(this.unregister(registerer), this.options.stopTimeoutMs ?? 2000);
        }
        clearRegistererTimers(registerer);
        registerer.dispose().catch((error: unknown) => this.log.debug('registerer dispose failed', { error: errorMessage(error) }));
        clearRegistererTimers(registerer);
        await ua.stop().catch((error: unknown) => this.log.debug('user agent stop failed', { error: errorMessage(error) }));
      }
    } catch (error) {
      this.log.warn('SIP line did not stop cleanly', { error: errorMessage(error) });
    }
    this.rawFroms.clear();
    this.running = false;
    if (this.registration.state !== 'unconfigured') this.registration.transition('unregistered', { detail: DETAIL.stopped });
    this.log.info('SIP line stopped', { aor: this.config.uri });
  }

  private unregister(registerer: Registerer): Promise<void> {
    return new Promise((resolve) => {
      registerer
        .unregister({ requestDelegate: { onAccept: () => resolve(), onReject: () => resolve() } })
        .catch(() => resolve());
    });
  }

  // ── Calls ───────────────────────────────────────────────────────────────────────────────────────

  /**
   * Click-to-call (see click-to-dial.ts): rings the agent's desk phone, then refers it to `target`
   * (a dial string). Returns the console leg's Call-ID and the agent's user part, before anything is sent.
   */
  clickToDial(target: string, listener: (progress: ClickToDialProgress) => void): { callKey: string; agent: string } {
    const ua = this.ua;
    const desk = UserAgent.makeURI(this.config.uri);
    if (!ua || !desk || this.registration.state !== 'registered') throw new Error('SIP line not registered');
    const targetUri = UserAgent.makeURI(`sip:${target}@${desk.host}${desk.port ? `:${desk.port}` : ''}`);
    if (!targetUri) throw new Error(`invalid dial string ${target}`);
    let key = '';
    const { callKey } = startClickToDial(ua, desk, targetUri, this.log, listener, { onDone: () => this.dialing.delete(key) });
    key = callKey;
    this.dialing.add(callKey);
    return { callKey, agent: desk.user ?? this.config.user };
  }

  private receive(invitation: Invitation): void {
    const at = this.now();
    let callKey = '';
    try {
      const request = invitation.request;
      callKey = request.callId || `sans-call-id-${at.getTime()}`;
      if (this.dialing.has(callKey)) {
        // Our own click-to-dial INVITE, forked back to us by the registrar: refuse this branch.
        invitation.reject({ statusCode: 482 }).catch(() => {});
        return;
      }
      if (this.calls.has(callKey)) {
        // Same call forked to us twice (two contacts of ours): one pop is enough.
        this.log.info('Second INVITE for a call already ringing', { callKey });
        this.progress(invitation, callKey);
        return;
      }
      const rawFrom = this.rawFroms.get(callKey) ?? request.getHeader('From');
      this.rawFroms.delete(callKey);
      const caller = parseCaller({
        pai: request.getHeader('P-Asserted-Identity'),
        from: rawFrom,
        privacy: request.getHeader('Privacy'),
      });
      for (const warning of caller.warnings) this.log.warn('Caller identity header is unusual', { callKey, warning });
      const called = request.to?.uri?.user ?? request.ruri?.user ?? '';
      const tracked: TrackedCall = { life: new CallLife(callKey), invitation };
      this.calls.set(callKey, tracked);
      invitation.delegate = {
        onCancel: (cancel: Cancel) => this.onCancel(callKey, cancel),
      };
      invitation.stateChange.addListener((state) => {
        if (state === SessionState.Terminated) this.onTerminated(callKey);
        if (state === SessionState.Established) this.finishCall(callKey, 'answered', null);
      });
      this.log.info('Incoming call ringing', { callKey, number: caller.number, withheld: caller.withheld, source: caller.source });
      this.emitCall({ type: 'ringing', callKey, caller, called, at });
      this.progress(invitation, callKey);
    } catch (error) {
      this.log.error('Incoming call could not be read', { callKey, error });
      // Still report it: an unreadable call is still a call the journal must show.
      if (callKey && !this.calls.has(callKey)) {
        this.emitCall({
          type: 'ringing',
          callKey,
          caller: { number: '', displayName: null, source: 'from', withheld: false, warnings: ['Appel illisible'] },
          called: '',
          at,
        });
        this.emitCall({ type: 'failed', callKey, at: this.now(), reason: 'Appel illisible' });
      }
    }
  }

  private progress(invitation: Invitation, callKey: string): void {
    invitation.progress().catch((error: unknown) => this.log.warn('Could not send 180 Ringing', { callKey, error: errorMessage(error) }));
  }

  private onCancel(callKey: string, cancel: Cancel): void {
    let headers: string[] = [];
    try {
      headers = cancel.request.getHeaders('Reason');
    } catch (error) {
      this.log.warn('CANCEL Reason unreadable', { callKey, error: errorMessage(error) });
    }
    const reason = readCancelReason(headers);
    this.finishCall(callKey, reason.answeredElsewhere ? 'answered_elsewhere' : 'missed', reason.text);
  }

  private onTerminated(callKey: string): void {
    const tracked = this.calls.get(callKey);
    if (!tracked) return;
    // Terminated without CANCEL while ringing: no-answer timer, Expires, or a transport error.
    if (tracked.life.state === 'ringing') this.finishCall(callKey, 'failed', 'Appel terminé sans annulation');
    else if (tracked.life.state === 'answered') this.finishCall(callKey, 'ended', null);
  }

  private finishCall(callKey: string, to: FinalCallEvent & CallState, reason: string | null, dispose = false): void {
    const tracked = this.calls.get(callKey);
    if (!tracked) return;
    const from = tracked.life.state;
    if (to === 'failed' && from === 'answered') to = 'ended'; // an answered call that drops has ended
    try {
      tracked.life.transition(to);
    } catch (error) {
      this.log.warn('Call event out of order ignored', { callKey, from, to, error: errorMessage(error) });
      return;
    }
    if (isFinal(tracked.life.state)) {
      this.calls.delete(callKey);
      // Its sip.js timers (no-answer, Expires) would otherwise outlive a lost connection or stop().
      if (dispose) tracked.invitation.dispose().catch(() => {});
    }
    this.log.info('Call state', { callKey, state: to, reason });
    this.emitCall({ type: to, callKey, at: this.now(), reason });
  }

  // ── Events ──────────────────────────────────────────────────────────────────────────────────────

  private emitStatus(status: TelephonyStatus): void {
    for (const fn of this.statusListeners) {
      try {
        fn(status);
      } catch (error) {
        this.log.error('status listener threw', { error });
      }
    }
  }

  private emitCall(event: LineCallEvent): void {
    for (const fn of this.callListeners) {
      try {
        fn(event);
      } catch (error) {
        this.log.error('call listener threw', { error, type: event.type });
      }
    }
  }
}

/**
 * sip.js expects the browser's WebSocket; in Node we lend it the `ws` package's. Always `ws`, even
 * where Node has a global WebSocket (22+, so Electron): undici's reports a refused connection
 * differently and, seen on Node 22, left the line's retry loop waiting forever when nothing listened.
 * One implementation means the behaviour tested here is the one shipped.
 */
function ensureWebSocket(): void {
  const g = globalThis as { WebSocket?: unknown };
  if (g.WebSocket !== WebSocketImpl) g.WebSocket = WebSocketImpl;
}

/** CTI mode takes no media: the handler has nothing to offer or answer, so every call fails fast. */
const noMediaFactory: SessionDescriptionHandlerFactory = () => noMediaHandler;
const noMediaHandler: SessionDescriptionHandler = {
  close: () => Promise.resolve(),
  getDescription: () => Promise.reject(new Error('Console en mode CTI : pas de média')),
  hasDescription: () => false,
  setDescription: () => Promise.reject(new Error('Console en mode CTI : pas de média')),
  sendDtmf: () => false,
};

function clearRegistererTimers(registerer: Registerer): void {
  const internals = registerer as unknown as RegistererInternals;
  if (typeof internals.clearTimers === 'function') internals.clearTimers.call(registerer);
}

function refusalDetail(code: number): string {
  if (code === 401 || code === 403 || code === 407) return `Identifiants refusés (${code})`;
  if (code === 404) return 'Compte SIP inconnu du serveur (404)';
  return `Enregistrement refusé (${code})`;
}

function failureDetail(code: number | null, reason: string): string {
  if (code === 408) return `${DETAIL.timeout} (408)`;
  if (code === 503) return reason && !/service unavailable/i.test(reason) ? `Serveur indisponible (503 ${reason})` : 'Serveur indisponible (503)';
  if (code !== null && code >= 500) return `Erreur du serveur (${code})`;
  return code !== null ? `Enregistrement refusé (${code})` : DETAIL.unreachable;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    promise.finally(() => {
      clearTimeout(timer);
      resolve();
    }).catch(() => {});
  });
}
