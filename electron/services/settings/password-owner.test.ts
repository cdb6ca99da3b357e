/**
 * A stored password is handed only to the account it was typed for: SMTP host, port and user; SIP
 * WebSocket address and user. Changing the account without typing its password is refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../contract/envelope';
import { FileSecretStore } from './secret-store';
import { SettingsService } from './settings-service';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-password-owner-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const settingsFor = (env: NodeJS.ProcessEnv = {}) => new SettingsService(dir, new FileSecretStore(dir), env);
const MAIL = { host: 'smtp.example.fr', port: 587, security: 'starttls' as const, user: 'claire', fromAddress: 'accueil@example.fr', fromName: 'Claire', companyName: '', companyPhone: '', reviewUrl: '' };
const SIP = { wsUrl: 'wss://pbx.example.fr:8089/ws', uri: 'sip:claire@pbx.example.fr', user: 'claire', displayName: 'Claire' };

function refusal(action: () => unknown): ServiceError {
  try {
    action();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('SMTP password owner', () => {
  it.each([
    ['host', { host: 'smtp.autre-serveur.fr' }],
    ['port', { port: 2525 }],
    ['user', { user: 'standard' }],
  ])('refuses to keep the stored password when the %s changes, and leaves the settings as they were', (_what, change) => {
    const settings = settingsFor();
    settings.updateMail({ ...MAIL, password: 'pâte-à-choux' });
    const error = refusal(() => settings.updateMail({ ...MAIL, ...change }));
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/le mot de passe enregistré pour smtp\.example\.fr:587 n’y sera pas envoyé\. Saisissez le mot de passe de ce compte/);
    expect(settings.smtpConfig()).toMatchObject({ host: 'smtp.example.fr', port: 587, user: 'claire', password: 'pâte-à-choux' });
    expect(settingsFor().smtpConfig().host).toBe('smtp.example.fr');
  });

  it('takes the new account with its own password, and keeps it across a restart', () => {
    const settings = settingsFor();
    settings.updateMail({ ...MAIL, password: 'ancien' });
    settings.updateMail({ ...MAIL, host: 'smtp.autre-serveur.fr', password: 'nouveau' });
    expect(settingsFor().smtpConfig()).toMatchObject({ host: 'smtp.autre-serveur.fr', password: 'nouveau' });
  });

  it('keeps the password on the same account (host in another case, other fields changed)', () => {
    const settings = settingsFor();
    settings.updateMail({ ...MAIL, password: 'pw' });
    settings.updateMail({ ...MAIL, host: 'SMTP.Example.FR', security: 'tls', fromName: 'Claire M.' });
    expect(settings.smtpConfig().password).toBe('pw');
  });

  it('accepts a relay without login on another host, without giving it the password, which stays for its own account', () => {
    const settings = settingsFor();
    settings.updateMail({ ...MAIL, password: 'pw' });
    settings.updateMail({ ...MAIL, host: '127.0.0.1', port: 25, security: 'none', user: '' });
    expect(settings.smtpConfig()).toMatchObject({ host: '127.0.0.1', user: '', password: '' });
    settings.updateMail(MAIL);
    expect(settings.smtpConfig().password).toBe('pw');
  });

  it('never hands the stored password to a server set by ACCUEIL_SMTP_HOST or ACCUEIL_SMTP_PORT', () => {
    settingsFor().updateMail({ ...MAIL, password: 'pw' });
    expect(settingsFor({ ACCUEIL_SMTP_HOST: 'relais.example.fr' }).smtpConfig()).toMatchObject({ host: 'relais.example.fr', password: '' });
    expect(settingsFor({ ACCUEIL_SMTP_PORT: '465' }).smtpConfig()).toMatchObject({ port: 465, password: '' });
    expect(settingsFor({ ACCUEIL_SMTP_HOST: 'relais.example.fr', ACCUEIL_SMTP_PASSWORD: 'env' }).smtpConfig().password).toBe('env');
    expect(settingsFor({ ACCUEIL_SMTP_HOST: 'smtp.example.fr' }).smtpConfig().password).toBe('pw');
  });

  it('ties a password typed on a workstation deployed by ACCUEIL_SMTP_HOST to the server of the script', () => {
    const env = { ACCUEIL_SMTP_HOST: 'relais.example.fr', ACCUEIL_SMTP_PORT: '2525' };
    settingsFor(env).updateMail({ ...MAIL, host: 'ignored.example', password: 'pw' });
    expect(settingsFor(env).smtpConfig()).toMatchObject({ host: 'relais.example.fr', port: 2525, password: 'pw' });
    expect(settingsFor({ ...env, ACCUEIL_SMTP_HOST: 'autre-relais.example.fr' }).smtpConfig().password).toBe('');
  });

  it('reads a settings file written before owners were recorded: the password belongs to the account saved with it', () => {
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ locale: 'fr', mail: MAIL }));
    new FileSecretStore(dir).set('smtp.password', 'legacy');
    const settings = settingsFor();
    expect(settings.smtpConfig().password).toBe('legacy');
    expect(refusal(() => settings.updateMail({ ...MAIL, host: 'smtp.autre-serveur.fr' })).code).toBe('bad_request');
  });

  it('gives no password to an account a hand-edited settings.json points elsewhere', () => {
    const settings = settingsFor();
    settings.updateMail({ ...MAIL, password: 'pw' });
    const file = path.join(dir, 'settings.json');
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { mail: typeof MAIL };
    fs.writeFileSync(file, JSON.stringify({ ...saved, mail: { ...saved.mail, host: 'smtp.autre-serveur.fr' } }));
    expect(settingsFor().smtpConfig()).toMatchObject({ host: 'smtp.autre-serveur.fr', password: '' });
  });
});

describe('SIP password owner', () => {
  it.each([
    ['WebSocket address', { wsUrl: 'wss://pbx.autre.fr:8089/ws' }],
    ['user', { user: 'accueil2' }],
    ['user taken from the SIP identity', { user: '', uri: 'sip:accueil2@pbx.example.fr' }],
  ])('refuses to keep the stored password when the %s changes', (_what, change) => {
    const settings = settingsFor();
    settings.update({ sip: { ...SIP, password: 's3cret' } });
    const error = refusal(() => settings.update({ sip: { ...SIP, ...change } }));
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/le mot de passe enregistré pour wss:\/\/pbx\.example\.fr:8089\/ws n’y sera pas envoyé.*Supprimer le mot de passe enregistré/);
    expect(settings.sipConfig()).toMatchObject({ wsUrl: SIP.wsUrl, user: 'claire', password: 's3cret' });
  });

  it('takes a new PBX with its own password, or without any once the old one is removed', () => {
    const settings = settingsFor();
    settings.update({ sip: { ...SIP, password: 's3cret' } });
    settings.update({ sip: { ...SIP, wsUrl: 'wss://pbx.autre.fr/ws', password: 'autre' } });
    expect(settings.sipConfig()).toMatchObject({ wsUrl: 'wss://pbx.autre.fr/ws', password: 'autre' });
    settings.update({ sip: { ...SIP, password: '' } });
    expect(settings.sipConfig()?.password).toBe('');
  });

  it('keeps the password for the same address written in another case, and when only the name changes', () => {
    const settings = settingsFor();
    settings.update({ sip: { ...SIP, password: 's3cret' } });
    settings.update({ sip: { ...SIP, wsUrl: 'WSS://PBX.example.fr:8089/ws', displayName: 'Claire M.' } });
    expect(settings.sipConfig()?.password).toBe('s3cret');
  });

  it('lets the line be switched off without the password, and back on for the same PBX with it', () => {
    const settings = settingsFor();
    settings.update({ sip: { ...SIP, password: 's3cret' } });
    settings.update({ sip: { wsUrl: '', uri: '', user: '', displayName: '' } });
    expect(settings.sipConfig()).toBeNull();
    settings.update({ sip: SIP });
    expect(settings.sipConfig()?.password).toBe('s3cret');
  });
});
