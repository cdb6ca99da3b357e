/**
 * The desktop app's link to the company server (electron/services/remote), against the real server:
 * sign in, calls and events through the server's socket, a clear state when the server is out of
 * reach, reconnection on its own when it is back, and the end of the session when the account is
 * disabled from a shell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompanyServerLink, signIn, type CompanyServerLinkState } from '../../electron/services/remote/company-server-link';
import { createMemoryLogger } from '../../electron/services/log';
import { choosePassword, startCompanyServer, type CompanyServer } from '../support/company-server';
import { waitFor } from '../support/wait';

let server: CompanyServer;

beforeAll(async () => {
  server = await startCompanyServer([
    { login: 'gaetan', role: 'admin', name: 'Gaëtan Leroy' },
    { login: 'claire', role: 'agent', name: 'Claire Martin', sipUser: 'claire' },
  ]);
  await choosePassword(server, 'claire', 'claire au standard 2026');
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('the desktop app as a console of the company server', () => {
  it('refuses a wrong password in a sentence and says when the server cannot be reached', async () => {
    await expect(signIn(server.origin, 'claire', 'pas le bon')).rejects.toMatchObject({ reason: 'account.login_refused', message: 'Identifiant ou mot de passe incorrect.' });
    await expect(signIn('http://127.0.0.1:9', 'claire', 'x')).rejects.toMatchObject({ code: 'unavailable', reason: 'remote.unreachable' });
  });

  it('forwards calls and events, reconnects by itself after a server restart, and ends when the account is disabled', async () => {
    const { token, account } = await signIn(server.origin, 'claire', 'claire au standard 2026');
    expect(account).toMatchObject({ login: 'claire', role: 'agent' });
    const link = new CompanyServerLink({ url: server.origin, token, logger: createMemoryLogger(), backoff: { baseMs: 100, maxMs: 500 } });
    const states: CompanyServerLinkState['state'][] = [];
    link.onState((s) => states.push(s.state));
    const events: string[] = [];
    link.onEvent((name) => events.push(name));
    link.start();
    await waitFor('connected', () => link.state.state === 'connected', 10_000);
    expect(await link.invoke('accounts.me', {})).toMatchObject({ ok: true, value: { login: 'claire' } });
    expect(await link.invoke('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await link.invoke('directory.createContact', { firstName: 'Léa', lastName: 'Test', phone: '06 11 22 33 99' })).toMatchObject({ ok: true });
    await waitFor('the directory event', () => events.includes('directory.changed'));

    await server.restart();
    await waitFor('reconnected after the restart', () => link.state.state === 'connected' && states.includes('unreachable'), 30_000);
    expect(states).toContain('unreachable');
    expect(await link.invoke('accounts.me', {})).toMatchObject({ ok: true, value: { login: 'claire' } });

    // While it is down, a call answers at once with the reason (no hang).
    expect(server.cli('users', 'disable', 'claire').code).toBe(0);
    await waitFor('the session ended', () => link.state.state === 'signed-out', 15_000);
    expect(await link.invoke('accounts.me', {})).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'remote.signed_out' } });
    link.stop();
  });
});

describe('Paramètres › Serveur de l’entreprise', () => {
  it('signs in once from the desktop app, keeps the session (never the password), and is refused in a web console', async () => {
    const { createAccueil } = await import('../../electron/services/accueil');
    const { MemorySecrets } = await import('../support/memory-secrets');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    await choosePassword(server, 'gaetan', 'gaetan au standard 2026');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-desk-'));
    const secrets = new MemorySecrets();
    const desk = await createAccueil({ dataDir, mode: 'desktop', version: 't', logger: createMemoryLogger(), secrets, startTelephony: false, startSync: false, demoContacts: 5 });
    try {
      const changed: unknown[] = [];
      desk.events.on('companyServer.changed', (s) => changed.push(s));
      const refused = await desk.dispatch('companyServer.connect', { url: server.origin, login: 'gaetan', password: 'faux' }, { access: 'agent' });
      expect(refused).toMatchObject({ ok: false, error: { reason: 'account.login_refused' } });
      const connected = await desk.dispatch('companyServer.connect', { url: server.origin, login: 'gaetan', password: 'gaetan au standard 2026' }, { access: 'agent' });
      expect(connected).toMatchObject({ ok: true, value: { available: true, url: server.origin, login: 'gaetan', active: false } });
      expect(changed).toHaveLength(1);
      const token = secrets.get('company-server.session')!;
      // The kept session opens the server's socket; the password is nowhere in the data folder.
      const link = new CompanyServerLink({ url: server.origin, token, logger: createMemoryLogger() });
      link.start();
      await waitFor('connected with the kept session', () => link.state.state === 'connected', 10_000);
      link.stop();
      const files = fs.readdirSync(dataDir).filter((f) => f.endsWith('.json')).map((f) => fs.readFileSync(path.join(dataDir, f), 'utf8')).join('');
      expect(files).not.toContain('gaetan au standard 2026');
      expect((await desk.dispatch('companyServer.disconnect', {}, { access: 'agent' })).ok).toBe(true);
      expect(await desk.dispatch('companyServer.status', {}, { access: 'agent' })).toMatchObject({ ok: true, value: { url: null } });
    } finally {
      await desk.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const web = await createAccueil({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-web-')), mode: 'web', version: 't', logger: createMemoryLogger(), secrets: new MemorySecrets(), startTelephony: false, startSync: false, demoContacts: 5 });
    try {
      expect(await web.dispatch('companyServer.connect', { url: server.origin, login: 'gaetan', password: 'x' }, { access: 'agent' })).toMatchObject({ ok: false, error: { reason: 'remote.desktop_only' } });
    } finally {
      await web.close();
    }
  });
});
