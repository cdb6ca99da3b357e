/** What booking says when it cannot (see error-catalog.ts). */
export const bookingErrors = {
  'booking.address_unknown': {
    fr: 'Adresse introuvable : ajoutez le code postal et la commune (« 12 rue X, 35000 Rennes »).',
    en: 'Address not found: add the postcode and the town (“12 rue X, 35000 Rennes”).',
  },
  'booking.type_unknown': { fr: 'Ce type d’intervention n’existe plus : choisissez-en un autre.', en: 'This kind of visit no longer exists: choose another one.' },
  'booking.technician_unknown': { fr: 'Ce technicien n’existe plus : rouvrez « Planifier ».', en: 'This technician no longer exists: reopen “Schedule”.' },
  'booking.window_taken': {
    fr: 'Ce créneau ne tient plus (une autre visite vient d’être placée) : choisissez parmi les créneaux proposés à nouveau.',
    en: 'This window no longer fits (another visit was just booked): choose among the windows offered again.',
  },
  'booking.not_booked': {
    fr: 'Cette intervention n’a pas été prise dans Accueil (elle vient du CRM) : déplacez-la ou annulez-la dans HubSpot.',
    en: 'This visit was not booked in Accueil (it comes from the CRM): move or cancel it in HubSpot.',
  },
  'booking.cancelled': { fr: 'Cette intervention est annulée : planifiez-en une nouvelle.', en: 'This visit is cancelled: book a new one.' },
  'booking.done': { fr: 'Cette intervention est terminée : elle ne se déplace plus.', en: 'This visit is done: it can no longer be moved.' },
  'booking.start_address_unknown': {
    fr: 'Adresse de départ introuvable : ajoutez le code postal et la commune.',
    en: 'Start address not found: add the postcode and the town.',
  },
} as const;

type BookingErrors = typeof bookingErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends BookingErrors {}
}
