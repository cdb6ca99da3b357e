import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../contract/envelope';
import type { SmtpConfig } from '../../settings/settings-service';
import { checkMailSettings } from '../template-area';
import { SmtpSender } from './smtp-sender';
import { checkCleartextAllowed, isLoopbackHost } from './smtp-security';

const MAIL = { host: '', port: 25, security: 'none' as const, user: 'claire', fromAddress: 'accueil@example.fr', fromName: '', companyName: '', companyPhone: '', reviewUrl: '' };

describe('isLoopbackHost', () => {
  it('knows this machine: localhost, 127.0.0.0/8, ::1', () => {
    for (const host of ['localhost', 'LocalHost', '127.0.0.1', '127.0.0.53', '127.255.255.254', '[::1]', '[0:0:0:0:0:0:0:1]']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });

  it('refuses every other host, and shorthands a resolver may read differently', () => {
    for (const host of ['smtp.example.fr', '192.168.1.10', '10.0.0.1', '128.0.0.1', '127.0.0.256', '127.1', 'localhost.', 'localhost.example.fr', '[::2]', '[::ffff:127.0.0.1]', '']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('security: none', () => {
  it('is refused for a remote host when the settings are saved, with a French sentence and a code', () => {
    let error: unknown;
    try {
      checkMailSettings({ ...MAIL, host: 'smtp.example.fr' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('bad_request');
    expect((error as ServiceError).message).toMatch(/réservé à un relais installé sur ce poste.*passeraient en clair.*STARTTLS \(port 587\) ou TLS \(port 465\)/);
    expect(() => checkMailSettings({ ...MAIL, host: '192.168.1.10' })).toThrow(/en clair/);
  });

  it('is accepted for a relay on this machine, and STARTTLS / TLS anywhere', () => {
    expect(() => checkMailSettings({ ...MAIL, host: '127.0.0.1' })).not.toThrow();
    expect(() => checkMailSettings({ ...MAIL, host: 'localhost' })).not.toThrow();
    expect(() => checkMailSettings({ ...MAIL, host: 'smtp.example.fr', security: 'starttls' })).not.toThrow();
    expect(() => checkCleartextAllowed({ host: 'smtp.example.fr', security: 'tls' })).not.toThrow();
  });

  it('stops the sender before it connects when the setting came from ACCUEIL_SMTP_* or an older version', async () => {
    const config: SmtpConfig = { ...MAIL, host: 'smtp.example.fr', password: 'pw', caFile: null };
    const sender = new SmtpSender(() => config);
    await expect(sender.verify()).rejects.toThrow(/passeraient en clair/);
    await expect(sender.send({ to: 'client@example.fr', subject: 'x', text: 'x', html: '<p>x</p>' })).rejects.toThrow(/passeraient en clair/);
  });
});
