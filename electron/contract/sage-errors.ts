/** What the Sage screens and commands say (see error-catalog.ts). */
export const sageErrors = {
  'sage.conflict_gone': {
    fr: 'Ce conflit a déjà été réglé (ou un nouvel import l’a changé) : rechargez la liste.',
    en: 'This conflict was already settled (or a new import changed it): reload the list.',
  },
  'sage.review_gone': {
    fr: 'Ce rapprochement a déjà été traité, ou la fiche choisie n’existe plus : rechargez la liste.',
    en: 'This match was already handled, or the chosen record no longer exists: reload the list.',
  },
  'sage.review_pick_one': {
    fr: 'Choisissez une seule fiche (une entreprise ou un contact) pour ce compte Sage.',
    en: 'Choose exactly one record (a company or a contact) for this Sage account.',
  },
  'sage.already_linked': {
    fr: 'Cette fiche est déjà liée au compte Sage {code} : une fiche n’a qu’un code client Sage.',
    en: 'This record is already linked to Sage account {code}: a record has one Sage customer code.',
  },
  'sage.hubspot_refused': {
    fr: 'HubSpot a refusé les comptes Sage ({detail}).',
    en: 'HubSpot refused the Sage accounts ({detail}).',
  },
  'sage.file_unknown': {
    fr: 'Ce fichier n’est plus en attente (gardé {minutes} min, ou déjà importé) : choisissez-le à nouveau.',
    en: 'This file is no longer waiting (kept {minutes} min, or already imported): choose it again.',
  },
  'sage.mapping_field_unknown': {
    fr: 'Champ inconnu dans l’association de colonnes : {field}.',
    en: 'Unknown field in the column mapping: {field}.',
  },
} as const;

type SageErrors = typeof sageErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends SageErrors {}
}
