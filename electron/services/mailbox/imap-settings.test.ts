import { describe, expect, it } from 'vitest';
import { imapSettingsFrom } from './imap-settings';

const base = { ACCUEIL_IMAP_HOST: 'imap.example.test', ACCUEIL_IMAP_USER: 'accueil@example.test', ACCUEIL_IMAP_PASSWORD: 'secret' };

describe('imapSettingsFrom', () => {
  it('is off without a host', () => {
    expect(imapSettingsFrom({})).toEqual({ settings: null, problem: null });
  });

  it('defaults to TLS on 993, INBOX, a check every minute', () => {
    expect(imapSettingsFrom(base).settings).toEqual({ ...{ host: 'imap.example.test', user: 'accueil@example.test', password: 'secret' }, port: 993, security: 'tls', mailbox: 'INBOX', pollMs: 60_000 });
    expect(imapSettingsFrom({ ...base, ACCUEIL_IMAP_SECURITY: 'starttls' }).settings?.port).toBe(143);
  });

  it('refuses a password in clear to another machine, and says what to write', () => {
    expect(imapSettingsFrom({ ...base, ACCUEIL_IMAP_SECURITY: 'none' })).toEqual({ settings: null, problem: { reason: 'mailbox.cleartext_refused', params: { host: 'imap.example.test' } } });
    expect(imapSettingsFrom({ ...base, ACCUEIL_IMAP_HOST: '127.0.0.1', ACCUEIL_IMAP_SECURITY: 'none', ACCUEIL_IMAP_PORT: '1143' }).settings?.port).toBe(1143);
    expect(imapSettingsFrom({ ...base, ACCUEIL_IMAP_SECURITY: 'ssl' }).settings).toBeNull();
    expect(imapSettingsFrom({ ...base, ACCUEIL_IMAP_PORT: '99999' }).settings).toBeNull();
    expect(imapSettingsFrom({ ...base, ACCUEIL_IMAP_PASSWORD: '' })).toEqual({ settings: null, problem: { reason: 'mailbox.login_missing' } });
  });
});
