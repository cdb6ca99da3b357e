/** What the console says about an intervention it cannot change (see error-catalog.ts). */
export const interventionsErrors = {
  'intervention.not_found': { fr: 'Cette intervention n’existe plus : rouvrez la fiche du client.', en: 'This intervention no longer exists: reopen the customer’s record.' },
  'intervention.cancelled': {
    fr: 'Cette intervention est annulée : elle ne peut pas être marquée terminée.',
    en: 'This intervention is cancelled: it cannot be marked done.',
  },
} as const;

type InterventionsErrors = typeof interventionsErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends InterventionsErrors {}
}
