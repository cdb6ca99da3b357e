/**
 * « May we send marketing to this person on this channel? » on a real (in-memory) SQLite store with
 * the messaging and satisfaction tables: consent per channel, one opt-out ledger for all channels.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus';
import { createMemoryLogger } from '../log';
import { openStore, type AccueilStore } from '../store';
import { satisfactionMigrations } from '../satisfaction/satisfaction-migrations';
import { messagingMigrations } from './messaging-migrations';
import { MessagingDesk } from './messaging-desk';
import type { OvhSms } from './providers/ovh-sms';

let now: Date;
let store: AccueilStore;
let desk: MessagingDesk;
let contactId: string;

beforeEach(() => {
  now = new Date('2026-11-24T09:00:00Z');
  store = openStore(':memory:', { clock: () => now });
  store.database.migrateArea('messaging', messagingMigrations);
  store.database.migrateArea('satisfaction', satisfactionMigrations);
  const sms = { send: async () => ({ providerId: '1' }) } as unknown as OvhSms;
  desk = new MessagingDesk({ db: store.database, clock: () => now, sms: () => sms, whatsapp: () => null, events: new EventBus(), logger: createMemoryLogger() });
  contactId = store.contacts.create({ firstName: 'Anne', lastName: 'Roux', email: 'anne.roux@example.fr', companyId: null, phone: '06 12 34 56 78' }).id;
});

const promo = (key: string) => desk.send({ channel: 'sms', contactId, companyId: null, text: 'Entretien -10 %', purpose: 'marketing', idempotencyKey: key, author: 'Claire' });

describe('marketing consent and the shared opt-out ledger', () => {
  it('refuses marketing SMS and WhatsApp without consent, allows e-mail to a customer until a no', () => {
    expect(desk.consent.mayMarket({ contactId }, 'sms')).toEqual({ allowed: false, reason: 'no_consent' });
    expect(desk.consent.mayMarket({ contactId }, 'whatsapp')).toEqual({ allowed: false, reason: 'no_consent' });
    expect(desk.consent.mayMarket({ contactId }, 'email')).toEqual({ allowed: true });
    expect(promo('p1')).toMatchObject({ status: 'blocked', statusReason: 'no_consent' });
    // A service message needs no consent.
    expect(desk.send({ channel: 'sms', contactId, companyId: null, text: 'RDV demain 9 h', purpose: 'service', idempotencyKey: 's1', author: null }).status).toBe('queued');
  });

  it('consent on one channel opens that channel only; a withdrawal closes it', () => {
    desk.consent.set({ contactId, channel: 'sms', granted: true, givenAt: '2026-11-20T10:00:00.000Z', source: 'au téléphone', recordedBy: 'Claire' });
    expect(desk.consent.consents(contactId)).toEqual([{ channel: 'sms', granted: true, givenAt: '2026-11-20T10:00:00.000Z', source: 'au téléphone', recordedBy: 'Claire' }]);
    expect(desk.consent.mayMarket({ contactId }, 'sms').allowed).toBe(true);
    expect(desk.consent.mayMarket({ contactId }, 'whatsapp').allowed).toBe(false);
    expect(promo('p2').status).toBe('queued');
    desk.consent.set({ contactId, channel: 'sms', granted: false, givenAt: '2026-11-23T10:00:00.000Z', source: 'courrier', recordedBy: 'Claire' });
    expect(promo('p3')).toMatchObject({ status: 'blocked', statusReason: 'consent_withdrawn' });
    desk.consent.set({ contactId, channel: 'email', granted: false, givenAt: '2026-11-23T10:00:00.000Z', source: 'courrier', recordedBy: 'Claire' });
    expect(desk.consent.mayMarket({ contactId }, 'email')).toEqual({ allowed: false, reason: 'consent_withdrawn' });
  });

  it('a STOP by SMS stops marketing e-mail, and an e-mail opt-out stops marketing SMS, whatever the consent', () => {
    desk.consent.set({ contactId, channel: 'sms', granted: true, givenAt: '2026-11-20T10:00:00.000Z', source: 'formulaire signé', recordedBy: null });
    desk.receive('sms', { providerId: '42', from: '+33612345678', text: 'Stop merci', at: now.toISOString() });
    expect(desk.consent.mayMarket({ contactId }, 'email')).toEqual({ allowed: false, reason: 'opted_out' });
    expect(desk.consent.mayMarket({ contactId, email: 'anne.roux@example.fr' }, 'email').allowed).toBe(false);
    expect(desk.consent.optedOutAt({ contactId })).toBe(now.toISOString());

    const other = store.contacts.create({ firstName: 'Paul', lastName: 'Vidal', email: 'Paul.Vidal@example.fr', companyId: null, phone: '06 98 76 54 32' }).id;
    desk.consent.set({ contactId: other, channel: 'sms', granted: true, givenAt: '2026-11-20T10:00:00.000Z', source: 'au téléphone', recordedBy: null });
    expect(desk.consent.mayMarket({ contactId: other }, 'sms').allowed).toBe(true);
    store.database.prepare(`INSERT INTO survey_opt_outs (email, contact_id, opted_out_at, how) VALUES (?, NULL, ?, 'lien')`).run('paul.vidal@example.fr', '2026-11-22T08:00:00.000Z');
    expect(desk.consent.mayMarket({ contactId: other }, 'sms')).toEqual({ allowed: false, reason: 'opted_out' });
    expect(desk.send({ channel: 'sms', contactId: other, companyId: null, text: 'Promo', purpose: 'marketing', idempotencyKey: 'p4', author: null })).toMatchObject({ status: 'blocked' });
  });
});
