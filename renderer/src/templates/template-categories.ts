/**
 * Template categories as a person reads them. A category is also a purpose the pop's suggester
 * looks templates up by (`relance_devis_j7`…), so the ids stay; people see a small set of families
 * (« Devis », « Rendez-vous »…) and, inside them, the purpose in words. A category typed by a
 * person (not one of the product's) is shown as typed, in the family « Autres ».
 */
import type { Locale } from '../contract';

type Words = Readonly<Record<Locale, string>>;

export const FAMILIES: ReadonlyArray<{ id: string; name: Words; purposes: Readonly<Record<string, Words>> }> = [
  {
    id: 'rdv',
    name: { fr: 'Rendez-vous et interventions', en: 'Appointments and visits' },
    purposes: {
      confirmation_rdv: { fr: 'Confirmation de rendez-vous', en: 'Appointment confirmation' },
      report_rdv: { fr: 'Report de rendez-vous', en: 'Rescheduled appointment' },
      retard_technicien: { fr: 'Retard du technicien', en: 'Technician running late' },
      absence: { fr: 'Client absent', en: 'Customer not in' },
      compte_rendu: { fr: 'Compte-rendu d’intervention', en: 'Visit report' },
      demande_photos: { fr: 'Demande de photos', en: 'Photos request' },
      chantier: { fr: 'Chantier', en: 'Works' },
    },
  },
  {
    id: 'devis',
    name: { fr: 'Devis', en: 'Quotes' },
    purposes: {
      envoi_devis: { fr: 'Envoi du devis', en: 'Quote sent' },
      relance_devis_j7: { fr: 'Relance du devis (7 jours)', en: 'Quote follow-up (7 days)' },
      relance_devis_j15: { fr: 'Relance du devis (15 jours)', en: 'Quote follow-up (15 days)' },
      devis_accepte: { fr: 'Devis accepté', en: 'Quote accepted' },
    },
  },
  {
    id: 'facturation',
    name: { fr: 'Factures et documents', en: 'Invoices and documents' },
    purposes: {
      facture: { fr: 'Envoi de facture', en: 'Invoice sent' },
      facturation: { fr: 'Question de facturation', en: 'Billing question' },
      relance_facture: { fr: 'Relance de facture', en: 'Invoice reminder' },
      attestation: { fr: 'Attestation', en: 'Certificate' },
      contrat: { fr: 'Contrat d’entretien', en: 'Maintenance contract' },
    },
  },
  {
    id: 'suivi',
    name: { fr: 'Suivi et réclamations', en: 'Follow-up and complaints' },
    purposes: {
      suivi_ticket: { fr: 'Suivi de demande', en: 'Request follow-up' },
      reclamation: { fr: 'Réclamation', en: 'Complaint' },
      pieces_commande: { fr: 'Pièces commandées', en: 'Parts ordered' },
      pieces_recues: { fr: 'Pièces reçues', en: 'Parts received' },
    },
  },
  {
    id: 'relation',
    name: { fr: 'Relation client', en: 'Customer relations' },
    purposes: {
      demande_avis: { fr: 'Demande d’avis', en: 'Feedback request' },
      information: { fr: 'Information', en: 'Information' },
      syndic: { fr: 'Syndic de copropriété', en: 'Property manager' },
    },
  },
];

const OTHERS: Words = { fr: 'Autres', en: 'Other' };

export function categoryFamily(category: string, locale: Locale): string {
  return FAMILIES.find((f) => category in f.purposes)?.name[locale] ?? OTHERS[locale];
}

/** The purpose in words (« Relance du devis (7 jours) »); a person's own category as typed. */
export function categoryLabel(category: string, locale: Locale): string {
  for (const family of FAMILIES) {
    const words = family.purposes[category];
    if (words) return words[locale];
  }
  return category;
}

/** The categories present, grouped by family (families in the order above, « Autres » last). */
export function groupedCategories(categories: readonly string[], locale: Locale): Array<{ family: string; categories: Array<{ id: string; label: string }> }> {
  const groups = new Map<string, Array<{ id: string; label: string }>>();
  const order = [...FAMILIES.map((f) => f.name[locale]), OTHERS[locale]];
  for (const id of categories) {
    const family = categoryFamily(id, locale);
    const list = groups.get(family) ?? [];
    list.push({ id, label: categoryLabel(id, locale) });
    groups.set(family, list);
  }
  return order.filter((f) => groups.has(f)).map((family) => ({ family, categories: groups.get(family)!.sort((a, b) => a.label.localeCompare(b.label, locale)) }));
}
