/**
 * The company server's lines: one SIP registration per agent with a line (`accueil users add …
 * --sip-user claire`), run by the server (CTI as on the desk: no media). Each line's calls go to the
 * one journal; whose call it is follows from the line it rang on (see contract `callLine`), so a
 * call for Claire pops only on Claire's consoles and on supervisors' boards.
 *
 * The lines follow the accounts: an account added, disabled, given another line or another role
 * is picked up at the next `sync()` (the accounts area announces changes).
 */
import type { TelephonyStatus } from '../../contract/model';
import { ServiceError } from '../../contract/envelope';
import type { ClickToDialProgress } from './click-to-dial';
import type { EventBus } from '../event-bus';
import type { CallJournal } from '../journal/call-journal';
import type { Logger } from '../log';
import { SipLine } from './sip-line';

export interface AgentLineAccount {
  login: string;
  name: string;
  sipUser: string;
}

export interface AgentLinesOptions {
  /** The PBX's WebSocket address and SIP domain, from the server's configuration. */
  wsUrl: string;
  domain: string;
  /** The agents who have a line now (active accounts with a SIP account). */
  accounts: () => AgentLineAccount[];
  /** A line's SIP password (the secret store), '' when the PBX does not ask one. */
  password: (sipUser: string) => string;
  events: EventBus;
  journal: CallJournal;
  logger: Logger;
  reconnect?: { initialMs?: number; maxMs?: number };
}

interface RunningLine {
  account: AgentLineAccount;
  line: SipLine;
  offs: Array<() => void>;
}

export class AgentLines {
  private readonly lines = new Map<string, RunningLine>();
  private stopped = true;
  private syncing: Promise<void> = Promise.resolve();

  constructor(private readonly options: AgentLinesOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.sync();
  }

  /** Starts the lines of new agents, stops those of agents gone, restarts a changed one. */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.syncNow()).catch((error: unknown) => this.options.logger.error('agent lines sync failed', { error: String(error) }));
    return this.syncing;
  }

  private async syncNow(): Promise<void> {
    if (this.stopped) return;
    const wanted = new Map(this.options.accounts().map((account) => [account.sipUser, account]));
    for (const [sipUser, running] of [...this.lines]) {
      const account = wanted.get(sipUser);
      if (!account || account.login !== running.account.login || account.name !== running.account.name) await this.stopLine(sipUser);
    }
    for (const [sipUser, account] of wanted) {
      if (this.lines.has(sipUser)) continue;
      const line = new SipLine(
        { wsUrl: this.options.wsUrl, uri: `sip:${sipUser}@${this.options.domain}`, user: sipUser, password: this.options.password(sipUser), displayName: account.name },
        { logger: this.options.logger.child(sipUser), ...(this.options.reconnect ? { reconnect: this.options.reconnect } : {}) },
      );
      const offs = [
        line.on('status', (status) => this.options.events.emit('telephony.status', status)),
        line.on('call', (event) => this.options.journal.handle(event)),
      ];
      this.lines.set(sipUser, { account, line, offs });
      await line.start();
    }
  }

  private async stopLine(sipUser: string): Promise<void> {
    const running = this.lines.get(sipUser);
    if (!running) return;
    this.lines.delete(sipUser);
    // The journal hears the calls the line closes on the way out before it stops listening.
    await running.line.stop();
    for (const off of running.offs) off();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.syncing;
    for (const sipUser of [...this.lines.keys()]) await this.stopLine(sipUser);
  }

  /** An agent's line status; « not configured » for someone without a line. */
  status(sipUser: string | null | undefined): TelephonyStatus {
    const running = sipUser ? this.lines.get(sipUser) : undefined;
    return running?.line.status() ?? { state: 'unconfigured', aor: null, server: null, detail: null, nextRetryAt: null, since: new Date().toISOString() };
  }

  /** Click-to-call from an agent's own line (see PhoneLine.dial); refused without a registered line. */
  dial(sipUser: string | null, target: string, listener: (progress: ClickToDialProgress) => void): { callKey: string; agent: string } {
    const running = sipUser ? this.lines.get(sipUser) : undefined;
    if (!running || running.line.status().state !== 'registered') throw new ServiceError('unavailable', { reason: 'phone.line_not_connected' });
    return running.line.clickToDial(target, listener);
  }

  /** Every line's state (supervision, health). */
  statuses(): Array<{ login: string; sipUser: string; status: TelephonyStatus }> {
    return [...this.lines.values()].map(({ account, line }) => ({ login: account.login, sipUser: account.sipUser, status: line.status() }));
  }
}
