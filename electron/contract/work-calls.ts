/** Working the call: wrap-up, notes, tickets, callbacks, click-to-call, templates (issue 4). */
export const workCalls = {} as const;
export const workEvents = {} as const;
