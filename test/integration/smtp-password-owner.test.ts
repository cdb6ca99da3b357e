/**
 * The SMTP password never reaches a server it was not typed for. Two real SMTP servers on loopback:
 * the relay Claire configured (login required, no encryption — allowed on this machine only) and
 * "another host" that records every password it is offered, as a hostile server would. Calls go
 * through the templates area's handlers (mail.updateSettings, mail.test) over the real settings
 * file and secrets file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/contract/envelope';
import { EventBus } from '../../electron/services/event-bus';
import { silentLogger } from '../../electron/services/log';
import { FileSecretStore } from '../../electron/services/settings/secret-store';
import { SettingsService } from '../../electron/services/settings/settings-service';
import { openStore, type AccueilStore } from '../../electron/services/store';
import { createTemplateArea } from '../../electron/services/templates/template-area';
import { freePort } from '../support/ports';
import { RecordingOutbox } from '../support/recording-mail';

const PASSWORD = 'pâte-à-choux-91';
const MAIL = { host: '127.0.0.1', security: 'none' as const, user: 'claire', fromAddress: 'accueil@durand.example', fromName: 'Claire Moreau', companyName: '', companyPhone: '', reviewUrl: '' };

/** An SMTP server on loopback that takes any login in clear and remembers each password offered. */
interface PasswordTrap {
  port: number;
  connections: number;
  passwordsOffered: string[];
  stop(): Promise<void>;
}

async function startPasswordTrap(accept: (user: string, password: string) => boolean): Promise<PasswordTrap> {
  const trap = { connections: 0, passwordsOffered: [] as string[] };
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      trap.connections++;
      callback();
    },
    onAuth(auth, _session, callback) {
      trap.passwordsOffered.push(auth.password ?? '');
      if (accept(auth.username ?? '', auth.password ?? '')) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
  });
  const port = await freePort('tcp');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return Object.assign(trap, { port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

let dir: string;
let store: AccueilStore;
let relay: PasswordTrap;
let other: PasswordTrap;

beforeAll(async () => {
  relay = await startPasswordTrap((user, password) => user === 'claire' && password === PASSWORD);
  other = await startPasswordTrap(() => true);
});

afterAll(async () => {
  await relay.stop();
  await other.stop();
});

afterEach(() => {
  store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function templateArea(env: NodeJS.ProcessEnv = {}) {
  const settings = new SettingsService(dir, new FileSecretStore(dir), env);
  return createTemplateArea({ store, settings, events: new EventBus(), outbox: new RecordingOutbox(), logger: silentLogger }).handlers;
}

async function refusal(call: () => unknown): Promise<ServiceError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function freshDataDir() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-password-owner-'));
  store = openStore(path.join(dir, 'accueil.db'));
}

describe('the SMTP password and a new server', () => {
  it('refuses to carry the stored password to another port, and the other server never hears it', async () => {
    freshDataDir();
    const handlers = templateArea();
    await handlers['mail.updateSettings']({ ...MAIL, port: relay.port, password: PASSWORD });
    expect((await handlers['mail.test']({})).detail).toMatch(/identifiant claire accepté/);
    expect(relay.passwordsOffered).toContain(PASSWORD);

    const error = await refusal(() => handlers['mail.updateSettings']({ ...MAIL, port: other.port }));
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/n’y sera pas envoyé\. Saisissez le mot de passe de ce compte/);
    // Nothing changed: the test still reaches the relay, with its password.
    expect((await handlers['mail.test']({})).detail).toContain(`127.0.0.1:${relay.port}`);
    expect(other.connections).toBe(0);
    expect(other.passwordsOffered).toEqual([]);
  });

  it('sends no password to a relay without login on another port, and gives it back to its own account', async () => {
    freshDataDir();
    const handlers = templateArea();
    await handlers['mail.updateSettings']({ ...MAIL, port: relay.port, password: PASSWORD });
    const before = other.passwordsOffered.length;
    const saved = await handlers['mail.updateSettings']({ ...MAIL, port: other.port, user: '' });
    expect(saved.hasPassword).toBe(false);
    await handlers['mail.test']({});
    expect(other.passwordsOffered.slice(before)).toEqual([]);

    const back = await handlers['mail.updateSettings']({ ...MAIL, port: relay.port });
    expect(back.hasPassword).toBe(true);
    expect((await handlers['mail.test']({})).detail).toMatch(/identifiant claire accepté/);
  });

  it('never offers the stored password to a server that ACCUEIL_SMTP_PORT points to', async () => {
    freshDataDir();
    await templateArea()['mail.updateSettings']({ ...MAIL, port: relay.port, password: PASSWORD });
    const handlers = templateArea({ ACCUEIL_SMTP_HOST: '127.0.0.1', ACCUEIL_SMTP_PORT: String(other.port) });
    expect((await handlers['mail.settings']({})).hasPassword).toBe(false);
    await Promise.resolve()
      .then(() => handlers['mail.test']({}))
      .catch(() => undefined); // the trap takes any login: only what it was offered matters here
    expect(other.passwordsOffered).not.toContain(PASSWORD);
  });

  it('refuses no encryption towards a host other than this machine, before any connection', async () => {
    freshDataDir();
    const handlers = templateArea();
    const error = await refusal(() => handlers['mail.updateSettings']({ ...MAIL, host: 'smtp.example.fr', port: 25, password: PASSWORD }));
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/passeraient en clair/);
    expect((await handlers['mail.settings']({})).hasPassword).toBe(false);
  });
});
