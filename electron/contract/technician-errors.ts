/** What the technicians' app says (see error-catalog.ts). */
export const technicianErrors = {
  'technician.not_a_technician': {
    fr: 'Ce compte n’est pas celui d’un technicien : l’application des techniciens est réservée aux comptes « technicien » reliés à une fiche technicien (Paramètres › Techniciens).',
    en: 'This account is not a technician’s: the technicians’ app is for « technician » accounts linked to a technician (Settings › Technicians).',
  },
  'technician.not_found': {
    fr: 'Cette intervention n’existe pas, ou n’est pas dans votre tournée.',
    en: 'This visit does not exist, or is not in your round.',
  },
  'technician.action_foreign': {
    fr: 'Cette action a déjà été envoyée par un autre téléphone : elle n’est pas appliquée.',
    en: 'This action was already sent by another phone: it is not applied.',
  },
  'technician.picture_type': {
    fr: 'Seules les photos JPEG ou PNG entrent dans le rapport.',
    en: 'Only JPEG or PNG photos go into the report.',
  },
  'technician.sheet_changed': {
    fr: 'La fiche a changé entre-temps (le technicien l’a modifiée depuis son téléphone) : relisez-la avant d’enregistrer. Votre texte est gardé à l’écran.',
    en: 'The sheet changed meanwhile (the technician edited it from the phone): read it again before saving. Your text stays on screen.',
  },
  'technician.sheet_done': {
    fr: 'Le technicien a terminé cette intervention : le rapport est fait et envoyé, la fiche ne change plus.',
    en: 'The technician finished this visit: the report is made and sent, the sheet no longer changes.',
  },
  'technician.visit_not_found': { fr: 'Intervention introuvable.', en: 'Visit not found.' },
} as const;

type TechnicianErrors = typeof technicianErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends TechnicianErrors {}
}
