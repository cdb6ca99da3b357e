/**
 * Which SMTP servers may be reached without encryption. `none` exists for a relay running on this
 * machine (a local Postfix, a test inbox): on the loopback interface nothing leaves the computer.
 * For any other host the message and the password would cross the network in clear, so the mode is
 * refused when the settings are saved and again when a message or a test would be sent (settings
 * from ACCUEIL_SMTP_* or from an older version never went through the first check).
 */
import { ServiceError } from '../../../contract/envelope';

const IPV4_LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * localhost, 127.0.0.0/8 written as four decimal numbers, ::1 (in brackets, as the settings take an
 * IPv6 address). Nothing that needs a name lookup beyond `localhost` itself, and no shorthand such
 * as 127.1: what is accepted here is exactly what reaches the loopback interface.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase();
  if (name === 'localhost') return true;
  const ipv4 = IPV4_LOOPBACK.exec(name);
  if (ipv4) return ipv4.slice(1).every((part) => Number(part) <= 255);
  if (name.startsWith('[') && name.endsWith(']')) {
    try {
      return new URL(`http://${name}/`).hostname === '[::1]';
    } catch {
      return false;
    }
  }
  return false;
}

/** Throws when `security: none` would send to a host other than this machine. */
export function checkCleartextAllowed(config: { host: string; security: string }): void {
  if (config.security !== 'none' || config.host === '' || isLoopbackHost(config.host)) return;
  throw new ServiceError('bad_request', { reason: 'smtp.cleartext_refused', params: { host: config.host.slice(0, 80) } });
}
