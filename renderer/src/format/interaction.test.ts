import { describe, expect, it } from 'vitest';
import type { Interaction } from '../contract';
import { interactionStatusKey, interactionText, isMissedCallStatus, isOutboundCallStatus } from './interaction';
import { fr } from '../i18n/fr';
import { translate } from '../i18n';
import { interactionFacts, interactionSummary, interactionTitle, type HistoryRow } from '../../../electron/services/store/interaction-text';

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

describe('a history line in the interface’s language', () => {
  const none = { direction: null, person: null, subject: null, reference: null, category: null, amountCents: null, durationSeconds: null, endReason: null, excerpt: null };
  const line = (kind: Interaction['kind'], status: string | null, facts: Partial<Interaction['facts'] & object>): Interaction => ({
    id: 'x', kind, at: '2026-03-01T09:00:00.000Z', title: 'Titre du service', summary: 'Résumé du service', status, contactId: null, companyId: null, facts: { ...none, ...facts },
  });
  const words = (locale: 'fr' | 'en', item: Interaction) => interactionText((key, params) => translate(locale, key, params), locale, item);

  it('says in French what the service says', () => {
    expect(words('fr', line('call', 'ended', { direction: 'in', durationSeconds: 192 }))).toEqual({ title: 'Appel entrant', summary: 'Durée 3 min 12 s' });
    expect(words('fr', line('call', 'missed', { direction: 'in', endReason: 'caller_cancelled' }))).toEqual({ title: 'Appel manqué', summary: 'Raccroché avant la réponse' });
    expect(words('fr', line('call', 'failed', { direction: 'out', endReason: 'busy' }))).toEqual({ title: 'Appel sortant', summary: 'Échec (Occupé)' });
    expect(words('fr', line('note', null, { person: 'Claire', excerpt: 'Code portail 1457B' }))).toEqual({ title: 'Note de Claire', summary: 'Code portail 1457B' });
    const quote = words('fr', line('quote', 'envoye', { reference: 'DV-2026-00001', subject: 'Chauffe-eau', amountCents: 285_050 }));
    expect(quote.title).toBe('Devis DV-2026-00001 — Chauffe-eau');
    expect(quote.summary).toMatch(/^2\s850,50\s€$/);
  });

  it('says it in English, amounts the English way, the CRM’s own words untouched', () => {
    expect(words('en', line('call', 'ended', { direction: 'in', durationSeconds: 45 }))).toEqual({ title: 'Incoming call', summary: 'Lasted 45 s' });
    expect(words('en', line('call', 'missed', { direction: 'in', endReason: 'no_answer' }))).toEqual({ title: 'Missed call', summary: 'No answer' });
    expect(words('en', line('call', 'missed', { direction: 'in', endReason: 'Call completed elsewhere' })).summary).toBe('Call completed elsewhere');
    expect(words('en', line('note', null, { person: 'Claire', excerpt: 'Code portail' })).title).toBe('Note by Claire');
    expect(words('en', line('email', null, { direction: 'out', subject: 'Votre devis' })).title).toBe('E-mail sent: Votre devis');
    expect(words('en', line('ticket', 'en_cours', { subject: 'Fuite', category: 'depannage', excerpt: 'Sous l’évier' })).summary).toBe('Breakdown repair — Sous l’évier');
    expect(words('en', line('quote', 'envoye', { reference: 'DV-2026-00001', subject: 'Chauffe-eau', amountCents: 285_050 }))).toEqual({ title: 'Quote DV-2026-00001 — Chauffe-eau', summary: '€2,850.50' });
    expect(words('en', line('intervention', 'planifiee', { subject: 'Entretien chaudière', person: 'Karim' })).summary).toBe('Technician: Karim');
  });

  it('words in French exactly what the service words, from the same rows', () => {
    const row = (kind: HistoryRow['kind'], a: string | null, b: string | null, c: string | null, d: string | null, e: string | null, status: string | null): HistoryRow =>
      ({ kind, id: 'r', at: '2026-03-01T09:00:00.000Z', a, b, c, d, e, status, contact_id: null, company_id: null }) as HistoryRow;
    const rows = [
      row('call', 'inbound', '06 12 34 56 78', '2026-03-01T09:00:10.000Z', '2026-03-01T09:03:22.000Z', 'bye', 'ended'),
      row('call', 'inbound', '06 12 34 56 78', null, null, 'no_answer', 'missed'),
      row('call', 'outbound', '06 12 34 56 78', null, null, 'busy', 'failed'),
      row('call', 'inbound', '06 12 34 56 78', null, null, 'answered_elsewhere', 'answered_elsewhere'),
      row('note', 'Claire', 'Code  portail\n1457B', null, null, null, null),
      row('email', 'in', 'Question', 'Bonjour, une question', null, null, null),
      row('quote', 'DV-2026-00001', 'Chauffe-eau', '285050', null, null, 'envoye'),
      row('intervention', 'Entretien', 'Karim', 'Brûleur nettoyé', null, null, 'terminee'),
    ];
    for (const r of rows) {
      const item: Interaction = { id: r.id, kind: r.kind, at: r.at, title: interactionTitle(r), summary: interactionSummary(r), status: r.status, contactId: null, companyId: null, facts: interactionFacts(r) };
      expect(words('fr', item), `${r.kind} ${r.status}`).toEqual({ title: item.title, summary: item.summary });
    }
  });

  it('shows the service’s text when an older service sends no facts', () => {
    const { facts: _facts, ...old } = line('call', 'ended', {});
    expect(words('en', old)).toEqual({ title: 'Titre du service', summary: 'Résumé du service' });
  });
});
