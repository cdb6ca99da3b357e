/**
 * Where the customer mailbox is, from the environment of the company server (or the console):
 *
 *   ACCUEIL_IMAP_HOST       imap.exemple.fr (required: without it, the mailbox is not read)
 *   ACCUEIL_IMAP_PORT       default 993 for tls, 143 otherwise
 *   ACCUEIL_IMAP_SECURITY   tls (default) | starttls (required: refused without it) | none (this machine only)
 *   ACCUEIL_IMAP_USER, ACCUEIL_IMAP_PASSWORD
 *   ACCUEIL_IMAP_MAILBOX    default INBOX
 *   ACCUEIL_IMAP_POLL_S     how often the mailbox is checked besides IDLE (default 60; tests: 1)
 *
 * `none` sends the password in clear, so, as for SMTP, only to a server on this machine.
 */
import type { Explanation } from '../../contract/error-catalog';

export type ImapSecurity = 'tls' | 'starttls' | 'none';

export interface ImapSettings {
  host: string;
  port: number;
  security: ImapSecurity;
  user: string;
  password: string;
  mailbox: string;
  pollMs: number;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/** The mailbox settings, null when no host is set, or why they cannot be used. */
export function imapSettingsFrom(env: NodeJS.ProcessEnv): { settings: ImapSettings } | { settings: null; problem: Explanation | null } {
  const host = env['ACCUEIL_IMAP_HOST']?.trim() ?? '';
  if (host === '') return { settings: null, problem: null };
  const securityText = (env['ACCUEIL_IMAP_SECURITY']?.trim().toLowerCase() || 'tls') as string;
  if (securityText !== 'tls' && securityText !== 'starttls' && securityText !== 'none') {
    return { settings: null, problem: { reason: 'mailbox.security_invalid', params: { value: securityText.slice(0, 40) } } };
  }
  const security: ImapSecurity = securityText;
  if (security === 'none' && !LOOPBACK.test(host)) return { settings: null, problem: { reason: 'mailbox.cleartext_refused', params: { host } } };
  const portText = env['ACCUEIL_IMAP_PORT']?.trim() ?? '';
  const port = portText === '' ? (security === 'tls' ? 993 : 143) : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return { settings: null, problem: { reason: 'mailbox.port_invalid', params: { value: portText.slice(0, 20) } } };
  const user = env['ACCUEIL_IMAP_USER']?.trim() ?? '';
  const password = env['ACCUEIL_IMAP_PASSWORD'] ?? '';
  if (user === '' || password === '') return { settings: null, problem: { reason: 'mailbox.login_missing' } };
  const pollText = env['ACCUEIL_IMAP_POLL_S']?.trim() ?? '';
  const pollS = /^\d{1,5}$/.test(pollText) && Number(pollText) > 0 ? Number(pollText) : 60;
  return {
    settings: { host, port, security, user, password, mailbox: env['ACCUEIL_IMAP_MAILBOX']?.trim() || 'INBOX', pollMs: pollS * 1000 },
  };
}
