import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileSecretStore } from './secret-store';
import { SettingsService } from './settings-service';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-settings-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sip = { wsUrl: 'wss://pbx.example.fr:8089/ws', uri: 'sip:claire@pbx.example.fr', user: 'claire', displayName: 'Claire' };

describe('SettingsService', () => {
  it('has no PBX line until one is configured', () => {
    expect(new SettingsService(dir, new FileSecretStore(dir), {}).sipConfig()).toBeNull();
  });

  it('keeps the password out of settings.json, in an owner-only file, and never returns it', () => {
    const settings = new SettingsService(dir, new FileSecretStore(dir), {});
    const { settings: shown } = settings.update({ sip: { ...sip, password: 's3cret-pw' } });
    expect(JSON.stringify(shown)).not.toContain('s3cret-pw');
    expect(shown.sip.hasPassword).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).not.toContain('s3cret-pw');
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o077).toBe(0);
    expect(new SettingsService(dir, new FileSecretStore(dir), {}).sipConfig()?.password).toBe('s3cret-pw');
  });

  it('keeps the stored password when the form leaves it out, removes it when emptied', () => {
    const settings = new SettingsService(dir, new FileSecretStore(dir), {});
    settings.update({ sip: { ...sip, password: 'pw' } });
    settings.update({ sip: { ...sip, displayName: 'Claire M.' } });
    expect(settings.sipConfig()?.password).toBe('pw');
    settings.update({ sip: { ...sip, password: '' } });
    expect(settings.get().sip.hasPassword).toBe(false);
  });

  it('refuses a PBX address that is not ws:// or wss://, in words IT can act on', () => {
    const settings = new SettingsService(dir, new FileSecretStore(dir), {});
    expect(() => settings.update({ sip: { ...sip, wsUrl: 'https://pbx.example.fr' } })).toThrow(/ws:\/\/ ou wss:\/\//);
    expect(() => settings.update({ sip: { ...sip, uri: 'claire' } })).toThrow(/Identité SIP invalide/);
    expect(settings.sipConfig()).toBeNull();
  });

  it('lets ACCUEIL_SIP_* environment variables override the screen', () => {
    const env = { ACCUEIL_SIP_WS_URL: 'ws://127.0.0.1:5066', ACCUEIL_SIP_URI: 'sip:101@pbx.local', ACCUEIL_SIP_PASSWORD: 'envpw' };
    const settings = new SettingsService(dir, new FileSecretStore(dir), env);
    expect(settings.sipConfig()).toMatchObject({ wsUrl: 'ws://127.0.0.1:5066', user: '101', password: 'envpw' });
    expect(settings.get().sipFromEnvironment).toBe(true);
  });

  it('refuses to start from defaults when settings.json is there but cannot be read (EBUSY), so no save can overwrite it', () => {
    new SettingsService(dir, new FileSecretStore(dir), {}).update({ sip });
    const file = path.join(dir, 'settings.json');
    const before = fs.readFileSync(file, 'utf8');
    const realRead = fs.readFileSync;
    vi.spyOn(fs, 'readFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, options?: unknown) => {
      if (p === file) throw Object.assign(new Error('EBUSY: simulated'), { code: 'EBUSY' });
      return (realRead as (p: fs.PathOrFileDescriptor, o?: unknown) => unknown)(p, options);
    }) as typeof fs.readFileSync);
    expect(() => new SettingsService(dir, new FileSecretStore(dir), {})).toThrow(/Fichier des réglages illisible \(EBUSY\).*Rien n’a été modifié/);
    vi.restoreAllMocks();
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('keeps a hand-broken settings file for IT and starts from defaults', () => {
    fs.writeFileSync(path.join(dir, 'settings.json'), '{ "locale": ');
    const settings = new SettingsService(dir, new FileSecretStore(dir), {});
    expect(settings.get().locale).toBe('fr');
    expect(fs.readdirSync(dir).some((f) => f.startsWith('settings.json.invalid-'))).toBe(true);
  });
});
