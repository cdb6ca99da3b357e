/**
 * `GET /api/documents/<id>/fichier` on the staff surface: a document's bytes, for the people the
 * console's channel lets in (the standalone console's token as `Authorization: Bearer` or
 * `?token=`, a company-server session's cookie or bearer) — never the wall screen, never a
 * technician. Served so that nothing in it can run in a browser, whatever it holds:
 * `Content-Disposition: attachment` (RFC 6266, with `filename*` for a French name), the type read
 * from its bytes, `X-Content-Type-Options: nosniff`, `Content-Security-Policy: sandbox;
 * default-src 'none'`, and no caching.
 */
import type http from 'node:http';
import type { CallerRole } from '../contract/dispatcher';
import { STAFF } from '../contract/call-spec';
import { ServiceError } from '../contract/envelope';
import { downloadName, type DocumentLibrary } from '../services/documents/document-library';
import type { Logger } from '../services/log';

export const DOCUMENT_DOWNLOAD_PATH = /^\/api\/documents\/([A-Za-z0-9-]{1,64})\/fichier$/;

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 and 8187). */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const DOWNLOAD_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'",
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'private, no-store',
} as const;

export interface DocumentDownloadOptions {
  documents: () => DocumentLibrary;
  /** Who the request proves (the console channel's authentication), or null. */
  caller: (req: http.IncomingMessage, url: URL) => { role: CallerRole } | null;
  logger: Logger;
}

/** Answers the route when the path is its own; false otherwise. */
export function serveDocumentDownload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, options: DocumentDownloadOptions): boolean {
  const match = DOCUMENT_DOWNLOAD_PATH.exec(url.pathname);
  if (!match) return false;
  const plain = (status: number, text: string) =>
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...DOWNLOAD_HEADERS, ...(status === 405 ? { Allow: 'GET, HEAD' } : {}) }).end(text);
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'Méthode non permise'), true;
  const caller = options.caller(req, url);
  if (!caller) return plain(401, 'Connexion requise'), true;
  if (!STAFF.includes(caller.role)) return plain(403, 'Accès refusé'), true;
  try {
    const { meta, bytes } = options.documents().read(match[1]!);
    res.writeHead(200, {
      'Content-Type': meta.mime,
      'Content-Length': String(bytes.length),
      'Content-Disposition': contentDisposition(downloadName(meta)),
      ...DOWNLOAD_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'not_found') return plain(404, 'Document introuvable'), true;
    options.logger.error('document download failed', { error: String(error) });
    plain(500, 'Erreur interne : voir le journal de l’application.');
  }
  return true;
}
