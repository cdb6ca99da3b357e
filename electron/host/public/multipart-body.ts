/**
 * `multipart/form-data` (RFC 7578) as a browser posts a form with files, without JavaScript: the
 * portal's request form with its photos. Read from the whole body (already limited in size by the
 * route), strictly: a boundary as RFC 2046 allows it, each part with a `Content-Disposition:
 * form-data; name="…"` header, at most MAX_PARTS parts. What is not that is refused whole (null),
 * never half-read. Text fields join the form's fields (so the surface's CSRF token is found as in
 * any form); files come back as bytes with the name the browser gave — a name to show, never a path.
 */

export interface UploadedFile {
  /** The form field (`photos`). */
  field: string;
  /** As the browser sent it (the person's file name): never used as a path. */
  filename: string;
  /** As the browser declared it: a hint only (the documents area reads the type from the bytes). */
  contentType: string;
  bytes: Buffer;
}

export const MAX_PARTS = 24;
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$/;

/** The boundary of a `multipart/form-data` Content-Type, or null (another type, or no valid boundary). */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const [type, ...params] = contentType.split(';');
  if (type!.trim().toLowerCase() !== 'multipart/form-data') return null;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'boundary') continue;
    let value = param.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    return BOUNDARY.test(value) && !value.endsWith(' ') ? value : null;
  }
  return null;
}

function dispositionOf(headers: string): { name: string; filename: string | null } | null {
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'content-disposition') continue;
    const value = line.slice(colon + 1);
    if (!/^\s*form-data\s*(;|$)/i.test(value)) return null;
    const name = /;\s*name="([^"]*)"/i.exec(value)?.[1];
    const filename = /;\s*filename="([^"]*)"/i.exec(value)?.[1];
    return name === undefined ? null : { name, filename: filename ?? null };
  }
  return null;
}

function headerOf(headers: string, wanted: string): string | null {
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) return line.slice(colon + 1).trim();
  }
  return null;
}

export function parseMultipart(body: Buffer, boundary: string): { fields: URLSearchParams; files: UploadedFile[] } | null {
  const delimiter = Buffer.from(`--${boundary}`);
  const between = Buffer.from(`\r\n--${boundary}`);
  if (body.indexOf(delimiter) !== 0) return null;
  const fields = new URLSearchParams();
  const files: UploadedFile[] = [];
  let at = delimiter.length;
  for (let parts = 0; ; parts++) {
    // After a delimiter: `--` ends the body, CRLF starts a part.
    if (body.subarray(at, at + 2).toString('latin1') === '--') return { fields, files };
    if (body.subarray(at, at + 2).toString('latin1') !== '\r\n' || parts >= MAX_PARTS) return null;
    const headersEnd = body.indexOf('\r\n\r\n', at + 2);
    if (headersEnd < 0) return null;
    const headers = body.subarray(at + 2, headersEnd).toString('utf8');
    const next = body.indexOf(between, headersEnd + 4);
    if (next < 0) return null;
    const content = body.subarray(headersEnd + 4, next);
    const disposition = dispositionOf(headers);
    if (!disposition) return null;
    if (disposition.filename !== null) {
      // A file input left empty sends a part with an empty name and no bytes.
      if (disposition.filename !== '' || content.length > 0) {
        files.push({ field: disposition.name, filename: disposition.filename, contentType: headerOf(headers, 'content-type') ?? 'application/octet-stream', bytes: Buffer.from(content) });
      }
    } else {
      fields.append(disposition.name, content.toString('utf8'));
    }
    at = next + between.length;
  }
}
