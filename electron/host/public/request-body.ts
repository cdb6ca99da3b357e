/**
 * A post's body, read whole up to a limit: a form is a few kilobytes, and a client that sends
 * megabytes (or says it will) is answered 413 before the server holds them. A client that sends
 * slowly is the server's business (http-core's `timeouts`).
 */
import type http from 'node:http';

/** The default for HTML forms. */
export const FORM_BODY_LIMIT = 64 * 1024;
/** After a 413, what is still read (and dropped) so the client gets the answer instead of a reset. */
const DRAIN_LIMIT = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body over ${limit} bytes`);
  }
}

export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      drain(req);
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.off('end', onEnd);
        chunks.length = 0;
        drain(req);
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}

function drain(req: http.IncomingMessage): void {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_LIMIT) req.socket.destroy();
  });
  req.resume();
}

/** `application/x-www-form-urlencoded`, whatever its parameters (charset). */
export function isFormBody(req: http.IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}
