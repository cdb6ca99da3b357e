/**
 * The documents messages: French (the source of their keys) and English, which must have the same
 * keys (typed) and the same {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'documents.title': 'Documents',
  'documents.searchTitle': 'Documents de l’entreprise',
  'documents.searchLabel': 'Rechercher un document par son nom',
  'documents.searchPlaceholder': 'Nom du document (attestation, devis, facture…)',
  'documents.searchType': 'Type de document',
  'documents.searchAnyType': 'Tous les types',
  'documents.searchNone': 'Aucun document ne correspond.',
  'documents.openRecord': 'Ouvrir la fiche',
  'documents.open': 'Documents (Alt+G)',
  'help.documents': 'Rechercher un document',
  'documents.count': '{count} documents',
  'documents.count.one': '{count} document',
  'documents.none': 'Aucun document sur cette fiche.',
  'documents.drop': 'Déposez des fichiers ici (PDF, photos, Word, Excel…), ou',
  'documents.choose': 'Choisir des fichiers',
  'documents.typeLabel': 'Type des documents ajoutés',
  'documents.typeAuto': 'Type : selon le fichier',
  'documents.sending': 'Envoi de {name}…',
  'documents.added': '{name} ajouté.',
  'documents.refused': '{name} refusé : {reason}',
  'documents.dismiss': 'Effacer ce message',
  'documents.download': 'Télécharger',
  'documents.downloadName': 'Télécharger {name}',
  'documents.version': 'v{version}',
  'documents.by': 'par {name}',
  'documents.byMail': 'depuis un e-mail',
  'documents.byCustomer': 'par le client',
  'documents.byTechnician': 'par le technicien',
  'documents.type.devis': 'Devis',
  'documents.type.facture': 'Facture',
  'documents.type.attestation_entretien': 'Attestation d’entretien',
  'documents.type.rapport_intervention': 'Rapport d’intervention',
  'documents.type.photo': 'Photo',
  'documents.type.plan': 'Plan',
  'documents.type.autre': 'Autre',
};

export const en: Translation<typeof fr> = {
  'documents.title': 'Documents',
  'documents.searchTitle': 'Company documents',
  'documents.searchLabel': 'Search a document by its name',
  'documents.searchPlaceholder': 'Document name (certificate, quote, invoice…)',
  'documents.searchType': 'Document type',
  'documents.searchAnyType': 'All types',
  'documents.searchNone': 'No document matches.',
  'documents.openRecord': 'Open the record',
  'documents.open': 'Documents (Alt+G)',
  'help.documents': 'Search a document',
  'documents.count': '{count} documents',
  'documents.count.one': '{count} document',
  'documents.none': 'No document on this record.',
  'documents.drop': 'Drop files here (PDF, pictures, Word, Excel…), or',
  'documents.choose': 'Choose files',
  'documents.typeLabel': 'Type of the documents added',
  'documents.typeAuto': 'Type: from the file',
  'documents.sending': 'Sending {name}…',
  'documents.added': '{name} added.',
  'documents.refused': '{name} refused: {reason}',
  'documents.dismiss': 'Clear this message',
  'documents.download': 'Download',
  'documents.downloadName': 'Download {name}',
  'documents.version': 'v{version}',
  'documents.by': 'by {name}',
  'documents.byMail': 'from an e-mail',
  'documents.byCustomer': 'by the customer',
  'documents.byTechnician': 'by the technician',
  'documents.type.devis': 'Quote',
  'documents.type.facture': 'Invoice',
  'documents.type.attestation_entretien': 'Maintenance certificate',
  'documents.type.rapport_intervention': 'Intervention report',
  'documents.type.photo': 'Photo',
  'documents.type.plan': 'Plan',
  'documents.type.autre': 'Other',
};

declare module '../i18n' {
  interface MessageCatalog {
    'documents': typeof fr;
  }
}
