/**
 * The agent's phone line as the rest of the product sees it: built from the settings, restarted
 * when IT changes them, silent ("not configured") when there is no PBX account. Line events go to
 * the journal and the registration state to the status bar.
 */
import type { TelephonyStatus } from '../contract/model';
import type { EventBus } from './event-bus';
import type { CallJournal } from './journal/call-journal';
import type { Logger } from './log';
import type { SettingsService } from './settings/settings-service';
import { SipLine } from './telephony/sip-line';
import { ServiceError } from '../contract/envelope';
import type { DialProgress } from './work/dialer/dialer';

export class PhoneLine {
  private line: SipLine | null = null;
  private unsubscribe: Array<() => void> = [];
  private readonly unconfigured: TelephonyStatus = {
    state: 'unconfigured',
    aor: null,
    server: null,
    detail: null,
    nextRetryAt: null,
    since: new Date().toISOString(),
  };

  constructor(
    private readonly settings: Pick<SettingsService, 'sipConfig'>,
    private readonly events: EventBus,
    private readonly journal: CallJournal,
    private readonly logger: Logger,
    private readonly reconnect_?: { initialMs?: number; maxMs?: number },
  ) {}

  async start(): Promise<void> {
    const config = this.settings.sipConfig();
    if (!config) {
      this.events.emit('telephony.status', this.status());
      return;
    }
    const line = new SipLine(config, { logger: this.logger, ...(this.reconnect_ ? { reconnect: this.reconnect_ } : {}) });
    this.line = line;
    this.unsubscribe = [
      line.on('status', (status) => this.events.emit('telephony.status', status)),
      line.on('call', (event) => this.journal.handle(event)),
    ];
    await line.start();
  }

  async stop(): Promise<void> {
    const line = this.line;
    const unsubscribe = this.unsubscribe;
    this.line = null;
    this.unsubscribe = [];
    // The journal keeps listening until the line has stopped: the calls it closes on the way out
    // (ringing ones as missed) must reach the journal and the callback list, not stay "ringing".
    await line?.stop();
    for (const off of unsubscribe) off();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
    this.events.emit('telephony.status', this.status());
  }

  async reconnect(): Promise<void> {
    if (this.line) await this.line.reconnect();
    else await this.start();
  }

  status(): TelephonyStatus {
    return this.line?.status() ?? this.unconfigured;
  }

  /** Click-to-call through the PBX (see telephony/click-to-dial.ts). */
  dial(target: string, listener: (progress: DialProgress) => void): { callKey: string; agent: string } {
    if (!this.line || this.line.status().state !== 'registered') {
      throw new ServiceError('unavailable', { reason: 'phone.line_not_connected' });
    }
    return this.line.clickToDial(target, listener);
  }
}
