/** What the console says about a document it refuses or cannot find (see error-catalog.ts). */
export const documentsErrors = {
  'documents.empty': { fr: 'Ce fichier est vide.', en: 'This file is empty.' },
  'documents.too_large': { fr: 'Ce fichier dépasse la taille permise ({max} Mo).', en: 'This file is over the size allowed ({max} MB).' },
  'documents.executable': {
    fr: 'Ce fichier est un programme (même renommé) : il est refusé.',
    en: 'This file is a program (even renamed): it is refused.',
  },
  'documents.script': { fr: 'Ce fichier est un script : il est refusé.', en: 'This file is a script: it is refused.' },
  'documents.markup': {
    fr: 'Les pages web et les images SVG sont refusées (elles peuvent contenir du code) : envoyez un PDF ou une image.',
    en: 'Web pages and SVG images are refused (they can hold code): send a PDF or a picture.',
  },
  'documents.polyglot': {
    fr: 'Ce fichier cache un autre contenu (page web ou archive) derrière son en-tête : il est refusé.',
    en: 'This file hides other content (a web page or an archive) behind its header: it is refused.',
  },
  'documents.dangerous_name': {
    fr: 'Les fichiers « .{extension} » sont refusés : ils peuvent s’exécuter à l’ouverture.',
    en: '“.{extension}” files are refused: they can run when opened.',
  },
  'documents.unknown_type': {
    fr: 'Type de fichier non accepté : PDF, JPEG, PNG, WebP, HEIC, texte, Word (DOCX), Excel (XLSX) ou OpenDocument.',
    en: 'File type not accepted: PDF, JPEG, PNG, WebP, HEIC, text, Word (DOCX), Excel (XLSX) or OpenDocument.',
  },
  'documents.zip_bomb': {
    fr: 'Ce document se décompresse en un volume démesuré : il est refusé.',
    en: 'This document unpacks to an outsized volume: it is refused.',
  },
  'documents.zip_unreadable': { fr: 'Ce document est abîmé (archive illisible).', en: 'This document is damaged (unreadable archive).' },
  'documents.macros': {
    fr: 'Les documents avec macros sont refusés : enregistrez-le sans macros (DOCX, XLSX) ou en PDF.',
    en: 'Documents with macros are refused: save it without macros (DOCX, XLSX) or as PDF.',
  },
  'documents.not_found': { fr: 'Ce document n’existe pas (ou plus).', en: 'This document does not exist (any more).' },
  'documents.file_missing': {
    fr: 'Le fichier de ce document manque dans le dossier de données (restauration incomplète ?).',
    en: 'This document’s file is missing from the data folder (incomplete restore?).',
  },
  'documents.record_not_found': { fr: 'La fiche à laquelle joindre ce document n’existe plus.', en: 'The record to attach this document to no longer exists.' },
  'documents.no_link': { fr: 'Un document doit être joint à une fiche (contact, entreprise, intervention, devis ou ticket).', en: 'A document must be attached to a record (contact, company, intervention, quote or ticket).' },
  'documents.upload_unknown': {
    fr: 'Cet envoi n’est plus en cours (expiré après {minutes} min) : recommencez.',
    en: 'This upload is no longer under way (expired after {minutes} min): start again.',
  },
  'documents.upload_incomplete': { fr: 'L’envoi est incomplet : recommencez.', en: 'The upload is incomplete: start again.' },
  'documents.too_many_uploads': {
    fr: 'Trop d’envois en cours ({max}) : attendez la fin des précédents.',
    en: 'Too many uploads under way ({max}): wait for the previous ones to finish.',
  },
} as const;

type DocumentsErrors = typeof documentsErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends DocumentsErrors {}
}
