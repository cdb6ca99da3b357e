/**
 * One line per agent, run by the company server, on a real Kamailio: sipp calls Claire and Bob;
 * Claire's console gets only her pop, Bob's only his, the supervisor's both; each status bar shows
 * its own line; « mes appels » lists one's own calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKamailio, type KamailioServer } from '../support/kamailio';
import { placeCall } from '../support/sipp';
import { choosePassword, startCompanyServer, type CompanyServer } from '../support/company-server';
import { waitFor } from '../support/wait';
import { signedInSocket, type ContractSocket } from '../support/contract-socket';

let kamailio: KamailioServer;
let server: CompanyServer;

const consoleOf = (login: string) => signedInSocket(server.origin, login, `${login} au standard 2026`);
type Console = ContractSocket;
type Payload = { call?: { fromRaw: string; toRaw: string }; aor?: string | null };

const popsOf = (c: Console) => c.events.filter((e) => e.name === 'call.incoming').map((e) => `${(e.payload as Payload).call!.fromRaw}→${(e.payload as Payload).call!.toRaw}`);

beforeAll(async () => {
  kamailio = await startKamailio();
  server = await startCompanyServer(
    [
      { login: 'gaetan', role: 'supervisor', name: 'Gaëtan Leroy' },
      { login: 'claire', role: 'agent', name: 'Claire Martin', sipUser: 'claire' },
      { login: 'bob', role: 'agent', name: 'Bob Durand', sipUser: 'bob' },
    ],
    { sip: { wsUrl: kamailio.wsUrl, domain: kamailio.domain } },
  );
  for (const login of ['gaetan', 'claire', 'bob']) await choosePassword(server, login, `${login} au standard 2026`);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await kamailio?.stop();
});

describe('one line per agent on the company server', () => {
  it('registers each agent’s line and shows each person their own', async () => {
    const [claire, bob, gaetan] = [await consoleOf('claire'), await consoleOf('bob'), await consoleOf('gaetan')];
    await waitFor('both lines registered', async () => {
      const [c, b] = [await claire.call('telephony.status'), await bob.call('telephony.status')];
      return (c.value as { state: string }).state === 'registered' && (b.value as { state: string }).state === 'registered' ? [c, b] : null;
    }, 20_000);
    expect(((await claire.call('telephony.status')).value as { aor: string }).aor).toBe('sip:claire@127.0.0.1');
    expect(((await bob.call('telephony.status')).value as { aor: string }).aor).toBe('sip:bob@127.0.0.1');
    // The supervisor has no line of his own.
    expect(((await gaetan.call('telephony.status')).value as { state: string }).state).toBe('unconfigured');
    for (const c of [claire, bob, gaetan]) c.close();
  });

  it('pops a call only on its agent’s console and on the supervisor’s, and lists « mes appels »', async () => {
    const [claire, bob, gaetan] = [await consoleOf('claire'), await consoleOf('bob'), await consoleOf('gaetan')];
    await Promise.all([
      placeCall({ kamailio, to: 'claire', from: '0612345678', scenario: 'ring-then-cancel', holdMs: 300 }),
      placeCall({ kamailio, to: 'bob', from: '0478123456', scenario: 'ring-then-cancel', holdMs: 300 }),
    ]);
    await waitFor('the supervisor sees both pops', () => popsOf(gaetan).length >= 2, 15_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(popsOf(claire)).toEqual(['0612345678→claire']);
    expect(popsOf(bob)).toEqual(['0478123456→bob']);
    expect(popsOf(gaetan).sort()).toEqual(['0478123456→bob', '0612345678→claire']);
    // Call updates follow the same rule.
    expect(claire.events.filter((e) => e.name === 'call.updated').every((e) => (e.payload as Payload).call!.toRaw === 'claire')).toBe(true);
    // Line statuses are each agent's own.
    expect(bob.events.filter((e) => e.name === 'telephony.status').every((e) => (e.payload as Payload).aor === 'sip:bob@127.0.0.1')).toBe(true);

    // « Mes rappels »: the callers who missed Claire's line; « tous »: everyone's (the demo's too).
    const myCallbacks = (await claire.call('callbacks.list', { mine: true })).value as Array<{ number: string }>;
    expect(myCallbacks.map((c) => c.number)).toEqual(['+33612345678']);
    const allCallbacks = (await claire.call('callbacks.list', {})).value as Array<{ number: string }>;
    expect(allCallbacks.map((c) => c.number)).toEqual(expect.arrayContaining(['+33612345678', '+33478123456']));
    const mine = (await claire.call('calls.recent', { mine: true })).value as Array<{ toRaw: string }>;
    expect(mine.map((c) => c.toRaw)).toEqual(['claire']);
    // « Tous »: everyone's, Bob's call included (beside the demo workspace's history).
    const everyone = (await claire.call('calls.recent', {})).value as Array<{ toRaw: string }>;
    expect(everyone.map((c) => c.toRaw).filter((to) => to === 'bob' || to === 'claire').sort()).toEqual(['bob', 'claire']);
    for (const c of [claire, bob, gaetan]) c.close();
  });

  it('dials from the caller’s own line, and refuses someone without one', async () => {
    const [claire, gaetan] = [await consoleOf('claire'), await consoleOf('gaetan')];
    const dialled = await claire.call('dialer.call', { number: '02 99 87 65 43' });
    expect(dialled).toMatchObject({ ok: true, value: { call: { direction: 'outbound', fromRaw: 'claire' } } });
    expect(await gaetan.call('dialer.call', { number: '02 99 87 65 43' })).toMatchObject({ ok: false, error: { code: 'unavailable', reason: 'phone.line_not_connected' } });
    claire.close();
    gaetan.close();
  });
});
