/**
 * Downloads over real HTTP, from the console's web host: only as attachments, typed from the bytes,
 * sandboxed — an uploaded file never runs in anyone's browser — and only for the console's own
 * callers (not the wall screen, not a stranger).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentItem } from '../../electron/contract/documents-calls';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { contentDisposition } from '../../electron/host/document-download';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { uploadDocument } from '../support/document-upload';
import { jpeg, pdf } from '../support/document-fixtures';

let dir: string;
let accueil: Accueil;
let host: WebHost;
let origin: string;
let contactId: string;

async function call<T>(name: string, input: unknown): Promise<T> {
  const envelope = await accueil.dispatch(name, input, { access: 'agent' });
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-documents-dl-'));
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Accueil</title>');
  accueil = await createAccueil({ dataDir: path.join(dir, 'data'), mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false, demoContacts: 20 });
  host = await startWebHost({ dispatch: accueil.dispatch, events: accueil.events, logger: createMemoryLogger(), staticDir, services: { port: (name) => accueil.port(name) } });
  origin = new URL(host.url).origin;
  const found = await call<Array<{ type: string; id: string }>>('directory.search', { query: 'a', limit: 12 });
  contactId = found.find((r) => r.type === 'contact')!.id;
}, 60_000);

afterAll(async () => {
  await host?.close();
  await accueil?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const bearer = () => ({ Authorization: `Bearer ${host.token}` });

describe('GET /api/documents/<id>/fichier', () => {
  it('serves a PDF as an attachment, typed from its bytes, sandboxed, not cached', async () => {
    const doc = await uploadDocument(call, { bytes: pdf('Facture'), name: 'Facture n°118 — été.pdf', type: 'facture', links: { contactId } });
    const res = await fetch(`${origin}/api/documents/${doc.id}/fichier`, { headers: bearer() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Facture n_118 _ ete.pdf"; filename*=UTF-8''Facture%20n%C2%B0118%20%E2%80%94%20%C3%A9t%C3%A9.pdf`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf('Facture'))).toBe(true);
  });

  it('serves what the bytes are, not what the name says: a JPEG named .pdf is image/jpeg, saved as .pdf.jpg', async () => {
    const doc = await uploadDocument(call, { bytes: jpeg(3_000), name: 'devis.pdf', links: { contactId } });
    const res = await fetch(`${origin}/api/documents/${doc.id}/fichier`, { headers: bearer() });
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''devis.pdf.jpg`);
  });

  it('never serves inline: every answer, even a refusal, carries nosniff and the sandbox', async () => {
    for (const [url, headers, status] of [
      [`${origin}/api/documents/nope/fichier`, bearer(), 404],
      [`${origin}/api/documents/nope/fichier`, {}, 401],
    ] as const) {
      const res = await fetch(url, { headers });
      expect(res.status).toBe(status);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    }
  });

  it('refuses a stranger, a wrong token, the wall screen’s read-only token, and a POST', async () => {
    const docs = await call<DocumentItem[]>('documents.list', { kind: 'contact', id: contactId });
    const url = `${origin}/api/documents/${docs[0]!.id}/fichier`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { Authorization: 'Bearer pas-le-bon-jeton-pas-le-bon-jeton' } })).status).toBe(401);
    expect((await fetch(url, { headers: { Authorization: `Bearer ${host.readOnlyToken}` } })).status).toBe(403);
    expect((await fetch(url, { method: 'POST', headers: bearer() })).status).toBe(405);
    expect((await fetch(`${url}?token=${host.token}`)).status).toBe(200);
  });

  it('refuses an upload that is not what it claims, over the contract, with a reason', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const begun = await call<{ uploadId: string }>('documents.beginUpload', { name: 'plan.png', size: svg.length, links: { contactId } });
    await call('documents.uploadPart', { uploadId: begun.uploadId, index: 0, data: svg.toString('base64') });
    const envelope = await accueil.dispatch('documents.finishUpload', { uploadId: begun.uploadId }, { access: 'agent' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad_request', reason: 'documents.markup' } });
    const tooBig = await accueil.dispatch('documents.beginUpload', { name: 'film.pdf', size: 21 * 1024 * 1024, links: { contactId } }, { access: 'agent' });
    expect(tooBig).toMatchObject({ ok: false, error: { reason: 'documents.too_large', params: { max: 20 } } });
    const wall = await accueil.dispatch('documents.beginUpload', { name: 'a.pdf', size: 10, links: { contactId } }, { access: 'read-only' });
    expect(wall).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name (RFC 6266 / 8187)', () => {
    expect(contentDisposition('a"b\\c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
    expect(contentDisposition("l'été (1).txt")).toBe(`attachment; filename="l'ete (1).txt"; filename*=UTF-8''l%27%C3%A9t%C3%A9%20%281%29.txt`);
  });
});
