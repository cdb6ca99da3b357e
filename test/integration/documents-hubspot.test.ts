/**
 * A document from the console to HubSpot, once: uploaded through the contract in parts, stored
 * once (content-addressed), then the stand-in receives the file (PRIVATE, in /Accueil/documents)
 * and one note with hs_attachment_ids on the contact — and still exactly one of each when the
 * connection is cut after HubSpot applied the upload or the note and the product restarts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentItem } from '../../electron/contract/documents-calls';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { startHubSpotStandIn, FIXTURE_CONTACT, type HubSpotStandIn } from '../support/hubspot-standin';
import { uploadDocument } from '../support/document-upload';
import { jpeg, pdf } from '../support/document-fixtures';

let hs: HubSpotStandIn;
let dir: string;
let accueil: Accueil;

const env = () => ({
  ACCUEIL_HUBSPOT_TOKEN: hs.token,
  ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl,
  ACCUEIL_HUBSPOT_POLL_MS: '1000',
  // Search lags writes by 300 ms: a lost answer is looked up for 2 s before anything is sent again.
  ACCUEIL_DOCUMENTS_LOOKUP_GRACE_MS: '2000',
  ACCUEIL_DOCUMENTS_RETRY_MS: '200',
});
let logger = createMemoryLogger();
const open = () => createAccueil({ dataDir: dir, mode: 'web', version: 'test', logger: (logger = createMemoryLogger()), env: env() });
const pushLog = () => logger.lines.filter((l) => String(l['scope'] ?? '').includes('documents') || String(l['msg']).includes('job')).map((l) => JSON.stringify(l)).join('\n');

async function call<T>(name: string, input: unknown): Promise<T> {
  const envelope = await accueil.dispatch(name, input, { access: 'agent' });
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A read of the product's database beside it (WAL: the product keeps writing). */
function read<T>(sql: string, ...params: unknown[]): T | undefined {
  const db = new Database(path.join(dir, 'accueil.db'), { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}
const jobState = (documentId: string) => read<{ state: string }>(`SELECT state FROM jobs WHERE queue = 'documents-hubspot' AND subject = ?`, documentId)?.state;

const notesOf = (documentId: string) => [...hs.state.table('notes').values()].filter((n) => n.properties['accueil_id'] === `document-${documentId}`);
const filesNamed = (documentId: string) => [...hs.state.files.values()].filter((f) => f.name.startsWith(`accueil-${documentId}`));

let contactId: string;
let contactHubspotId: string;

beforeAll(async () => {
  hs = await startHubSpotStandIn({ seed: { contacts: 20, companies: 4, engagements: 10 }, rateLimit: false, searchLagMs: 300 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-documents-hs-'));
  accueil = await open();
  await waitFor('the first sync', async () => (await call<{ lastSuccessAt: string | null }>('sync.status', {})).lastSuccessAt !== null);
  const contact = accueil.lookup(FIXTURE_CONTACT.e164).card?.contact;
  contactId = contact!.id;
  contactHubspotId = read<{ hubspot_id: string }>(`SELECT hubspot_id FROM contacts WHERE id = ?`, contactId)!.hubspot_id;
  expect(contactHubspotId).toBeTruthy();
}, 60_000);

afterAll(async () => {
  await accueil?.close();
  await hs?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('documents reach HubSpot once', () => {
  it('stores an upload once and sends its file (private) and one note with the attachment on the contact', async () => {
    // 1.2 MB: three parts over the contract.
    const bytes = Buffer.concat([pdf('Attestation d’entretien 2025'), Buffer.alloc(1_200_000, 0x20), Buffer.from('\n%%EOF\n')]);
    const doc = await uploadDocument(call, { bytes, name: 'Attestation entretien 2025.pdf', type: 'attestation_entretien', links: { contactId } });
    expect(doc).toMatchObject({ version: 1, mime: 'application/pdf', size: bytes.length, contactId, addedBy: { kind: 'console' } });
    const again = await uploadDocument(call, { bytes, name: 'Attestation entretien 2025.pdf', type: 'attestation_entretien', links: { contactId } });
    expect(again.version).toBe(2);
    expect(again.sha256).toBe(doc.sha256);
    const stored = fs.readdirSync(path.join(dir, 'documents'), { recursive: true }).filter((f) => String(f).endsWith(doc.sha256));
    expect(stored).toHaveLength(1);

    const note = await waitFor('the note', () => notesOf(doc.id)[0]);
    const [file] = filesNamed(doc.id);
    expect(file).toMatchObject({ access: 'PRIVATE', parentFolderPath: '/Accueil/documents', extension: 'pdf', size: bytes.length });
    expect(file!.bytes.equals(bytes)).toBe(true);
    expect(note.properties['hs_attachment_ids']).toBe(file!.id);
    expect(note.properties['hs_timestamp']).toBe(doc.createdAt);
    expect(note.properties['hs_note_body']).toContain('Attestation entretien 2025.pdf');
    expect(hs.state.associationsOf('notes', note.id, 'contacts').map((a) => a.toId)).toEqual([contactHubspotId]);
    await waitFor('both versions sent', () => notesOf(again.id).length === 1);
    const listed = await call<DocumentItem[]>('documents.list', { kind: 'contact', id: contactId });
    await waitFor('marked sent', async () => (await call<DocumentItem[]>('documents.list', { kind: 'contact', id: contactId })).every((d) => d.inHubSpot));
    expect(listed.map((d) => d.version)).toEqual([2, 1]);
  }, 60_000);

  it('sends the file once when the connection is cut after HubSpot stored it, across a restart', async () => {
    const gate = hs.gate({ method: 'POST', path: /^\/files\/v3\/files$/ }, 'after');
    const doc = await uploadDocument(call, { bytes: jpeg(40_000), name: 'chaudière.jpg', links: { contactId } });
    await gate.reached;
    gate.cut();
    await waitFor('the cut seen', () => jobState(doc.id) === 'in_flight').catch((error: Error) => {
      throw new Error(`${error.message}: job ${jobState(doc.id)}\n${pushLog()}`);
    });
    await accueil.close();
    expect(filesNamed(doc.id)).toHaveLength(1);
    expect(notesOf(doc.id)).toHaveLength(0);
    accueil = await open();
    await waitFor('the note after the restart', () => notesOf(doc.id).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(filesNamed(doc.id)).toHaveLength(1);
    expect(notesOf(doc.id)[0]!.properties['hs_attachment_ids']).toBe(filesNamed(doc.id)[0]!.id);
  }, 60_000);

  it('creates the note once when the connection is cut after HubSpot created it, across a restart', async () => {
    const gate = hs.gate({ method: 'POST', path: /^\/crm\/v3\/objects\/notes$/ }, 'after');
    const doc = await uploadDocument(call, { bytes: pdf('Rapport'), name: 'Rapport d’intervention.pdf', type: 'rapport_intervention', links: { contactId } });
    await gate.reached;
    gate.cut();
    await waitFor('the cut seen', () => jobState(doc.id) === 'in_flight');
    await accueil.close();
    expect(notesOf(doc.id)).toHaveLength(1);
    accueil = await open();
    await waitFor('recorded after the restart', async () => (await call<DocumentItem[]>('documents.list', { kind: 'contact', id: contactId })).find((d) => d.id === doc.id)?.inHubSpot);
    // Past the lookup grace: nothing more is sent.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(notesOf(doc.id)).toHaveLength(1);
    expect(filesNamed(doc.id)).toHaveLength(1);
  }, 60_000);
});
