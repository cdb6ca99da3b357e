/**
 * MailboxReader: keeps one IMAP connection to the customer mailbox and hands every new message to
 * MailIntake, in UID order, from the durable checkpoint on.
 *
 *   stopped ──start──► connecting ──► connected (IDLE: the server says when mail arrives)
 *                          ▲     └──► polling   (no IDLE: NOOP every poll interval)
 *                          │                 │ connection lost, error
 *                          └──── waiting ◄───┘ (backoff 2 s … 5 min)
 *
 * Besides IDLE's « exists » notices, the mailbox is read again every poll interval (a notice can
 * be lost with a connection). The mailbox is opened read-only (EXAMINE) and messages are fetched
 * with BODY.PEEK: Accueil never deletes, moves or even flags a message; the mailbox stays the
 * company's archive. After a UIDVALIDITY change (the mailbox rebuilt on the server), every
 * message is read again and the Message-ID uniqueness keeps each one a single ticket.
 */
import { ImapFlow } from 'imapflow';
import { backoffDelay } from '../backoff';
import type { Logger } from '../log';
import type { ImapSettings } from './imap-settings';
import type { IntakeOutcome, MailboxPosition } from './mail-intake';
import type { MailboxRepository } from './mailbox-repository';

export type ReaderState = 'connected' | 'polling' | 'waiting' | 'stopped';

export interface MailboxReaderOptions {
  settings: ImapSettings;
  repository: MailboxRepository;
  ingest(raw: Buffer, position: MailboxPosition): Promise<IntakeOutcome>;
  /** False while the workspace is the demo: nothing is read (its customers are made up). */
  active(): boolean;
  clock: () => Date;
  logger: Logger;
  /** Reconnection backoff (tests shorten it). */
  backoff?: { baseMs: number; maxMs: number };
  /** A private CA (PEM) for a company server with its own certificates. */
  ca?: string;
}

export class MailboxReader {
  private client: ImapFlow | null = null;
  private stateValue: ReaderState = 'stopped';
  private stopping = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private lastCheck: string | null = null;
  private lastErrorText: string | null = null;

  constructor(private readonly options: MailboxReaderOptions) {}

  get state(): ReaderState {
    return this.stateValue;
  }

  status(): { state: ReaderState; lastCheckAt: string | null; lastError: string | null } {
    return { state: this.stateValue, lastCheckAt: this.lastCheck, lastError: this.lastErrorText };
  }

  start(): void {
    this.stopping = false;
    void this.connect();
    this.pollTimer = setInterval(() => void this.readNew(), this.options.settings.pollMs);
    this.pollTimer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.pollTimer = this.reconnectTimer = null;
    // Let a message being processed finish its transaction before the database closes.
    await this.running?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    if (client) {
      try {
        await Promise.race([client.logout(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      } catch {
        // Already closed.
      }
      client.close();
    }
    this.stateValue = 'stopped';
  }

  /** Reads what arrived since the checkpoint; one pass at a time, a request during a pass runs it again after. */
  readNew(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && !this.stopping);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async connect(): Promise<void> {
    if (this.stopping) return;
    const { settings } = this.options;
    const client = new ImapFlow({
      host: settings.host,
      port: settings.port,
      secure: settings.security === 'tls',
      // starttls: refuse a server that does not offer it rather than send the password in clear.
      doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
      auth: { user: settings.user, pass: settings.password },
      logger: false,
      tls: { minVersion: 'TLSv1.2', ...(this.options.ca ? { ca: this.options.ca } : {}) },
      maxIdleTime: Math.max(settings.pollMs, 1_000),
      missingIdleCommand: 'NOOP',
      connectionTimeout: 30_000,
      greetingTimeout: 16_000,
    } as ConstructorParameters<typeof ImapFlow>[0]);
    this.client = client;
    client.on('error', (error: Error) => {
      this.lastErrorText = error.message;
      this.options.logger.warn('mailbox connection error', { error: error.message });
    });
    client.on('close', () => {
      if (this.client !== client) return;
      this.client = null;
      this.scheduleReconnect('connection closed');
    });
    client.on('exists', () => void this.readNew());
    try {
      await client.connect();
      await client.mailboxOpen(settings.mailbox, { readOnly: true });
      this.attempt = 0;
      this.lastErrorText = null;
      this.stateValue = client.capabilities.has('IDLE') ? 'connected' : 'polling';
      this.options.logger.info('mailbox open', { host: settings.host, mailbox: settings.mailbox, idle: this.stateValue === 'connected' });
      await this.readNew();
    } catch (error) {
      this.lastErrorText = (error as Error).message ?? String(error);
      this.options.logger.warn('mailbox unreachable', { host: settings.host, port: settings.port, error: this.lastErrorText });
      if (this.client === client) this.client = null;
      client.close();
      this.scheduleReconnect(this.lastErrorText);
    }
  }

  private scheduleReconnect(why: string): void {
    if (this.stopping || this.reconnectTimer) return;
    this.stateValue = 'waiting';
    this.attempt += 1;
    const { baseMs, maxMs } = this.options.backoff ?? { baseMs: 2_000, maxMs: 300_000 };
    const delay = backoffDelay(this.attempt, baseMs, maxMs);
    this.options.logger.info('mailbox reconnecting', { why, inMs: delay });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref?.();
  }

  private async pass(): Promise<void> {
    const client = this.client;
    if (!client || !client.usable || this.stopping || !this.options.active()) return;
    const { settings, repository } = this.options;
    const mailbox = client.mailbox;
    if (!mailbox) return;
    const uidValidity = String(mailbox.uidValidity);
    const checkpoint = repository.checkpoint(settings.mailbox);
    let after = checkpoint?.uidValidity === uidValidity ? checkpoint.lastUid : 0;
    if (checkpoint && checkpoint.uidValidity !== uidValidity) {
      this.options.logger.warn('mailbox UIDVALIDITY changed: every message is read again (each known one is recognised by its Message-ID)', {
        mailbox: settings.mailbox,
      });
    }
    try {
      const found = await client.search({ uid: `${after + 1}:*` }, { uid: true });
      // « n:* » always names the last message, even when it is older than n.
      const uids = (found || []).filter((uid) => uid > after).sort((a, b) => a - b);
      for (const uid of uids) {
        if (this.stopping || !this.options.active()) return;
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!message || !message.source) continue;
        await this.options.ingest(message.source, { mailbox: settings.mailbox, uidValidity, uid });
        after = uid;
      }
      this.lastCheck = this.options.clock().toISOString();
    } catch (error) {
      // The connection's own errors reconnect through 'close'; a failure to write the database
      // (disk full) leaves the checkpoint where it was, and the next pass starts there again.
      this.lastErrorText = (error as Error).message ?? String(error);
      this.options.logger.error('mailbox pass failed', { error: this.lastErrorText });
    }
  }
}
