import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type AccueilStore } from '../store';
import { EventBus } from '../event-bus';
import { createMemoryLogger } from '../log';
import { ServiceError } from '../../contract/envelope';
import { ContentStore } from '../shared/content-store';
import { documentsMigrations } from './documents-migrations';
import { DocumentsRepository } from './documents-repository';
import { DocumentLibrary, downloadName } from './document-library';
import { DEFAULT_UPLOAD_LIMITS } from './upload-check';
import { jpeg, pdf } from '../../../test/support/document-fixtures';

let dir: string;
let store: AccueilStore;
let library: DocumentLibrary;
let logger: ReturnType<typeof createMemoryLogger>;
let pushed: string[];
let now = new Date('2026-03-10T09:00:00Z');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-documents-'));
  store = openStore(path.join(dir, 'accueil.db'), { clock: () => now });
  store.database.migrateArea('documents', documentsMigrations);
  logger = createMemoryLogger('info');
  pushed = [];
  library = new DocumentLibrary({
    repository: store.repository(DocumentsRepository),
    content: ContentStore.under(dir, 'documents'),
    limits: () => DEFAULT_UPLOAD_LIMITS,
    enqueuePush: (id) => pushed.push(id),
    events: new EventBus(),
    logger,
  });
  store.companies.insert({ id: 'co1', name: 'SCI Les Tilleuls' });
  store.contacts.insert({ id: 'c1', firstName: 'Sophie', lastName: 'Martin', companyId: 'co1' });
  store.contacts.insert({ id: 'c2', firstName: 'Paul', lastName: 'Durand' });
  store.tickets.insert({ id: 't1', subject: 'Fuite chaudière', contactId: 'c1', companyId: 'co1' });
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const by = { kind: 'console' as const, name: 'Claire' };

describe('documents migration', () => {
  it('creates the index on a fresh database and keeps one row per version of a name on a record', () => {
    const tables = store.database.prepare<{ name: string }>(`SELECT name FROM sqlite_master WHERE name LIKE 'documents%' ORDER BY name`).all().map((r) => r.name);
    expect(tables).toContain('documents');
    expect(tables).toContain('documents_fts');
    const repository = store.repository(DocumentsRepository);
    const row = { id: 'd1', name: 'a.pdf', type: 'devis' as const, mime: 'application/pdf', extension: 'pdf', size: 3, sha256: 'a'.repeat(64), recordKind: 'contact' as const, recordId: 'c1', contactId: 'c1', companyId: null, interventionId: null, quoteId: null, ticketId: null, addedByKind: 'console' as const, addedById: null, addedByName: null, sourceKey: 'k' };
    store.transaction(() => repository.insert(row));
    expect(() => store.transaction(() => repository.insert({ ...row, id: 'd2' }))).toThrow(/UNIQUE/);
  });
});

describe('DocumentLibrary', () => {
  it('stores a content once, however many documents hold it, readable by its owner only', () => {
    const a = library.add({ bytes: pdf(), name: 'devis.pdf', type: 'devis', links: { contactId: 'c1' }, addedBy: by });
    const b = library.add({ bytes: pdf(), name: 'copie du devis.pdf', type: 'devis', links: { contactId: 'c2' }, addedBy: by });
    expect(a.sha256).toBe(b.sha256);
    const files = fs.readdirSync(path.join(dir, 'documents'), { recursive: true }).filter((f) => String(f).endsWith(a.sha256));
    expect(files).toHaveLength(1);
    const file = ContentStore.under(dir, 'documents').pathOf(a.sha256);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(library.read(a.id).bytes.equals(pdf())).toBe(true);
    expect(pushed).toEqual([a.id, b.id]);
  });

  it('numbers a new upload of the same name on the same record as the next version, keeping the old one', () => {
    const v1 = library.add({ bytes: pdf('v1'), name: 'Plan RDC.pdf', type: 'plan', links: { companyId: 'co1' }, addedBy: by });
    now = new Date('2026-03-11T09:00:00Z');
    const v2 = library.add({ bytes: pdf('v2'), name: 'plan rdc.PDF', type: 'plan', links: { companyId: 'co1' }, addedBy: by });
    const other = library.add({ bytes: pdf('v1'), name: 'Plan RDC.pdf', type: 'plan', links: { contactId: 'c2' }, addedBy: by });
    expect([v1.version, v2.version, other.version]).toEqual([1, 2, 1]);
    expect(library.listFor({ kind: 'company', id: 'co1' }).map((d) => [d.name, d.version])).toEqual([
      ['plan rdc.PDF', 2],
      ['Plan RDC.pdf', 1],
    ]);
    expect(library.countFor({ kind: 'company', id: 'co1' })).toBe(1);
    expect(library.read(v1.id).bytes.equals(pdf('v1'))).toBe(true);
  });

  it('links a ticket’s document to its contact and company, and records who added it and when', () => {
    const doc = library.add({ bytes: jpeg(), name: 'fuite.jpg', links: { ticketId: 't1' }, addedBy: { kind: 'mail', name: 'sophie@example.fr' } });
    expect(doc).toMatchObject({ type: 'photo', mime: 'image/jpeg', recordKind: 'ticket', recordId: 't1', ticketId: 't1', contactId: 'c1', companyId: 'co1', addedByKind: 'mail', createdAt: now.toISOString() });
    expect(library.countFor({ kind: 'contact', id: 'c1' })).toBe(1);
    expect(library.countFor({ kind: 'ticket', id: 't1' })).toBe(1);
  });

  it('finds documents by name without accents, and by type', () => {
    library.add({ bytes: pdf('a'), name: 'Attestation d’entretien chaudière 2025.pdf', type: 'attestation_entretien', links: { contactId: 'c1' }, addedBy: by });
    library.add({ bytes: pdf('b'), name: 'Facture F-2025-118.pdf', type: 'facture', links: { contactId: 'c1' }, addedBy: by });
    expect(library.search({ text: 'chaudiere' }).map((d) => d.name)).toEqual(['Attestation d’entretien chaudière 2025.pdf']);
    expect(library.search({ text: 'F-2025' }).map((d) => d.type)).toEqual(['facture']);
    expect(library.search({ type: 'attestation_entretien' })).toHaveLength(1);
    expect(library.search({ text: 'facture', type: 'devis' })).toHaveLength(0);
  });

  it('refuses a file from its bytes, logs why, and keeps nothing', () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]);
    let refusal: unknown;
    try {
      library.add({ bytes: exe, name: 'facture.pdf', links: { contactId: 'c1' }, addedBy: by });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ServiceError);
    expect((refusal as ServiceError).reason).toBe('documents.executable');
    expect(logger.lines.find((l) => l['msg'] === 'document refused')).toMatchObject({ reason: 'documents.executable', name: 'facture.pdf', record: 'contact:c1' });
    expect(library.listFor({ kind: 'contact', id: 'c1' })).toHaveLength(0);
    expect(fs.existsSync(path.join(dir, 'documents'))).toBe(false);
    expect(pushed).toHaveLength(0);
  });

  it('refuses a document on no record, or on a record that does not exist', () => {
    expect(() => library.add({ bytes: pdf(), name: 'x.pdf', links: {}, addedBy: by })).toThrow(/fiche/);
    expect(() => library.add({ bytes: pdf(), name: 'x.pdf', links: { contactId: 'nobody' }, addedBy: by })).toThrow(/n’existe plus/);
  });

  it('keeps one document per source key (an e-mail attachment read twice)', () => {
    const a = library.add({ bytes: pdf(), name: 'devis.pdf', links: { ticketId: 't1' }, addedBy: by, sourceKey: 'mail:<m1@x>:0' });
    const b = library.add({ bytes: pdf(), name: 'devis.pdf', links: { ticketId: 't1' }, addedBy: by, sourceKey: 'mail:<m1@x>:0' });
    expect(b.id).toBe(a.id);
    expect(library.listFor({ kind: 'ticket', id: 't1' })).toHaveLength(1);
  });

  it('names a download after the bytes: a JPEG sent as « photo.pdf » downloads as photo.pdf.jpg', () => {
    const doc = library.add({ bytes: jpeg(), name: 'photo.pdf', links: { contactId: 'c1' }, addedBy: by });
    expect(downloadName(doc)).toBe('photo.pdf.jpg');
    expect(downloadName({ name: 'IMG_1.jpeg', extension: 'jpg' })).toBe('IMG_1.jpeg');
  });
});
