import { describe, expect, it } from 'vitest';
import { PROPERTIES, SYNC_ORDER, inlineLinks, toMirror, toOwner, toPipelines, type HubSpotObject, type MappingContext } from './mapping';
import { UnreadableRecordError } from './hubspot-values';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const context: MappingContext = { ticketStatus: () => 'nouveau', ownerName: (id) => (id === '7' ? 'Jean Dupont' : null), now: () => NOW };
const noLinks = { contacts: [], companies: [], tickets: [] };

/** Every kind of value that is not what HubSpot documents (the field report: a duration of 1e20 ms). */
export const POISON: Record<string, unknown> = {
  hugeNumber: '100000000000000000000',
  negative: '-100000000000000000000',
  notADate: '31/02/2026 à midi',
  number: 1e20,
  boolean: true,
  object: { value: 'x', nested: { deep: [1, 2] } },
  array: ['a', 1, null],
  emptyString: '',
  blank: '   ',
  prototypeKey: 'constructor',
  protoKey: '__proto__',
  huge: 'é'.repeat(2_000_000),
  nan: NaN,
  nul: null,
};

/** What a mapped record may hold: strings, finite numbers, null, and valid ISO dates where dates go. */
function expectStorable(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    if (typeof value === 'string' && /(At|At\b)$/.test(path)) expect(Number.isNaN(Date.parse(value)), `${path} = ${value}`).toBe(false);
    if (typeof value === 'string') expect(value.length, path).toBeLessThanOrEqual(100_000);
    return;
  }
  if (typeof value === 'number') {
    expect(Number.isSafeInteger(value) || Number.isFinite(value), path).toBe(true);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => expectStorable(v, `${path}[${i}]`));
    return;
  }
  expect(typeof value, path).toBe('object');
  for (const [k, v] of Object.entries(value as object)) expectStorable(v, `${path}.${k}`);
}

describe('mapping HubSpot records defensively', () => {
  it('maps the reported call (hs_call_duration 1e20) instead of throwing "Invalid time value"', () => {
    const call: HubSpotObject = { id: '501', properties: { hs_timestamp: '2026-03-02T08:00:00.000Z', hs_call_duration: '100000000000000000000', hs_call_status: 'COMPLETED', hs_call_direction: 'INBOUND' } };
    const mapped = toMirror('calls', call, noLinks, context);
    expect(mapped.type).toBe('calls');
    if (mapped.type !== 'calls') return;
    expect(mapped.record).toMatchObject({ hubspotId: '501', ringAt: '2026-03-02T08:00:00.000Z', endAt: null, answerAt: null, state: 'ended' });
  });

  it('maps every type with every poisoned value in every property, into values SQLite can store', () => {
    for (const type of SYNC_ORDER) {
      for (const [kind, value] of Object.entries(POISON)) {
        const properties: Record<string, unknown> = { createdate: value, hs_createdate: value };
        for (const name of PROPERTIES[type]) properties[name] = value;
        const object = { id: '900', properties, createdAt: value } as unknown as HubSpotObject;
        let mapped;
        try {
          mapped = toMirror(type, object, noLinks, context);
        } catch (error) {
          throw new Error(`${type} with ${kind}: ${(error as Error).message}`);
        }
        expect(mapped.type).toBe(type);
        expectStorable(mapped.record, `${type}/${kind}`);
        expect(mapped.record.createdAt, `${type}/${kind}`).toBe(NOW.toISOString());
      }
    }
  });

  it('keeps readable values beside poisoned ones', () => {
    const contact = { id: '12', properties: { firstname: { x: 1 }, lastname: 'Kerbrat', mobilephone: 33612345678, phone: ['x'], lastmodifieddate: 'nope' } } as unknown as HubSpotObject;
    const mapped = toMirror('contacts', contact, noLinks, context);
    if (mapped.type !== 'contacts') throw new Error('type');
    expect(mapped.record).toMatchObject({ firstName: '', lastName: 'Kerbrat', phones: [{ raw: '33612345678', kind: 'mobile' }] });
    const ticket = { id: '13', properties: { subject: 'Fuite', hs_ticket_priority: 'constructor', hs_ticket_category: 'billing_issue' } } as unknown as HubSpotObject;
    const t = toMirror('tickets', ticket, noLinks, context);
    if (t.type !== 'tickets') throw new Error('type');
    expect(t.record).toMatchObject({ subject: 'Fuite', priority: 'normale', category: 'facturation' });
    const deal = { id: '14', properties: { dealname: 'Chaudière', amount: '1 500,50', dealstage: 'closedwon' } } as unknown as HubSpotObject;
    const d = toMirror('deals', deal, noLinks, context);
    if (d.type !== 'deals') throw new Error('type');
    expect(d.record).toMatchObject({ amountCents: 150_050, status: 'accepte' });
  });

  it('refuses only a record without a usable id, with an UnreadableRecordError', () => {
    for (const id of [null, undefined, {}, ['1'], '', 'a b', 1e20]) {
      expect(() => toMirror('contacts', { id, properties: {} } as unknown as HubSpotObject, noLinks, context)).toThrow(UnreadableRecordError);
    }
    expect(() => toMirror('notes', { id: '1', properties: null } as unknown as HubSpotObject, noLinks, context)).not.toThrow();
    // The id HubSpot also sends as a property stands in for an unreadable one.
    expect(toMirror('notes', { id: null, properties: { hs_object_id: '77' } } as unknown as HubSpotObject, noLinks, context).record.hubspotId).toBe('77');
  });

  it('reads inline associations of any shape, keeping readable ids only', () => {
    const object = {
      id: '1',
      properties: {},
      associations: { companies: { results: [{ id: '5', type: 'contact_to_company_unlabeled' }, { id: {} }, null, { id: '6', type: 'contact_to_company' }] }, contacts: 'x' },
    } as unknown as HubSpotObject;
    expect(inlineLinks(object, 'contacts').companies).toEqual(['6', '5']);
    expect(inlineLinks({ id: '1', properties: {}, associations: { contacts: { results: 'x' } } } as unknown as HubSpotObject, 'notes').contacts).toEqual([]);
    expect(inlineLinks({ id: '1', properties: {}, associations: [] } as unknown as HubSpotObject, 'notes')).toEqual(noLinks);
  });

  it('reads owners and pipelines of any shape, dropping those without an id', () => {
    expect(toOwner({ id: 7, firstName: 'Jean', lastName: { x: 1 }, email: true })).toEqual({ hubspotId: '7', firstName: 'Jean', lastName: null, email: null });
    for (const raw of [null, 'x', [], { id: null }, { id: { n: 1 } }]) expect(toOwner(raw)).toBeNull();
    expect(toPipelines([{ id: '0', label: { text: 'x' }, displayOrder: 'x', stages: [{ id: '1', label: 'New', metadata: { isClosed: 'true' } }, { id: null }, 'x'] }, { stages: [] }, null])).toEqual([
      { id: '0', label: '0', displayOrder: 0, stages: [{ id: '1', label: 'New', displayOrder: 0, isClosed: true }] },
    ]);
    expect(toPipelines({ results: [] })).toEqual([]);
  });
});
