/** History lines say what happened in words, never the codes the product records. */
import { describe, expect, it } from 'vitest';
import { interactionFacts, interactionSummary, type HistoryRow } from './interaction-text';

const call = (status: string, reason: string | null): HistoryRow =>
  ({ kind: 'call', id: 'c', at: '2026-11-30T09:00:00Z', a: 'inbound', b: '06 12 34 56 78', c: null, d: null, e: reason, status, contact_id: null, company_id: null }) as HistoryRow;

describe('a call in the history', () => {
  it('words the end reasons the product records', () => {
    expect(interactionSummary(call('missed', 'no_answer'))).toBe('Sans réponse');
    expect(interactionSummary(call('missed', 'caller_cancelled'))).toBe('Raccroché avant la réponse');
    expect(interactionSummary(call('failed', 'busy'))).toBe('Échec (Occupé)');
    expect(interactionSummary(call('ended', 'bye'))).toBeNull();
    expect(interactionSummary(call('answered_elsewhere', 'answered_elsewhere'))).toBe('Répondu sur un autre poste');
  });

  it('passes a PBX’s own words through', () => {
    expect(interactionSummary(call('missed', 'Call completed elsewhere'))).toBe('Call completed elsewhere');
    expect(interactionSummary(call('missed', null))).toBeNull();
  });
});

describe('where a line came from', () => {
  const ticket = (callId: string | null): HistoryRow =>
    ({ kind: 'ticket', id: 't', at: '2026-11-30T09:00:00Z', a: 'Fuite', b: 'depannage', c: null, d: callId, e: null, status: 'nouveau', contact_id: null, company_id: null }) as HistoryRow;

  it('a ticket opened from a call came by phone; one without a call is said by the area that opened it', () => {
    expect(interactionFacts(ticket('call-1')).origin).toBe('telephone');
    expect(interactionFacts(ticket(null)).origin).toBeUndefined();
    expect(interactionFacts(call('ended', 'bye')).origin).toBe('telephone');
  });
});
