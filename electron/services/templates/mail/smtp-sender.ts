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
 * ServiceError with a French sentence that says what to check; passwords never reach a log line.
 */
import fs from 'node:fs';
import nodemailer from 'nodemailer';
import { ServiceError } from '../../../contract/envelope';
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

/** The French sentence for a nodemailer failure, by what Claire or IT can do about it. */
export function describeSmtpFailure(error: unknown, config: Pick<SmtpConfig, 'host' | 'port' | 'security'>): ServiceError {
  const e = (error ?? {}) as SmtpFailure;
  const server = `${config.host}:${config.port}`;
  const detail = (e.response ?? e.message ?? '').replace(/\s+/g, ' ').slice(0, 160);
  const text = `${e.message ?? ''} ${e.reason ?? ''} ${e.code ?? ''}`;
  if (e.code === 'EAUTH' || e.responseCode === 535 || e.responseCode === 534) {
    return new ServiceError('unavailable', `Le serveur d’envoi ${server} a refusé l’identifiant ou le mot de passe : vérifiez-les dans Paramètres › E-mail. Le brouillon est conservé.`);
  }
  if (e.code === 'ENOAUTH') {
    return new ServiceError('unavailable', `Le serveur d’envoi ${server} demande un identifiant : renseignez-le dans Paramètres › E-mail. Le brouillon est conservé.`);
  }
  if (e.code === 'EENVELOPE' || (e.command === 'RCPT TO' && (e.responseCode ?? 0) >= 500)) {
    return new ServiceError('bad_request', `Le serveur d’envoi a refusé le destinataire (${detail || 'adresse refusée'}) : vérifiez l’adresse. Le brouillon est conservé.`);
  }
  if (e.code === 'EREQUIRETLS' || (config.security === 'starttls' && /STARTTLS/i.test(text) && !TLS_HINT.test(e.reason ?? ''))) {
    return new ServiceError('unavailable', `Le serveur d’envoi ${server} ne propose pas STARTTLS : le mot de passe ne sera pas envoyé en clair. Choisissez « TLS » (port 465) ou demandez au service informatique. Le brouillon est conservé.`);
  }
  if (e.code === 'ETLS' || TLS_HINT.test(text)) {
    return new ServiceError('unavailable', `Connexion chiffrée impossible avec ${server} (${detail || 'échec TLS'}) : vérifiez le mode de sécurité et le port (STARTTLS : 587, TLS : 465) ou le certificat du serveur. Le brouillon est conservé.`);
  }
  if (/ECONNREFUSED/.test(text)) {
    return new ServiceError('unavailable', `Connexion refusée par ${server} : le serveur d’envoi est arrêté ou l’adresse et le port sont faux (Paramètres › E-mail). Le brouillon est conservé.`);
  }
  if (e.code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(text)) {
    return new ServiceError('unavailable', `Serveur d’envoi introuvable : « ${config.host} » n’existe pas ou le réseau est coupé. Le brouillon est conservé.`);
  }
  if (e.code === 'ETIMEDOUT' || /timeout|timed out/i.test(text)) {
    return new ServiceError('unavailable', `Le serveur d’envoi ${server} ne répond pas (délai dépassé). Réessayez dans un instant ; le brouillon est conservé.`);
  }
  if (e.code === 'EMESSAGE' || (e.responseCode ?? 0) >= 500) {
    return new ServiceError('unavailable', `Le serveur d’envoi a refusé le message (${detail || 'refus'}). Le brouillon est conservé.`);
  }
  return new ServiceError('unavailable', `Échec de l’envoi par ${server}${detail ? ` (${detail})` : ''}. Réessayez ; le brouillon est conservé.`);
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

  unavailableReason(): string | null {
    const config = this.config();
    if (!config.host) return 'Aucun serveur d’envoi configuré : renseignez-le dans Paramètres › E-mail.';
    if (!config.fromAddress) return 'Adresse d’expéditeur manquante : renseignez-la dans Paramètres › E-mail.';
    return null;
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
        throw new ServiceError('unavailable', `Certificat d’autorité illisible : ${config.caFile} (ACCUEIL_SMTP_CA_FILE).`);
      }
    }
    return nodemailer.createTransport(transportOptions(config, ca));
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string | null }> {
    const config = this.config();
    const reason = this.unavailableReason();
    if (reason) throw new ServiceError('unavailable', reason);
    const transport = this.transport(config);
    const started = performance.now();
    try {
      const info = await transport.sendMail({
        from: config.fromName ? { name: config.fromName, address: config.fromAddress } : config.fromAddress,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
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
  async verify(): Promise<string> {
    const config = this.config();
    if (!config.host) throw new ServiceError('unavailable', 'Aucun serveur d’envoi configuré : renseignez-le dans Paramètres › E-mail.');
    const transport = this.transport(config);
    try {
      await transport.verify();
      return `Connexion réussie à ${config.host}:${config.port}${config.user ? ` (identifiant ${config.user} accepté)` : ''}.`;
    } catch (error) {
      throw new ServiceError('unavailable', describeSmtpFailure(error, config).message.replace(/ ?Le brouillon est conservé\.| ?;? ?le brouillon est conservé\./g, ''));
    } finally {
      transport.close();
    }
  }
}
