/** Web mode's socket constants, in a module without zod so the renderer bundle stays small. */

/** Path of the socket; the token rides in the query string, checked before the upgrade. */
export const WS_PATH = '/ws';
/** Frames larger than this are refused: no call needs more. */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** Close code of a console whose session ended (account disabled, role changed, logout): no reconnecting. */
export const SESSION_REVOKED_CLOSE_CODE = 4001;
/**
 * Asks, over plain HTTP, whether the socket's credentials would be accepted (`?token=…` as on the
 * socket): 204 yes, 401 no. A browser never sees why an upgrade was refused (every failure reads as
 * close code 1006), so a page whose socket fails asks here: a host that answers 401 was restarted
 * with another token (the link is stale), one that does not answer is down (keep retrying).
 */
export const LINK_CHECK_PATH = '/api/link';
