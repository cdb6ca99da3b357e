/**
 * The live board over real SIP: Kamailio publishes dialog events (RFC 4235) for the agents'
 * extensions and the hunt group "queue" (which rings claire and bob); the product, started as a
 * supervisor workstation, watches them with its own unregistered user agent; sipp places the calls
 * and answers as claire's desk phone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import type { LiveState } from '../../electron/contract/supervision-calls';
import { SipLine } from '../../electron/services/telephony/sip-line';
import { startKamailio, type KamailioServer } from '../support/kamailio';
import { placeCall, startAnsweringDevice } from '../support/sipp';

let kamailio: KamailioServer;
let accueil: Accueil;
let dataDir: string;
/** Claire's own console, registered as claire: it rings on her calls and never answers (CTI). */
let claireConsole: SipLine;
const snapshots: Array<{ at: number; live: LiveState }> = [];
const logger = createMemoryLogger();

beforeAll(async () => {
  kamailio = await startKamailio({ presence: true });
  claireConsole = new SipLine(
    { wsUrl: kamailio.wsUrl, uri: 'sip:claire@127.0.0.1', user: 'claire', password: 'unused' },
    { logger: createMemoryLogger(), reconnect: { initialMs: 200, maxMs: 1000 } },
  );
  await claireConsole.start();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-supervision-'));
  accueil = await createAccueil({
    dataDir,
    mode: 'web',
    version: 'test',
    logger,
    demoContacts: 50,
    sipReconnect: { initialMs: 200, maxMs: 1000 },
    env: {
      ACCUEIL_SIP_WS_URL: kamailio.wsUrl,
      ACCUEIL_SIP_URI: 'sip:supervision@127.0.0.1',
      ACCUEIL_SIP_PASSWORD: 'unused',
      ACCUEIL_ROLE: 'supervisor',
      ACCUEIL_SUPERVISION_EXTENSIONS: 'claire:Claire Martin,bob:Bob Durand',
      ACCUEIL_SUPERVISION_QUEUE: 'queue',
    },
  });
  accueil.events.on('supervision.live', (live) => snapshots.push({ at: Date.now(), live }));
}, 60_000);

afterAll(async () => {
  await accueil?.close();
  await claireConsole?.stop();
  await kamailio?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const latest = () => snapshots[snapshots.length - 1]?.live ?? null;
const agentState = (live: LiveState | null, ext: string) => live?.agents.find((a) => a.extension === ext)?.state;

async function waitFor(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(latest())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('live board from SIP dialog events', () => {
  it('shows the watched agents available once the PBX reports on them', async () => {
    await waitFor('claire’s console registered', () => claireConsole.status().state === 'registered');
    await waitFor('both agents available', () => agentState(latest(), 'claire') === 'available' && agentState(latest(), 'bob') === 'available');
    expect(latest()!.source).toEqual({ kind: 'sip-dialog', state: 'live', detail: null });
    const viaContract = await accueil.dispatch('supervision.live', {}, { access: 'read-only' });
    expect(viaContract.ok).toBe(true);
  });

  it('lists a hunt-group call as waiting with its caller and wait time, then in progress, then gone', async () => {
    const device = await startAnsweringDevice({ kamailio, user: 'claire', answerAfterMs: 2500 });
    const placed = Date.now();
    const call = placeCall({ kamailio, to: 'queue', from: '0612345678', displayName: 'F LEFEVRE', scenario: 'ring-until-answered', holdMs: 1500 });
    await waitFor('a waiting call', () => latest()?.calls.some((c) => c.state === 'waiting') ?? false);
    const waiting = latest()!.calls[0]!;
    expect(waiting.party).toEqual({ number: '0612345678', display: '06 12 34 56 78', name: 'François Lefèvre' });
    expect(Date.parse(waiting.since)).toBeGreaterThanOrEqual(placed - 50);
    // A second later the call still waits, from the same instant: the wall screen counts up from `since`.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const still = (await accueil.dispatch('supervision.live', {}, { access: 'read-only' })) as { ok: true; value: LiveState };
    expect(still.value.calls).toHaveLength(1);
    expect(still.value.calls[0]).toMatchObject({ id: waiting.id, state: 'waiting', since: waiting.since });
    expect(Date.parse(still.value.updatedAt) - Date.parse(waiting.since)).toBeGreaterThanOrEqual(1000);

    await waitFor('the call in progress', () => latest()?.calls[0]?.state === 'in_progress');
    const answered = latest()!.calls[0]!;
    expect(Date.parse(answered.answeredAt!) - Date.parse(answered.since)).toBeGreaterThanOrEqual(2000);
    expect((await call).code).toBe(0);
    await device.done;
    await waitFor('no call any more', () => latest()?.calls.length === 0);
  }, 30_000);

  it('shows an agent ringing with the caller on a direct call, and available again when the caller hangs up', async () => {
    const call = placeCall({ kamailio, to: 'claire', from: '0612345678', scenario: 'ring-then-cancel', holdMs: 1500 });
    await waitFor('claire ringing', () => agentState(latest(), 'claire') === 'ringing');
    const claire = latest()!.agents.find((a) => a.extension === 'claire')!;
    expect(claire.party?.name).toBe('François Lefèvre');
    expect(latest()!.calls.map((c) => c.state)).toEqual(['waiting']);
    expect(agentState(latest(), 'bob')).toBe('available');
    expect((await call).code).toBe(0);
    // Never answered: no wrap-up, straight back to available.
    await waitFor('claire available', () => agentState(latest(), 'claire') === 'available' && latest()!.calls.length === 0);
  }, 30_000);

  it('follows an answered call: on a call, then wrap-up, then available', async () => {
    const saved = await accueil.dispatch(
      'supervision.updateSettings',
      { role: 'supervisor', extensions: [{ extension: 'claire', name: 'Claire Martin' }, { extension: 'bob', name: 'Bob Durand' }], queueNumber: 'queue', wrapUpSeconds: 2 },
      { access: 'agent' },
    );
    expect(saved.ok).toBe(true);
    await waitFor('watching again after the change', () => agentState(latest(), 'bob') === 'available');
    const device = await startAnsweringDevice({ kamailio, user: 'bob', answerAfterMs: 300 });
    const call = placeCall({ kamailio, to: 'bob', from: '0698765432', scenario: 'ring-until-answered', holdMs: 1500 });
    await waitFor('bob on a call', () => agentState(latest(), 'bob') === 'on_call');
    expect(latest()!.calls.find((c) => c.agent === 'bob')?.state).toBe('in_progress');
    expect((await call).code).toBe(0);
    await device.done;
    await waitFor('bob in wrap-up', () => agentState(latest(), 'bob') === 'wrap_up');
    const wrapStart = Date.now();
    await waitFor('bob available after wrap-up', () => agentState(latest(), 'bob') === 'available', 6000);
    expect(Date.now() - wrapStart).toBeGreaterThanOrEqual(1000);
  }, 30_000);

  it('subscribes again after the PBX restarts, and sees the next call', async () => {
    const before = snapshots.length;
    await kamailio.restart();
    await waitFor('the link reported lost', () => snapshots.slice(before).some((s) => s.live.source.state !== 'live'), 15_000);
    await waitFor('claire’s console registered again', () => claireConsole.status().state === 'registered', 20_000);
    await waitFor('live again with both agents watched', () => latest()!.source.state === 'live' && agentState(latest(), 'claire') === 'available' && agentState(latest(), 'bob') === 'available', 20_000);
    const call = placeCall({ kamailio, to: 'claire', from: '0612345678', scenario: 'ring-then-cancel', holdMs: 1200 });
    await waitFor('claire ringing after the restart', () => agentState(latest(), 'claire') === 'ringing');
    await call;
    await waitFor('claire available', () => agentState(latest(), 'claire') === 'available');
  }, 60_000);
});
