/**
 * Sends one e-mail over SMTP with nodemailer: a plain-text part and an HTML part, UTF-8, from the
 * configured sender. Three connection modes:
 *
 *   starttls  plain connection, upgraded with STARTTLS — required: a server that does not offer it is
 *             refused rather than sent the password in clear (port 587)
 *   tls       TLS from the first byte (port 465)
 *   none      no encryption, for a relay on this machine only (loopback: smtp-security.ts)
 *
 * Certificates are verified (a private CA can be given as a PEM file). Every failure becomes a
 * ServiceError whose reason (contract/error-catalog.ts) says what to check; passwords never reach a log line.
 */
import fs from 'node:fs';
import nodemailer from 'nodemailer';
import { ServiceError } from '../../../contract/envelope';
import { errorSentence, reasonAndParams, type ErrorReason, type Explanation } from '../../../contract/error-catalog';
import type { Logger } from '../../log';
import type { SmtpConfig } from '../../settings/settings-service';
import type { MailSending, OutgoingMessage } from '../email-composer';
import { checkCleartextAllowed } from './smtp-security';

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
  reason?: string;
}

const TLS_HINT = /certificate|self[- ]signed|ssl|tls|handshake|wrong version number|unable to verify|altname|CERT_|DEPTH_ZERO/i;

/** Failures as the SMTP reasons name them; a connection test has its own sentences (no draft to keep). */
type SmtpFailureKind =
  | 'auth_refused'
  | 'auth_required'
  | 'recipient_refused'
  | 'recipient_refused_no_detail'
  | 'starttls_missing'
  | 'tls_failed'
  | 'tls_failed_no_detail'
  | 'connection_refused'
  | 'host_not_found'
  | 'timeout'
  | 'message_refused'
  | 'message_refused_no_detail'
  | 'send_failed'
  | 'send_failed_no_detail';

/**
 * The ServiceError for a nodemailer failure, by what Claire or IT can do about it: while sending
 * (`send`, the draft is kept) or in the connection test (`test`).
 */
export function describeSmtpFailure(error: unknown, config: Pick<SmtpConfig, 'host' | 'port' | 'security'>, during: 'send' | 'test' = 'send'): ServiceError {
  const e = (error ?? {}) as SmtpFailure;
  const server = `${config.host}:${config.port}`;
  const detail = (e.response ?? e.message ?? '').replace(/\s+/g, ' ').slice(0, 160);
  const text = `${e.message ?? ''} ${e.reason ?? ''} ${e.code ?? ''}`;
  // Each kind has a send and a test sentence with the same parameters (error-catalog.ts): both
  // reasons exist or this does not compile; the test always answers `unavailable`, as it did.
  const failure = (code: 'unavailable' | 'bad_request', kind: SmtpFailureKind, params: Record<string, string> = {}) => {
    const reason: ErrorReason = during === 'test' ? `smtp.test.${kind}` : `smtp.${kind}`;
    return new ServiceError(during === 'test' ? 'unavailable' : code, { reason, params } as Explanation);
  };
  if (e.code === 'EAUTH' || e.responseCode === 535 || e.responseCode === 534) {
    return failure('unavailable', 'auth_refused', { server });
  }
  if (e.code === 'ENOAUTH') {
    return failure('unavailable', 'auth_required', { server });
  }
  if (e.code === 'EENVELOPE' || (e.command === 'RCPT TO' && (e.responseCode ?? 0) >= 500)) {
    return detail ? failure('bad_request', 'recipient_refused', { detail }) : failure('bad_request', 'recipient_refused_no_detail');
  }
  if (e.code === 'EREQUIRETLS' || (config.security === 'starttls' && /STARTTLS/i.test(text) && !TLS_HINT.test(e.reason ?? ''))) {
    return failure('unavailable', 'starttls_missing', { server });
  }
  if (e.code === 'ETLS' || TLS_HINT.test(text)) {
    return detail ? failure('unavailable', 'tls_failed', { server, detail }) : failure('unavailable', 'tls_failed_no_detail', { server });
  }
  if (/ECONNREFUSED/.test(text)) {
    return failure('unavailable', 'connection_refused', { server });
  }
  if (e.code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(text)) {
    return failure('unavailable', 'host_not_found', { host: config.host });
  }
  if (e.code === 'ETIMEDOUT' || /timeout|timed out/i.test(text)) {
    return failure('unavailable', 'timeout', { server });
  }
  if (e.code === 'EMESSAGE' || (e.responseCode ?? 0) >= 500) {
    return detail ? failure('unavailable', 'message_refused', { detail }) : failure('unavailable', 'message_refused_no_detail');
  }
  return detail ? failure('unavailable', 'send_failed', { server, detail }) : failure('unavailable', 'send_failed_no_detail', { server });
}

/** The transport options for a configuration (exported for tests of the modes). */
export function transportOptions(config: SmtpConfig, ca?: string) {
  return {
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    ...(config.user ? { auth: { user: config.user, pass: config.password } } : {}),
    tls: { minVersion: 'TLSv1.2' as const, ...(ca ? { ca } : {}) },
    ...TIMEOUTS,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

export class SmtpSender implements MailSending {
  constructor(
    private readonly config: () => SmtpConfig,
    private readonly logger?: Logger,
  ) {}

  unavailable(): Explanation | null {
    const config = this.config();
    if (!config.host) return { reason: 'smtp.no_server' };
    if (!config.fromAddress) return { reason: 'smtp.no_sender' };
    return null;
  }

  /** Null when sending is possible, else why not (the French sentence). */
  unavailableReason(): string | null {
    const unavailable = this.unavailable();
    return unavailable ? new ServiceError('unavailable', unavailable).message : null;
  }

  fromAddress(): string {
    return this.config().fromAddress;
  }

  private transport(config: SmtpConfig) {
    // Also here: ACCUEIL_SMTP_* and settings saved by an older version never went through the screen's check.
    checkCleartextAllowed(config);
    let ca: string | undefined;
    if (config.caFile) {
      try {
        ca = fs.readFileSync(config.caFile, 'utf8');
      } catch {
        throw new ServiceError('unavailable', { reason: 'smtp.ca_unreadable', params: { file: config.caFile } });
      }
    }
    return nodemailer.createTransport(transportOptions(config, ca));
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string | null }> {
    const config = this.config();
    const unavailable = this.unavailable();
    if (unavailable) throw new ServiceError('unavailable', unavailable);
    const transport = this.transport(config);
    const started = performance.now();
    try {
      const info = await transport.sendMail({
        from: config.fromName ? { name: config.fromName, address: config.fromAddress } : config.fromAddress,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.headers ? { headers: message.headers } : {}),
        ...(message.calendar ? { icalEvent: { method: message.calendar.method, filename: 'invitation.ics', content: message.calendar.content } } : {}),
        ...(message.attachments?.length
          ? { attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })) }
          : {}),
        textEncoding: 'quoted-printable',
      });
      this.logger?.info('e-mail sent', { host: config.host, port: config.port, ms: Math.round(performance.now() - started) });
      return { messageId: typeof info.messageId === 'string' ? info.messageId : null };
    } catch (error) {
      const failure = describeSmtpFailure(error, config);
      const e = (error ?? {}) as SmtpFailure;
      this.logger?.warn('e-mail not sent', { host: config.host, port: config.port, code: e.code ?? null, responseCode: e.responseCode ?? null });
      throw failure;
    } finally {
      transport.close();
    }
  }

  /** Connects (and logs in when a user is set) without sending: "Tester la connexion". */
  async test(): Promise<Explanation> {
    const config = this.config();
    if (!config.host) throw new ServiceError('unavailable', { reason: 'smtp.no_server' });
    const transport = this.transport(config);
    try {
      await transport.verify();
      const server = `${config.host}:${config.port}`;
      return config.user ? { reason: 'smtp.test.ok_user', params: { server, user: config.user } } : { reason: 'smtp.test.ok', params: { server } };
    } catch (error) {
      throw describeSmtpFailure(error, config, 'test');
    } finally {
      transport.close();
    }
  }

  /** The connection test's answer as a French sentence. */
  async verify(): Promise<string> {
    const { reason, params } = reasonAndParams(await this.test());
    return errorSentence('fr', reason, params);
  }
}
