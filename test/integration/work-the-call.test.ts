/**
 * Working the call against real parts: the product's services (createAccueil) on a real SQLite file,
 * registered to a real Kamailio; sipp plays the callers and Claire's desk phone. Everything goes
 * through the contract (dispatch), as the renderer would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../electron/contract/model';
import type { Callback, CallLog, Note, TicketDetail } from '../../electron/contract/work-calls';
import type { OutboxKind } from '../../electron/services/crm/outbox-port';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import { startKamailio, type KamailioServer } from '../support/kamailio';
import { placeCall, startAnsweringDevice, unregisterDevice, type AnsweringDevice, type SippResult } from '../support/sipp';

let kamailio: KamailioServer;
let dir: string;
let accueil: Accueil;
const queued: Array<{ kind: OutboxKind; localId: string; op: 'create' | 'update' }> = [];
const events: Array<{ name: string; payload: unknown }> = [];

beforeAll(async () => {
  kamailio = await startKamailio();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-work-'));
  accueil = await createAccueil({
    dataDir: dir,
    mode: 'web',
    version: 'test',
    logger: createMemoryLogger(),
    demoContacts: 30,
    env: { ACCUEIL_SIP_WS_URL: kamailio.wsUrl, ACCUEIL_SIP_URI: 'sip:claire@127.0.0.1', ACCUEIL_SIP_USER: 'claire', ACCUEIL_SIP_PASSWORD: 'x' },
    sipReconnect: { initialMs: 150, maxMs: 600 },
    workOutbox: { enqueue: (item) => queued.push(item) },
  });
  accueil.events.subscribe((name, payload) => events.push({ name, payload }));
  await waitFor('registered', () => accueil.telephonyStatus().state === 'registered');
}, 60_000);

afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') console.log(`--- kamailio log (tail) ---\n${kamailio.logs().slice(-5000)}`);
});

afterAll(async () => {
  await accueil?.close();
  await kamailio?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function call<T>(name: string, input: unknown): Promise<T> {
  const envelope = await accueil.dispatch(name, input, { access: 'agent' });
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for the desk phone's scenario to end, then takes it off the line (later calls must not fork to it). */
async function deskDone(desk: AnsweringDevice, who: string): Promise<void> {
  expectSippOk(await desk.done, who);
  await unregisterDevice({ kamailio, user: 'claire', port: desk.port });
}

function expectSippOk(result: SippResult, who: string) {
  expect(result.code, `${who} failed:\n${result.stderr}\n${result.errors}`).toBe(0);
}

/** Reads the file as another process would (proves the rows are on disk, not in a cache). */
function onDisk<T>(sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(path.join(dir, 'accueil.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const latestFrom = (e164: string) => async () => (await call<CallRecord[]>('calls.recent', { limit: 20 })).find((c) => c.fromE164 === e164 && c.state !== 'ringing');

describe('work the call on Kamailio + sipp', () => {
  it('a call taken on the desk phone gets a note, a ticket and a wrap-up: each stored and queued exactly once, linked call↔ticket↔contact', async () => {
    const desk = await startAnsweringDevice({ kamailio, user: 'claire', answerAfterMs: 300 });
    const caller = placeCall({ kamailio, to: 'claire', from: '0612345678', displayName: 'F LEFEVRE', scenario: 'ring-until-answered', holdMs: 500 });
    expectSippOk(await caller, 'caller');
    await deskDone(desk, 'desk phone');
    const taken = await waitFor('the call journaled as taken elsewhere', latestFrom(DEMO_FIXTURES.mobileContact.e164));
    expect(taken.state).toBe('answered_elsewhere');
    expect(taken.contactId).toBe(DEMO_FIXTURES.mobileContact.contactId);
    queued.length = 0;

    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const note = await call<Note>('notes.add', { body: `Fuite chaudière ${hostile}`, callId: taken.id });
    const draft = await call<{ subject: string; contactId: string; siteAddress: string | null }>('tickets.draft', { callId: taken.id });
    expect(draft.contactId).toBe(DEMO_FIXTURES.mobileContact.contactId);
    const ticket = await call<TicketDetail>('tickets.create', {
      subject: draft.subject,
      description: hostile,
      category: 'depannage',
      priority: 'urgente',
      siteAddress: draft.siteAddress,
      callId: taken.id,
    });
    const log = await call<CallLog>('wrapup.save', { callId: taken.id, outcome: 'connecte', body: 'Intervention demain 8 h' });
    // Saved twice (a correction): still one call, queued create then update.
    await call<CallLog>('wrapup.save', { callId: taken.id, outcome: 'connecte', body: 'Intervention demain 8 h 30' });

    expect(log).toMatchObject({ outcome: 'connecte', ticketId: ticket.ticket.id });
    expect(log.notes.map((n) => n.id)).toEqual([note.id]);
    expect(ticket.ticket).toMatchObject({ contactId: DEMO_FIXTURES.mobileContact.contactId, category: 'depannage', description: hostile });

    expect(onDisk('SELECT id FROM calls WHERE from_e164 = ? AND ring_at = ?', taken.fromE164, taken.ringAt)).toHaveLength(1);
    expect(onDisk('SELECT id, ticket_id, contact_id, outcome, body FROM calls WHERE id = ?', taken.id)).toEqual([
      { id: taken.id, ticket_id: ticket.ticket.id, contact_id: DEMO_FIXTURES.mobileContact.contactId, outcome: 'connecte', body: 'Intervention demain 8 h 30' },
    ]);
    expect(onDisk('SELECT id, call_id, contact_id FROM tickets WHERE call_id = ?', taken.id)).toEqual([
      { id: ticket.ticket.id, call_id: taken.id, contact_id: DEMO_FIXTURES.mobileContact.contactId },
    ]);
    expect(onDisk('SELECT id, contact_id FROM notes WHERE call_id = ?', taken.id)).toEqual([{ id: note.id, contact_id: DEMO_FIXTURES.mobileContact.contactId }]);
    expect(queued).toEqual([
      { kind: 'note', localId: note.id, op: 'create' },
      { kind: 'ticket', localId: ticket.ticket.id, op: 'create' },
      { kind: 'call', localId: taken.id, op: 'create' },
      { kind: 'call', localId: taken.id, op: 'update' },
    ]);
    // The pop's card lists the new open ticket.
    const card = await call<{ openTickets: Array<{ id: string }> }>('directory.contactCard', { contactId: DEMO_FIXTURES.mobileContact.contactId });
    expect(card.openTickets.map((t) => t.id)).toContain(ticket.ticket.id);
  });

  it('missed calls from sipp land on the callback list, grouped by number; a click-to-call answered through the desk phone clears it', async () => {
    const unknown = DEMO_FIXTURES.unknownNumber;
    for (const holdMs of [300, 400]) {
      expectSippOk(await placeCall({ kamailio, to: 'claire', from: unknown.dial.replace(/\s/g, ''), scenario: 'ring-then-cancel', holdMs }), 'caller');
    }
    const item = await waitFor('a callback item with both missed calls', async () =>
      (await call<Callback[]>('callbacks.list', {})).find((c) => c.number === unknown.e164 && c.missedCount === 2),
    );
    expect(Date.parse(item.dueAt) - Date.parse(item.firstMissedAt)).toBe(120 * 60_000);
    // The target delay comes from the settings, and survives a restart (settings.json).
    await call('callbacks.setTarget', { targetMinutes: 30 });
    const sooner = (await call<Callback[]>('callbacks.list', {})).find((c) => c.id === item.id)!;
    expect(Date.parse(sooner.dueAt) - Date.parse(sooner.firstMissedAt)).toBe(30 * 60_000);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).callbacks).toEqual({ targetMinutes: 30 });
    await call('callbacks.setTarget', { targetMinutes: 120 });

    const desk = await startAnsweringDevice({ kamailio, user: 'claire', scenario: 'click-to-dial', answerAfterMs: 300, customerAfterMs: 300 });
    const { call: outbound } = await call<{ call: CallRecord }>('dialer.call', { number: item.number });
    expect(outbound).toMatchObject({ direction: 'outbound', state: 'ringing', toRaw: unknown.dial });
    const answered = await waitFor('the call back answered', async () => {
      const recent = await call<CallRecord[]>('calls.recent', { limit: 20 });
      return recent.find((c) => c.id === outbound.id && c.state !== 'ringing');
    });
    expect(answered.state).toBe('answered');
    await deskDone(desk, 'desk phone (REFER)');

    expect((await call<Callback[]>('callbacks.list', {})).some((c) => c.id === item.id)).toBe(false);
    const done = (await call<Callback[]>('callbacks.list', { includeDone: true })).find((c) => c.id === item.id);
    expect(done).toMatchObject({ state: 'done', closedBy: 'answered_call', closingCallId: outbound.id });
    // The click-to-call never popped as an incoming call (its INVITE forked back to the console was refused).
    expect(onDisk('SELECT count(*) AS n FROM calls WHERE direction = ? AND ring_at >= ?', 'inbound', outbound.ringAt)).toEqual([{ n: 0 }]);
    expect(onDisk('SELECT count(*) AS n FROM calls WHERE id = ?', outbound.id)).toEqual([{ n: 1 }]);
  });

  it('a call back to a busy customer fails with the reason and leaves the callback open', async () => {
    expectSippOk(await placeCall({ kamailio, to: 'claire', from: '0611223344', scenario: 'ring-then-cancel', holdMs: 300 }), 'caller');
    const item = await waitFor('a callback item', async () => (await call<Callback[]>('callbacks.list', {})).find((c) => c.number === '+33611223344'));
    const desk = await startAnsweringDevice({ kamailio, user: 'claire', scenario: 'click-to-dial', referOutcome: '486 Busy Here' });
    const { call: outbound } = await call<{ call: CallRecord }>('dialer.call', { number: '06 11 22 33 44' });
    const failed = await waitFor('the call back failed', async () =>
      (await call<CallRecord[]>('calls.recent', { limit: 20 })).find((c) => c.id === outbound.id && c.state === 'failed'),
    );
    expect(failed.endReason).toBe('Occupé (486)');
    await deskDone(desk, 'desk phone (REFER)');
    expect((await call<Callback[]>('callbacks.list', {})).map((c) => c.id)).toContain(item.id);
  });

  it('refuses to dial a withheld number, in French', async () => {
    const envelope = await accueil.dispatch('dialer.call', { number: 'anonymous' }, { access: 'agent' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(!envelope.ok && envelope.error.message).toMatch(/masqué/);
  });
});
