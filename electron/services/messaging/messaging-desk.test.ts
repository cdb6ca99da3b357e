/**
 * The messaging desk on a real (in-memory) SQLite store with its durable queue; the providers are
 * recorders here (the integration test runs the real adapters against stand-ins over HTTP). The
 * clock is injected.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus';
import { createMemoryLogger } from '../log';
import { openStore, type AccueilStore } from '../store';
import { JobQueue } from '../jobs/job-queue';
import { messagingMigrations } from './messaging-migrations';
import { MESSAGES_QUEUE, MessagingDesk } from './messaging-desk';
import { ProviderError } from './providers/provider';
import type { OvhSms } from './providers/ovh-sms';
import type { WhatsAppCloud } from './providers/whatsapp-cloud';

let now: Date;
let store: AccueilStore;
let desk: MessagingDesk;
let queue: JobQueue;
let sms: Array<{ to: string; body: string; purpose: string }>;
let whatsapp: Array<{ to: string; body?: string; templateName?: string }>;
let fail: ProviderError | null;
let contactId: string;

const at = (iso: string) => (now = new Date(iso));

beforeEach(() => {
  at('2026-11-24T09:00:00Z');
  store = openStore(':memory:', { clock: () => now });
  store.database.migrateArea('messaging', messagingMigrations);
  sms = [];
  whatsapp = [];
  fail = null;
  let n = 0;
  const smsClient = { send: async (m: { to: string; body: string; purpose: string }) => {
    if (fail) throw fail;
    sms.push(m);
    return { providerId: String(++n) };
  } } as unknown as OvhSms;
  const waClient = {
    sendText: async (m: { to: string; body: string }) => (whatsapp.push(m), { providerId: `wamid.${++n}` }),
    sendTemplate: async (m: { to: string; templateName: string }) => (whatsapp.push(m), { providerId: `wamid.${++n}` }),
  } as unknown as WhatsAppCloud;
  desk = new MessagingDesk({ db: store.database, clock: () => now, sms: () => smsClient, whatsapp: () => waClient, events: new EventBus(), logger: createMemoryLogger() });
  queue = new JobQueue({
    queue: MESSAGES_QUEUE,
    jobs: desk.jobs,
    handlers: { send: (run) => desk.deliver(run as never) },
    classify: (error) => (error instanceof ProviderError ? { message: error.message, outcomeUnknown: error.outcomeUnknown, givesUp: error.permanent } : { message: String(error), outcomeUnknown: false }),
    resolveInFlight: async (run) => desk.resolveCut(run),
    clock: () => now,
  });
  contactId = store.contacts.create({ firstName: 'Anne', lastName: 'Roux', email: null, companyId: null, phone: '06 12 34 56 78' }).id;
});

const send = (purpose: 'service' | 'marketing' | 'reply', key: string, channel: 'sms' | 'whatsapp' = 'sms', text = 'Bonjour') =>
  desk.send({ channel, contactId, companyId: null, text, purpose, idempotencyKey: key, author: 'Claire' });

describe('sending by the rules', () => {
  it('holds a marketing SMS from 20:00 to 8:00, on Sundays and holidays; a service message goes at once', async () => {
    // Saturday 14 November 2026, 21:30 in Paris: Sunday skipped, Monday 16 at 8:00.
    at('2026-11-14T20:30:00Z');
    desk.consent.set({ contactId, channel: 'sms', granted: true, givenAt: '2026-11-01T10:00:00.000Z', source: 'au téléphone', recordedBy: 'Claire' });
    const promo = send('marketing', 'promo-1');
    expect(promo).toMatchObject({ status: 'queued', notBefore: '2026-11-16T07:00:00.000Z' });
    send('service', 'rdv-1');
    await queue.runDue();
    expect(sms.map((m) => m.purpose)).toEqual(['service']);
    at('2026-11-16T06:59:00Z');
    await queue.runDue();
    expect(sms).toHaveLength(1);
    at('2026-11-16T07:00:00Z');
    await queue.runDue();
    expect(sms.map((m) => m.purpose)).toEqual(['service', 'marketing']);
    // Wednesday 11 November (Armistice), 10:00: held to Thursday 8:00.
    at('2026-11-11T09:00:00Z');
    expect(send('marketing', 'promo-2').notBefore).toBe('2026-11-12T07:00:00.000Z');
  });

  it('a STOP blocks service and marketing messages, but not an answer to the customer’s own message', async () => {
    desk.receive('sms', { providerId: '1', from: '+33612345678', text: 'STOP', at: now.toISOString() });
    expect(send('service', 's1').status).toBe('blocked');
    expect(send('marketing', 'm1').status).toBe('blocked');
    expect(send('reply', 'r1').status).toBe('queued');
    await queue.runDue();
    expect(sms.map((m) => m.purpose)).toEqual(['reply']);
  });

  it('WhatsApp free text only within 24 hours of the customer’s last message (ours do not reopen it)', () => {
    desk.receive('whatsapp', { providerId: 'in1', from: '33612345678', text: 'Bonjour', at: now.toISOString() });
    at('2026-11-25T08:59:00Z');
    expect(send('reply', 'w1', 'whatsapp').status).toBe('queued');
    at('2026-11-25T09:00:01Z');
    expect(() => send('reply', 'w2', 'whatsapp')).toThrow(/24 heures/);
  });

  it('the same key sends once; a refusal that retrying cannot fix ends « failed » with the provider’s words', async () => {
    send('service', 'k1');
    send('service', 'k1');
    await queue.runDue();
    expect(sms).toHaveLength(1);
    fail = new ProviderError('OVH refuse le numéro +33612345678', false, true);
    const refused = send('service', 'k2');
    await queue.runDue();
    expect(desk.get(refused.id)).toMatchObject({ status: 'failed', statusReason: 'OVH refuse le numéro +33612345678' });
  });

  it('statuses only move forward, each event once', () => {
    desk.receive('whatsapp', { providerId: 'in2', from: '33612345678', text: 'Merci', at: now.toISOString() });
    const row = send('reply', 'k3', 'whatsapp');
    store.database.prepare(`UPDATE messages SET provider_id = 'wamid.X', status = 'sent' WHERE id = ?`).run(row.id);
    expect(desk.applyStatus('whatsapp', 'wamid.X', 'read', null)).toBe(true);
    expect(desk.applyStatus('whatsapp', 'wamid.X', 'delivered', null)).toBe(false);
    expect(desk.applyStatus('whatsapp', 'wamid.X', 'read', null)).toBe(false);
    expect(desk.get(row.id)!.status).toBe('read');
  });
});
