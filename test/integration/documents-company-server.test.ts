/**
 * Documents on the company server (`accueil serve --config`), as agents reach it: a 1.2 MB file
 * sent in parts over a session's WebSocket (frames stay under the 1 MB limit), recorded as added by
 * the account; downloaded with the session (cookie or bearer) as a sandboxed attachment; another
 * agent cannot finish or feed someone else's upload; a technician's session, an ended session and
 * no session get nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentItem } from '../../electron/contract/documents-calls';
import { choosePassword, startCompanyServer, type CompanyServer } from '../support/company-server';
import { openContractSocket, type ContractSocket } from '../support/contract-socket';
import { uploadDocument } from '../support/document-upload';
import { pdf } from '../support/document-fixtures';

let server: CompanyServer;
let claire: ContractSocket;
let paul: ContractSocket;
const sessions = new Map<string, string>();

async function login(name: string): Promise<string> {
  const answer = await fetch(`${server.origin}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: name, password: `${name} au standard 2026` }) });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { token: string }).token;
}

const over = (socket: ContractSocket) => async <T>(name: string, input: unknown): Promise<T> => {
  const answer = await socket.call(name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error?.code} ${answer.error?.reason ?? ''} ${answer.error?.message ?? ''}`);
  return answer.value as T;
};

beforeAll(async () => {
  server = await startCompanyServer([
    { login: 'claire', role: 'agent', name: 'Claire Martin' },
    { login: 'paul', role: 'agent', name: 'Paul Durand' },
    { login: 'tom', role: 'technician', name: 'Tom Leroux' },
  ]);
  for (const name of ['claire', 'paul', 'tom']) {
    await choosePassword(server, name, `${name} au standard 2026`);
    sessions.set(name, await login(name));
  }
  claire = await openContractSocket(server.origin, { session: sessions.get('claire')! });
  paul = await openContractSocket(server.origin, { session: sessions.get('paul')! });
}, 90_000);

afterAll(async () => {
  claire?.close();
  paul?.close();
  await server?.stop();
});

describe('documents on the company server', () => {
  let doc: DocumentItem;
  const bytes = Buffer.concat([pdf('Devis DV-2026-00042'), Buffer.alloc(1_200_000, 0x20), Buffer.from('\n%%EOF\n')]);

  it('takes a file in parts over a session’s socket, recorded as added by the account', async () => {
    const hits = await over(claire)<Array<{ type: string; id: string }>>('directory.search', { query: 'a', limit: 12 });
    const contactId = hits.find((h) => h.type === 'contact')!.id;
    doc = await uploadDocument(over(claire), { bytes, name: 'Devis DV-2026-00042.pdf', type: 'devis', links: { contactId } });
    expect(doc).toMatchObject({ size: bytes.length, type: 'devis', version: 1, addedBy: { kind: 'account', name: 'Claire Martin' } });
    const listed = await over(paul)<DocumentItem[]>('documents.list', { kind: 'contact', id: contactId });
    expect(listed.map((d) => d.id)).toEqual([doc.id]);
  });

  it('serves it to a session, by bearer or cookie, as a sandboxed attachment', async () => {
    const url = `${server.origin}/api/documents/${doc.id}/fichier`;
    const ways: Array<Record<string, string>> = [{ Authorization: `Bearer ${sessions.get('paul')}` }, { Cookie: `accueil_session=${encodeURIComponent(sessions.get('claire')!)}` }];
    for (const headers of ways) {
      const res = await fetch(url, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Devis DV-2026-00042.pdf"; filename*=UTF-8''Devis%20DV-2026-00042.pdf`);
      expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it('keeps an upload to the agent who began it', async () => {
    const begun = await over(claire)<{ uploadId: string }>('documents.beginUpload', { name: 'a.txt', size: 5, links: { contactId: doc.contactId } });
    const fed = await paul.call('documents.uploadPart', { uploadId: begun.uploadId, index: 0, data: Buffer.from('hello').toString('base64') });
    expect(fed).toMatchObject({ ok: false, error: { code: 'not_found', reason: 'documents.upload_unknown' } });
    const finished = await paul.call('documents.finishUpload', { uploadId: begun.uploadId });
    expect(finished).toMatchObject({ ok: false, error: { reason: 'documents.upload_unknown' } });
    // Still Claire's, untouched.
    await over(claire)('documents.uploadPart', { uploadId: begun.uploadId, index: 0, data: Buffer.from('hello').toString('base64') });
    expect(await over(claire)<DocumentItem>('documents.finishUpload', { uploadId: begun.uploadId })).toMatchObject({ name: 'a.txt', mime: 'text/plain; charset=utf-8' });
  });

  it('gives nothing to a technician’s session, an ended session, or no session', async () => {
    const url = `${server.origin}/api/documents/${doc.id}/fichier`;
    expect((await fetch(url, { headers: { Authorization: `Bearer ${sessions.get('tom')}` } })).status).toBe(401);
    expect((await fetch(url)).status).toBe(401);
    const ended = await login('paul');
    await fetch(`${server.origin}/api/session`, { method: 'DELETE', headers: { Authorization: `Bearer ${ended}` } });
    expect((await fetch(url, { headers: { Authorization: `Bearer ${ended}` } })).status).toBe(401);
  });
});
