import { describe, expect, it } from 'vitest';
import { interactionStatusKey, isMissedCallStatus, isOutboundCallStatus } from './interaction';
import { fr } from '../i18n/fr';

describe('interactionStatusKey', () => {
  it('labels enum statuses of tickets, devis, interventions and calls', () => {
    expect(interactionStatusKey('ticket', 'en_cours')).toBe('ticket.status.en_cours');
    expect(interactionStatusKey('quote', 'accepte')).toBe('quote.status.accepte');
    expect(interactionStatusKey('intervention', 'planifiee')).toBe('intervention.status.planifiee');
    expect(interactionStatusKey('call', 'missed')).toBe('call.state.missed');
  });
  it('leaves free text alone', () => {
    expect(interactionStatusKey('call', 'entrant, 3 min')).toBeNull();
    expect(interactionStatusKey('note', 'en_cours')).toBeNull();
  });
  it('only produces keys that exist', () => {
    for (const [kind, s] of [['ticket', 'ferme'], ['quote', 'expire'], ['intervention', 'annulee'], ['call', 'answered_elsewhere']] as const) {
      expect(Object.keys(fr)).toContain(interactionStatusKey(kind, s));
    }
  });
  it('reads call direction and outcome from the status text', () => {
    expect(isMissedCallStatus('manqué')).toBe(true);
    expect(isMissedCallStatus('missed')).toBe(true);
    expect(isMissedCallStatus('entrant')).toBe(false);
    expect(isOutboundCallStatus('sortant')).toBe(true);
    expect(isOutboundCallStatus(null)).toBe(false);
  });
});
