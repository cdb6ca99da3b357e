import { describe, expect, it } from 'vitest';
import type { Intervention, Quote, Template, Ticket } from '../../contract/model';
import { suggestedPurposes, suggestTemplates, type CallerSituation } from './template-suggester';

const NOW = new Date('2026-03-10T10:00:00.000Z');
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();

const quote = (status: Quote['status'], sentDaysAgo: number | null): Quote => ({
  id: `q${sentDaysAgo}`, number: 'DV-1', title: 'Chaudière', amountCents: 1, status, contactId: 'c', companyId: null, siteAddress: null,
  createdAt: daysFromNow(-(sentDaysAgo ?? 0) - 1), sentAt: sentDaysAgo === null ? null : daysFromNow(-sentDaysAgo), validUntil: null,
});
const visit = (status: Intervention['status'], inDays: number): Intervention => ({
  id: `i${inDays}`, kind: 'Entretien', status, scheduledAt: daysFromNow(inDays), technician: 'Karim', siteAddress: null, report: null, contactId: 'c', companyId: null,
});
const ticket = (category: Ticket['category'], status: Ticket['status'] = 'en_cours'): Ticket => ({
  id: 't', subject: 's', description: null, status, priority: 'normale', category, contactId: 'c', companyId: null, createdAt: daysFromNow(-2), updatedAt: daysFromNow(-2),
});
const situation = (parts: Partial<CallerSituation>): CallerSituation => ({ openQuotes: [], openTickets: [], interventions: [], ...parts });

describe('suggestedPurposes', () => {
  it('suggests nothing for a caller with nothing going on', () => {
    expect(suggestedPurposes(situation({}), NOW)).toEqual([]);
  });

  it('suggests a relance J+7 for a devis sent 7 days ago, J+15 after 15 days, nothing before 7', () => {
    expect(suggestedPurposes(situation({ openQuotes: [quote('envoye', 6)] }), NOW)).toEqual([]);
    expect(suggestedPurposes(situation({ openQuotes: [quote('envoye', 7)] }), NOW)).toEqual(['relance_devis_j7']);
    expect(suggestedPurposes(situation({ openQuotes: [quote('envoye', 16)] }), NOW)).toEqual(['relance_devis_j15']);
    expect(suggestedPurposes(situation({ openQuotes: [quote('brouillon', null)] }), NOW)).toEqual([]);
  });

  it('suggests a confirmation for a visit tomorrow, and a delay message for one due now', () => {
    expect(suggestedPurposes(situation({ interventions: [visit('planifiee', 1)] }), NOW)).toEqual(['confirmation_rdv']);
    expect(suggestedPurposes(situation({ interventions: [visit('planifiee', 10)] }), NOW)).toEqual([]);
    expect(suggestedPurposes(situation({ interventions: [visit('planifiee', -1 / 24)] }), NOW)).toEqual(['retard_technicien']);
  });

  it('suggests a report and a review request after a recent visit, only the review after three weeks', () => {
    expect(suggestedPurposes(situation({ interventions: [visit('terminee', -3)] }), NOW)).toEqual(['compte_rendu', 'demande_avis']);
    expect(suggestedPurposes(situation({ interventions: [visit('terminee', -21)] }), NOW)).toEqual(['demande_avis']);
    expect(suggestedPurposes(situation({ interventions: [visit('terminee', -60)] }), NOW)).toEqual([]);
  });

  it('suggests a follow-up for an open ticket, the invoice for a billing one, parts for a waiting repair', () => {
    expect(suggestedPurposes(situation({ openTickets: [ticket('reclamation')] }), NOW)).toEqual(['suivi_ticket']);
    expect(suggestedPurposes(situation({ openTickets: [ticket('facturation')] }), NOW)).toEqual(['facture']);
    expect(suggestedPurposes(situation({ openTickets: [ticket('depannage', 'en_attente')] }), NOW)).toEqual(['pieces_commande', 'suivi_ticket']);
  });
});

describe('suggestTemplates', () => {
  it('returns the templates of the suggested purposes in rule order, at most four', () => {
    const templates: Template[] = ['demande_avis', 'relance_devis_j7', 'confirmation_rdv', 'compte_rendu', 'suivi_ticket', 'autre'].map((category) => ({
      id: `tpl-${category}`, name: category, category, subject: '', body: '', channel: 'email', whatsapp: null,
    }));
    const busy = situation({ openQuotes: [quote('envoye', 8)], interventions: [visit('planifiee', 1), visit('terminee', -2)], openTickets: [ticket('autre')] });
    expect(suggestTemplates(busy, templates, NOW).map((t) => t.category)).toEqual(['confirmation_rdv', 'relance_devis_j7', 'compte_rendu', 'suivi_ticket']);
  });
});
