/**
 * Unit-test stand-ins for the composer's two ports. The real SMTP path is covered by
 * test/integration/mail-*.test.ts against an SMTP server on loopback.
 */
import type { ServiceError } from '../../electron/contract/envelope';
import type { Explanation } from '../../electron/contract/error-catalog';
import type { OutboxPort } from '../../electron/services/crm/outbox-port';
import type { MailSending, OutgoingMessage } from '../../electron/services/templates/email-composer';

export class RecordingMail implements MailSending {
  readonly sent: OutgoingMessage[] = [];
  failWith: ServiceError | null = null;
  configured = true;
  unavailable(): Explanation | null {
    return this.configured ? null : { reason: 'smtp.no_server' };
  }
  fromAddress(): string {
    return 'accueil@durand.example';
  }
  async send(message: OutgoingMessage): Promise<{ messageId: string | null }> {
    if (this.failWith) throw this.failWith;
    this.sent.push(message);
    return { messageId: `<${this.sent.length}@test>` };
  }
}

export class RecordingOutbox implements OutboxPort {
  readonly items: Array<{ kind: string; localId: string; op: string }> = [];
  failNext = false;
  enqueue(item: { kind: 'contact' | 'company' | 'call' | 'note' | 'ticket' | 'email'; localId: string; op: 'create' | 'update' }): void {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('outbox full');
    }
    this.items.push(item);
  }
}
