/** Web mode's socket constants, in a module without zod so the renderer bundle stays small. */

/** Path of the socket; the token rides in the query string, checked before the upgrade. */
export const WS_PATH = '/ws';
/** Frames larger than this are refused: no call needs more. */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** Close code of a console whose session ended (account disabled, role changed, logout): no reconnecting. */
export const SESSION_REVOKED_CLOSE_CODE = 4001;
