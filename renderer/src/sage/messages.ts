/**
 * The Sage messages: French (the source of their keys) and English, which must have the same keys
 * (typed) and the same {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'sage.unpaidMany': 'Impayés : {count} factures, {amount}, la plus ancienne échue depuis {since}',
  'sage.unpaidOne': 'Impayé : 1 facture, {amount}, échue depuis {since}',
  'sage.days': '{days} jours',
  'sage.oneDay': '1 jour',
  'sage.openItems': 'Échéances Sage',
  'sage.noOpenItems': 'Aucune échéance ouverte dans Sage (compte {codes}).',
  'sage.col.piece': 'Pièce',
  'sage.col.due': 'Échéance',
  'sage.col.amount': 'Montant',
  'sage.col.label': 'Libellé',
  'sage.col.state': 'État',
  'sage.overdue': 'échue depuis {since}',
  'sage.notDue': 'à échoir',
  'sage.credit': 'avoir',
  'sage.account': 'Compte Sage {code}',
  'sage.conflicts': 'Conflits Sage ↔ Accueil',
  'sage.conflictsHint': 'Sage fait foi pour la raison sociale, le SIRET et l’adresse de facturation ; ces valeurs ont été changées ailleurs. Rien n’a été écrasé : choisissez.',
  'sage.conflictSage': 'Dans Sage',
  'sage.conflictLocal': 'Dans Accueil et HubSpot',
  'sage.conflictKeepSage': 'Garder la valeur de Sage',
  'sage.conflictKeepLocal': 'Garder celle d’Accueil (à corriger dans Sage)',
  'sage.conflictKeptLocal': 'Valeur d’Accueil gardée : à corriger dans Sage.',
  'sage.field.name': 'Raison sociale',
  'sage.field.siret': 'SIRET',
  'sage.field.address': 'Adresse',
  'sage.field.postal_code': 'Code postal',
  'sage.field.city': 'Ville',
  'sage.reviews': 'Rapprochements Sage à vérifier',
  'sage.noReviews': 'Aucun compte Sage n’attend de décision.',
  'sage.reviewAccount': 'Compte {code} « {name} »',
  'sage.reviewLinkTo': 'Lier à',
  'sage.reviewSearch': 'Chercher une autre fiche',
  'sage.reviewFind': 'Chercher',
  'sage.reviewLink': 'Lier',
  'sage.reviewCreate': 'Créer une nouvelle fiche',
  'sage.reviewIgnore': 'Ne pas lier',
} as const;

export const en: Translation<typeof fr> = {
  'sage.unpaidMany': 'Unpaid: {count} invoices, {amount}, the oldest overdue for {since}',
  'sage.unpaidOne': 'Unpaid: 1 invoice, {amount}, overdue for {since}',
  'sage.days': '{days} days',
  'sage.oneDay': '1 day',
  'sage.openItems': 'Sage open items',
  'sage.noOpenItems': 'No open item in Sage (account {codes}).',
  'sage.col.piece': 'Document',
  'sage.col.due': 'Due',
  'sage.col.amount': 'Amount',
  'sage.col.label': 'Description',
  'sage.col.state': 'Status',
  'sage.overdue': 'overdue for {since}',
  'sage.notDue': 'not yet due',
  'sage.credit': 'credit note',
  'sage.account': 'Sage account {code}',
  'sage.conflicts': 'Sage ↔ Accueil conflicts',
  'sage.conflictsHint': 'Sage is authoritative for the company name, SIRET and billing address; these values were changed elsewhere. Nothing was overwritten: choose.',
  'sage.conflictSage': 'In Sage',
  'sage.conflictLocal': 'In Accueil and HubSpot',
  'sage.conflictKeepSage': 'Keep Sage’s value',
  'sage.conflictKeepLocal': 'Keep Accueil’s (to correct in Sage)',
  'sage.conflictKeptLocal': 'Accueil’s value kept: to correct in Sage.',
  'sage.field.name': 'Company name',
  'sage.field.siret': 'SIRET',
  'sage.field.address': 'Address',
  'sage.field.postal_code': 'Postcode',
  'sage.field.city': 'City',
  'sage.reviews': 'Sage matches to check',
  'sage.noReviews': 'No Sage account is waiting for a decision.',
  'sage.reviewAccount': 'Account {code} “{name}”',
  'sage.reviewLinkTo': 'Link to',
  'sage.reviewSearch': 'Search another record',
  'sage.reviewFind': 'Search',
  'sage.reviewLink': 'Link',
  'sage.reviewCreate': 'Create a new record',
  'sage.reviewIgnore': 'Do not link',
};

declare module '../i18n' {
  interface MessageCatalog {
    'sage': typeof fr;
  }
}
