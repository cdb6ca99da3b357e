/** Contract values for renderer tests, valid against the zod schemas, with overridable fields. */
import type { CallerMatch, CallRecord, Company, Contact, RecordCard, ScreenPop } from '../../src/contract';

export function contact(patch: Partial<Contact> = {}): Contact {
  return {
    id: 'ct-1',
    firstName: 'Marie',
    lastName: 'Durand',
    email: 'marie.durand@example.fr',
    role: null,
    companyId: 'co-1',
    companyName: 'Durand Rénovation',
    address: '3 rue des Lilas',
    postalCode: '69003',
    city: 'Lyon',
    phones: [{ e164: '+33612345678', raw: '06 12 34 56 78', display: '06 12 34 56 78', kind: 'mobile' }],
    updatedAt: '2025-03-01T10:00:00Z',
    ...patch,
  };
}

export function company(patch: Partial<Company> = {}): Company {
  return {
    id: 'co-1',
    name: 'Durand Rénovation',
    siret: null,
    address: '12 avenue Foch',
    postalCode: '69006',
    city: 'Lyon',
    email: null,
    phones: [{ e164: '+33478000000', raw: '04 78 00 00 00', display: '04 78 00 00 00', kind: 'standard' }],
    updatedAt: '2025-03-01T10:00:00Z',
    ...patch,
  };
}

export function card(patch: Partial<RecordCard> = {}): RecordCard {
  return {
    contact: contact(),
    company: company(),
    companyContacts: [],
    recent: [],
    openTickets: [],
    openQuotes: [],
    interventions: [],
    suggestedTemplates: [],
    ...patch,
  };
}

export function match(patch: Partial<CallerMatch> = {}): CallerMatch {
  return {
    contactId: 'ct-1',
    companyId: 'co-1',
    label: 'Marie Durand',
    companyName: 'Durand Rénovation',
    reason: 'contact',
    phoneKind: 'mobile',
    lastInteractionAt: null,
    ...patch,
  };
}

export function pop(patch: Partial<ScreenPop> = {}): ScreenPop {
  return {
    number: { raw: '0612345678', e164: '+33612345678', display: '06 12 34 56 78', kind: 'mobile' },
    matches: [match()],
    card: card(),
    ...patch,
  };
}

export function call(patch: Partial<CallRecord> = {}): CallRecord {
  return {
    id: 'call-1',
    direction: 'inbound',
    state: 'ringing',
    fromRaw: '0612345678',
    fromE164: '+33612345678',
    fromDisplay: '06 12 34 56 78',
    callerName: 'DURAND M',
    toRaw: '100',
    toDisplay: '100',
    ringAt: '2025-03-04T13:00:00Z',
    answerAt: null,
    endAt: null,
    contactId: 'ct-1',
    companyId: 'co-1',
    matchLabel: 'Marie Durand',
    endReason: null,
    ...patch,
  };
}
