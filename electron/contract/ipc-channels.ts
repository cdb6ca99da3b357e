/** The only two IPC channels: every call goes through one, every event through the other. */
export const IPC_INVOKE = 'accueil:invoke';
export const IPC_EVENT = 'accueil:event';
