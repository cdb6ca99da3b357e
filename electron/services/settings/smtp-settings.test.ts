import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from './secret-store';
import { SettingsService } from './settings-service';

const dirs: string[] = [];
function service(env: NodeJS.ProcessEnv = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-smtp-settings-'));
  dirs.push(dir);
  return { dir, settings: new SettingsService(dir, new FileSecretStore(dir), env) };
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const MAIL = { host: 'smtp.example.fr', port: 587, security: 'starttls' as const, user: 'claire', fromAddress: 'accueil@example.fr', fromName: 'Claire Moreau', companyName: 'Durand', companyPhone: '02 99 00 11 22', reviewUrl: '' };

describe('SMTP settings', () => {
  it('defaults to STARTTLS on 587 with nothing configured', () => {
    expect(service().settings.smtpConfig()).toMatchObject({ host: '', port: 587, security: 'starttls', password: '', caFile: null });
  });

  it('keeps the password in the secret store, never in settings.json, and survives a restart', () => {
    const { dir, settings } = service();
    settings.updateMail({ ...MAIL, password: 'pâte-à-choux' });
    expect(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).not.toContain('pâte');
    const again = new SettingsService(dir, new FileSecretStore(dir), {});
    expect(again.smtpConfig()).toMatchObject({ ...MAIL, password: 'pâte-à-choux' });
    again.updateMail({ ...MAIL, security: 'tls' });
    expect(again.smtpConfig()).toMatchObject({ port: 587, security: 'tls', password: 'pâte-à-choux' });
    // Another port is another account: the password is typed again (password-owner.test.ts).
    again.updateMail({ ...MAIL, port: 465, security: 'tls', password: 'pâte-à-choux' });
    expect(again.smtpConfig()).toMatchObject({ port: 465, security: 'tls', password: 'pâte-à-choux' });
    again.updateMail({ ...MAIL, password: '' });
    expect(again.smtpConfig().password).toBe('');
  });

  it('lets ACCUEIL_SMTP_* override the screen, one variable at a time', () => {
    const { settings } = service({
      ACCUEIL_SMTP_HOST: '127.0.0.1', ACCUEIL_SMTP_PORT: '2525', ACCUEIL_SMTP_SECURITY: 'none', ACCUEIL_SMTP_PASSWORD: 'envpw',
      ACCUEIL_SMTP_FROM: 'it@example.fr', ACCUEIL_SMTP_CA_FILE: '/etc/ca.pem',
    });
    settings.updateMail(MAIL);
    expect(settings.smtpFromEnvironment()).toBe(true);
    expect(settings.smtpConfig()).toMatchObject({ host: '127.0.0.1', port: 2525, security: 'none', user: 'claire', password: 'envpw', fromAddress: 'it@example.fr', fromName: 'Claire Moreau', caFile: '/etc/ca.pem' });
  });

  it('ignores a malformed port or security mode from the environment', () => {
    const { settings } = service({ ACCUEIL_SMTP_HOST: 'h', ACCUEIL_SMTP_PORT: 'abc', ACCUEIL_SMTP_SECURITY: 'ssl' });
    expect(settings.smtpConfig()).toMatchObject({ port: 587, security: 'starttls' });
  });

  it('keeps the SIP settings when the mail section is saved, and the reverse', () => {
    const { settings } = service();
    settings.update({ sip: { wsUrl: 'wss://pbx.example.fr/ws', uri: 'sip:claire@pbx.example.fr', user: 'claire', displayName: 'Claire' } });
    settings.updateMail(MAIL);
    settings.update({ locale: 'en' });
    expect(settings.get().sip.uri).toBe('sip:claire@pbx.example.fr');
    expect(settings.smtpConfig().host).toBe('smtp.example.fr');
  });
});
