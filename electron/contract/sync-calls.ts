/** HubSpot synchronisation: calls of the sync area (issue 3). */
export const syncCalls = {} as const;
export const syncEvents = {} as const;
