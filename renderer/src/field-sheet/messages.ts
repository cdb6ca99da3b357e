/**
 * The technician's sheet at the office: French (the source of their keys) and English, with the same
 * keys (typed) and {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'fieldSheet.open': 'Fiche',
  'fieldSheet.openFor': 'Fiche du technicien — {kind}',
  'fieldSheet.title': 'Fiche du technicien : {kind}',
  'fieldSheet.empty': 'Rien d’écrit sur place pour l’instant.',
  'fieldSheet.by.phone': 'Dernière modification depuis le téléphone, {when}',
  'fieldSheet.by.office': 'Dernière modification au bureau, {when}',
  'fieldSheet.times': 'Arrivée {start}, départ {stop}',
  'fieldSheet.notYet': '—',
  'fieldSheet.checklist': 'Points de contrôle',
  'fieldSheet.report': 'Compte rendu',
  'fieldSheet.parts': 'Pièces posées',
  'fieldSheet.part': 'Pièce',
  'fieldSheet.quantity': 'Quantité',
  'fieldSheet.addPart': 'Ajouter une pièce',
  'fieldSheet.removePart': 'Retirer {label}',
  'fieldSheet.pictures': '{count} photos, {signature}',
  'fieldSheet.pictures.one': '{count} photo, {signature}',
  'fieldSheet.signed': 'signée par le client',
  'fieldSheet.unsigned': 'pas encore signée',
  'fieldSheet.done': 'Terminée sur le téléphone : le rapport est fait et envoyé, la fiche ne change plus.',
  'fieldSheet.hint': 'Une correction faite ici garde sa valeur si le technicien, sans réseau, modifie le même champ : son téléphone le lui dit.',
  'fieldSheet.save': 'Enregistrer la fiche',
  'fieldSheet.saved': 'Fiche enregistrée.',
  'fieldSheet.reload': 'Relire la fiche',
} as const;

export const en: Translation<typeof fr> = {
  'fieldSheet.open': 'Sheet',
  'fieldSheet.openFor': 'Technician’s sheet — {kind}',
  'fieldSheet.title': 'Technician’s sheet: {kind}',
  'fieldSheet.empty': 'Nothing written on site yet.',
  'fieldSheet.by.phone': 'Last changed from the phone, {when}',
  'fieldSheet.by.office': 'Last changed at the office, {when}',
  'fieldSheet.times': 'Arrived {start}, left {stop}',
  'fieldSheet.notYet': '—',
  'fieldSheet.checklist': 'Checks',
  'fieldSheet.report': 'Report',
  'fieldSheet.parts': 'Parts fitted',
  'fieldSheet.part': 'Part',
  'fieldSheet.quantity': 'Quantity',
  'fieldSheet.addPart': 'Add a part',
  'fieldSheet.removePart': 'Remove {label}',
  'fieldSheet.pictures': '{count} photos, {signature}',
  'fieldSheet.pictures.one': '{count} photo, {signature}',
  'fieldSheet.signed': 'signed by the customer',
  'fieldSheet.unsigned': 'not signed yet',
  'fieldSheet.done': 'Finished on the phone: the report is made and sent, the sheet no longer changes.',
  'fieldSheet.hint': 'A correction made here keeps its value if the technician, offline, edits the same field: the phone tells him.',
  'fieldSheet.save': 'Save the sheet',
  'fieldSheet.saved': 'Sheet saved.',
  'fieldSheet.reload': 'Read the sheet again',
};

declare module '../i18n' {
  interface MessageCatalog {
    'field-sheet': typeof fr;
  }
}
