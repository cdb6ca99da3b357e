/**
 * The portal's rules on a real SQLite store, with an injected clock: sign-in links (same work for a
 * known and an unknown address, single use, 15 minutes, forged and cross-purpose tokens refused),
 * sessions (idle, absolute, signing out), whose records a customer reaches (their own, and a
 * company's only when HubSpot associates them), and the evidence of an accepted quote.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus';
import { createMemoryLogger } from '../log';
import { openStore, type AccueilStore } from '../store';
import { JobQueue } from '../jobs/job-queue';
import { createLinkSigner, type LinkSigner } from '../shared/signed-links';
import type { OutgoingMessage } from '../templates/email-composer';
import type { OutboxKind } from '../crm/outbox-port';
import { MemorySecrets } from '../../../test/support/memory-secrets';
import { portalMigrations } from './portal-migrations';
import { PortalRepository } from './portal-repository';
import { LINK_MINUTES, PortalSignIn } from './portal-sign-in';
import { PORTAL_QUEUE, PortalDesk, type Customer, type PortalDocument, type PortalDocumentsPort } from './portal-desk';
import { quoteVersion } from './quote-version';

/** Tuesday 24 November 2026, 10:00 in Paris. */
const T0 = new Date('2026-11-24T09:00:00Z');
const MIN = 60_000;

let store: AccueilStore;
let now: Date;
let links: LinkSigner;
let sent: OutgoingMessage[];
let queued: Array<{ kind: OutboxKind; localId: string; op: string }>;
let desk: PortalDesk;
let queue: JobQueue;
let active: boolean;
let library: PortalDocumentsPort | null;

const advance = (ms: number) => (now = new Date(now.getTime() + ms));

function person(first: string, last: string, email: string, hubspotId: string): string {
  const id = store.contacts.create({ firstName: first, lastName: last, email, companyId: null, phone: null }).id;
  store.database.prepare(`UPDATE contacts SET hubspot_id = ? WHERE id = ?`).run(hubspotId, id);
  return id;
}

function company(name: string, hubspotId: string): string {
  const id = store.companies.insert({ name });
  store.database.prepare(`UPDATE companies SET hubspot_id = ? WHERE id = ?`).run(hubspotId, id);
  return id;
}

/** HubSpot's association as the sync mirrors it. */
const associate = (contactHubspotId: string, companyHubspotId: string) =>
  store.database.prepare(`INSERT INTO crm_associations (from_type, from_id, to_type, to_id) VALUES ('contacts', ?, 'companies', ?)`).run(contactHubspotId, companyHubspotId);

async function signIn(email: string): Promise<Customer & { cookie: string }> {
  const before = sent.length;
  expect(desk.askForLink(email, '203.0.113.7')).toBe(true);
  await queue.runDue();
  expect(sent).toHaveLength(before + 1);
  const token = /\/portail\/entrer\/(\S+)/.exec(sent[sent.length - 1]!.text)![1]!;
  const used = desk.useLink(token, '203.0.113.7', 'Test');
  if (!used.ok) throw new Error(`link refused: ${used.state}`);
  return { ...desk.customer(used.session.token)!, cookie: used.session.token };
}

let francois: string;
let sophie: string;
let syndic: string;

beforeEach(() => {
  now = T0;
  store = openStore(':memory:', { clock: () => now });
  store.database.migrateArea('portal', portalMigrations);
  sent = [];
  queued = [];
  active = true;
  library = null;
  const secrets = new MemorySecrets();
  links = createLinkSigner(secrets, { now: () => now });
  const repo = new PortalRepository(store.database, () => now);
  desk = new PortalDesk({
    repo,
    signIn: new PortalSignIn(repo, links, () => now),
    clock: () => now,
    publicUrl: 'https://accueil.example.fr',
    mail: () => ({ unavailable: () => null, fromAddress: () => 'accueil@example.fr', send: async (m) => (sent.push(m), { messageId: null }) }),
    outbox: () => ({ enqueue: (item) => queued.push(item) }),
    tickets: () => ({
      insert: (input) => store.tickets.insert({ subject: input.subject, description: input.description, status: input.status, priority: input.priority, category: input.category, contactId: input.contactId, companyId: input.companyId }),
      announce: () => {},
    }),
    invoices: () => null,
    surveys: () => [],
    documents: () => library,
    events: new EventBus(),
    logger: createMemoryLogger(),
    active: () => active,
    wonStage: 'closedwon',
  });
  queue = new JobQueue({
    queue: PORTAL_QUEUE,
    jobs: desk.jobs,
    handlers: { 'sign-in-link': (run) => desk.sendLink(run), 'deal-stage': async (run) => run.complete() },
    classify: (error) => ({ message: String(error), outcomeUnknown: false }),
    clock: () => now,
  });
  francois = person('François', 'Lefèvre', 'francois.lefevre@example.fr', '101');
  sophie = person('Sophie', 'Martin', 'sophie.martin@example.fr', '102');
  person('Paul', 'Girard', 'p.girard@syndic-girard.fr', '103');
  syndic = company('Syndic Girard', '201');
  associate('103', '201');
});

describe('signing in by e-mail link', () => {
  it('does the same work for a known and an unknown address, and only the known one gets an e-mail', async () => {
    expect(desk.askForLink('Francois.Lefevre@example.fr ', '203.0.113.7')).toBe(true);
    expect(desk.askForLink('personne@example.fr', '203.0.113.7')).toBe(true);
    const rows = store.database.prepare<{ contact_id: string | null; email: string | null }>(`SELECT contact_id, email FROM portal_links ORDER BY requested_at, rowid`).all();
    expect(rows).toEqual([
      { contact_id: francois, email: 'francois.lefevre@example.fr' },
      // The unknown address is not kept.
      { contact_id: null, email: null },
    ]);
    expect(desk.jobs.count(PORTAL_QUEUE)).toBe(2);
    await queue.runDue();
    expect(sent.map((m) => m.to)).toEqual(['francois.lefevre@example.fr']);
    expect(sent[0]!.text).toMatch(/^Bonjour François,/);
    expect(sent[0]!.headers?.['Auto-Submitted']).toBe('auto-generated');
    expect(desk.jobs.count(PORTAL_QUEUE)).toBe(0);
  });

  it('refuses what is not an address', () => {
    expect(desk.askForLink('francois', '203.0.113.7')).toBe(false);
    expect(store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM portal_links`).get()!.n).toBe(0);
  });

  it('opens one session with a link, once: replayed, the link is refused', async () => {
    desk.askForLink('francois.lefevre@example.fr', '203.0.113.7');
    await queue.runDue();
    const token = /\/portail\/entrer\/(\S+)/.exec(sent[0]!.text)![1]!;
    expect(desk.checkLink(token).state).toBe('ok');
    // Checking spends nothing (a mail scanner fetching the page).
    expect(desk.checkLink(token).state).toBe('ok');
    const first = desk.useLink(token, '203.0.113.7', 'Firefox');
    expect(first.ok).toBe(true);
    expect(desk.useLink(token, '203.0.113.7', 'Firefox')).toEqual({ ok: false, state: 'used' });
    expect(desk.checkLink(token).state).toBe('used');
    const session = first.ok ? first.session : null;
    expect(desk.customer(session!.token)?.contact.id).toBe(francois);
    // Only the cookie's digest is stored.
    expect(store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM portal_sessions WHERE token_hash = ?`).get(session!.token)!.n).toBe(0);
  });

  it(`refuses a link after ${LINK_MINUTES} minutes`, async () => {
    desk.askForLink('francois.lefevre@example.fr', '203.0.113.7');
    await queue.runDue();
    const token = /\/portail\/entrer\/(\S+)/.exec(sent[0]!.text)![1]!;
    advance(LINK_MINUTES * MIN - 1_000);
    expect(desk.checkLink(token).state).toBe('ok');
    advance(1_000);
    expect(desk.useLink(token, '203.0.113.7', null)).toEqual({ ok: false, state: 'expired' });
  });

  it('does not send a link whose time has passed before the queue ran, nor from the demo workspace', async () => {
    desk.askForLink('francois.lefevre@example.fr', '203.0.113.7');
    advance(LINK_MINUTES * MIN);
    await queue.runDue();
    active = false;
    desk.askForLink('francois.lefevre@example.fr', '203.0.113.7');
    await queue.runDue();
    expect(sent).toHaveLength(0);
  });

  it('refuses forged, edited and cross-purpose tokens', async () => {
    desk.askForLink('francois.lefevre@example.fr', '203.0.113.7');
    await queue.runDue();
    const token = /\/portail\/entrer\/(\S+)/.exec(sent[0]!.text)![1]!;
    const linkId = store.database.prepare<{ id: string }>(`SELECT id FROM portal_links`).get()!.id;
    const edited = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    // A survey link of the same server, for the same subject: authentic, but not a sign-in link.
    const survey = links.sign({ purpose: 'survey', subject: linkId, expiresAt: new Date(now.getTime() + 60 * MIN) });
    // A token signed for an unknown address's row (no person): refused too.
    desk.askForLink('personne@example.fr', '203.0.113.7');
    const unknownRow = store.database.prepare<{ id: string }>(`SELECT id FROM portal_links WHERE contact_id IS NULL`).get()!.id;
    const forUnknown = links.sign({ purpose: 'portal-login', subject: unknownRow, expiresAt: new Date(now.getTime() + 10 * MIN) });
    for (const bad of [edited, survey, forUnknown, 'k1.portal-login.zzzzzz.YWJj.AAAA', '']) {
      expect(desk.useLink(bad, '203.0.113.7', null).ok).toBe(false);
    }
    expect(store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM portal_sessions`).get()!.n).toBe(0);
  });
});

describe('sessions', () => {
  it('end after an hour unused, after 12 hours in all, and when the customer signs out', async () => {
    const { cookie } = await signIn('francois.lefevre@example.fr');
    // Used every 50 minutes: still open until 12 hours after signing in, then over.
    while (now.getTime() + 50 * MIN < T0.getTime() + 12 * 60 * MIN) {
      advance(50 * MIN);
      expect(desk.customer(cookie)).not.toBeNull();
    }
    advance(50 * MIN);
    expect(desk.customer(cookie)).toBeNull();
    expect(store.database.prepare<{ end_reason: string }>(`SELECT end_reason FROM portal_sessions ORDER BY created_at LIMIT 1`).get()!.end_reason).toBe('expired');
    // Unused for an hour: over.
    const idle = await signIn('francois.lefevre@example.fr');
    advance(59 * MIN);
    expect(desk.customer(idle.cookie)).not.toBeNull();
    advance(60 * MIN);
    expect(desk.customer(idle.cookie)).toBeNull();
    // Signed out: over.
    const out = await signIn('francois.lefevre@example.fr');
    desk.signOut(out);
    expect(desk.customer(out.cookie)).toBeNull();
    expect(store.database.prepare<{ end_reason: string }>(`SELECT end_reason FROM portal_sessions WHERE token_hash = ?`).get(out.sessionHash)!.end_reason).toBe('signed_out');
  });

  it('opens nothing for a made-up or missing cookie', async () => {
    expect(desk.customer('x'.repeat(43))).toBeNull();
    expect(desk.customer(undefined)).toBeNull();
  });
});

describe('whose records a customer reaches', () => {
  it('their own, and a company’s only when HubSpot associates them', async () => {
    const own = store.interventions.insert({ kind: 'Entretien chaudière', scheduledAt: new Date(now.getTime() + 86_400_000).toISOString(), contactId: francois, status: 'planifiee' });
    const other = store.interventions.insert({ kind: 'Dépannage', scheduledAt: new Date(now.getTime() + 86_400_000).toISOString(), contactId: sophie, status: 'planifiee' });
    const building = store.interventions.insert({ kind: 'Visite de la chaufferie', scheduledAt: new Date(now.getTime() + 86_400_000).toISOString(), companyId: syndic, status: 'planifiee' });
    // Sophie's record names the syndic as her company, but HubSpot does not associate her with it.
    store.database.prepare(`UPDATE contacts SET company_id = ? WHERE id = ?`).run(syndic, sophie);

    const f = await signIn('francois.lefevre@example.fr');
    const s = await signIn('sophie.martin@example.fr');
    const g = await signIn('p.girard@syndic-girard.fr');
    expect(desk.overview(f).upcoming.map((i) => i.id)).toEqual([own]);
    expect(desk.overview(s).upcoming.map((i) => i.id)).toEqual([other]);
    expect(desk.overview(g).upcoming.map((i) => i.id)).toEqual([building]);
    expect(g.companies).toEqual(['Syndic Girard']);
    // Id substitution: each sees only their own.
    expect(desk.intervention(f, other)).toBeNull();
    expect(desk.intervention(f, building)).toBeNull();
    expect(desk.intervention(s, building)).toBeNull();
    expect(desk.intervention(g, own)).toBeNull();
    expect(desk.intervention(g, building)?.id).toBe(building);
    // HubSpot removes the association: the company's records go with the next request.
    store.database.prepare(`DELETE FROM crm_associations WHERE from_id = '103'`).run();
    const later = desk.customer(g.cookie)!;
    expect(later.scope.companyIds).toEqual([]);
    expect(desk.intervention(later, building)).toBeNull();
    expect(desk.overview(later).upcoming).toEqual([]);
  });
});

describe('accepting a quote', () => {
  let quoteId: string;

  beforeEach(() => {
    quoteId = store.quotes.insert({ number: 'DV-2026-00042', title: 'Remplacement chaudière', amountCents: 485_000, status: 'envoye', contactId: francois, sentAt: '2026-11-20T10:00:00.000Z', validUntil: '2026-12-20', hubspotId: '301' });
  });

  it('keeps the evidence, marks the quote accepted, writes the note and queues HubSpot, in one go', async () => {
    const f = await signIn('francois.lefevre@example.fr');
    const view = desk.quote(f, quoteId)!;
    expect(view.blocked).toBeNull();
    const result = desk.accept(f, quoteId, { typedName: '  François  Lefèvre ', agreed: true, version: view.version, ip: '203.0.113.7', userAgent: 'Mobile Safari' });
    expect(result.ok).toBe(true);
    expect(store.quotes.get(quoteId)!.status).toBe('accepte');
    const evidence = desk.quote(f, quoteId)!.acceptance!;
    expect(evidence).toMatchObject({ typedName: 'François Lefèvre', ip: '203.0.113.7', userAgent: 'Mobile Safari', acceptedAt: T0.toISOString(), versionHash: view.version, signerContactRef: francois, signerEmail: 'francois.lefevre@example.fr' });
    expect(quoteVersion({ ...JSON.parse(evidence.content), documents: [] })).toBe(evidence.versionHash);
    expect(queued).toEqual([{ kind: 'note', localId: evidence.noteId, op: 'create' }]);
    const note = store.database.prepare<{ body: string; contact_id: string }>(`SELECT body, contact_id FROM notes WHERE id = ?`).get(evidence.noteId!)!;
    expect(note.contact_id).toBe(francois);
    expect(note.body).toContain('Devis DV-2026-00042 accepté en ligne');
    expect(note.body).toContain('Nom saisi : François Lefèvre');
    expect(note.body).toContain('depuis l’adresse 203.0.113.7');
    expect(desk.jobs.due(PORTAL_QUEUE, now).map((j) => [j.kind, j.subject])).toEqual([['deal-stage', quoteId]]);
    // Twice: nothing more.
    expect(desk.accept(f, quoteId, { typedName: 'François Lefèvre', agreed: true, version: view.version, ip: '203.0.113.7', userAgent: null })).toEqual({ ok: false, why: 'not_open' });
    expect(queued).toHaveLength(1);
  });

  it('keeps the evidence append-only', async () => {
    const f = await signIn('francois.lefevre@example.fr');
    desk.accept(f, quoteId, { typedName: 'François Lefèvre', agreed: true, version: desk.quote(f, quoteId)!.version, ip: '203.0.113.7', userAgent: null });
    expect(() => store.database.prepare(`UPDATE portal_quote_acceptances SET typed_name = 'Quelqu’un d’autre'`).run()).toThrow(/append-only/);
    expect(() => store.database.prepare(`DELETE FROM portal_quote_acceptances`).run()).toThrow(/append-only/);
  });

  it('refuses a quote changed since the page was read, without the name or the box, or past its validity — writing nothing', async () => {
    const f = await signIn('francois.lefevre@example.fr');
    const read = desk.quote(f, quoteId)!.version;
    store.database.prepare(`UPDATE quotes SET amount_cents = 495000 WHERE id = ?`).run(quoteId);
    expect(desk.accept(f, quoteId, { typedName: 'François Lefèvre', agreed: true, version: read, ip: '203.0.113.7', userAgent: null })).toEqual({ ok: false, why: 'changed' });
    const current = desk.quote(f, quoteId)!.version;
    expect(current).not.toBe(read);
    expect(desk.accept(f, quoteId, { typedName: '   ', agreed: true, version: current, ip: '203.0.113.7', userAgent: null })).toEqual({ ok: false, why: 'name_missing' });
    expect(desk.accept(f, quoteId, { typedName: 'François Lefèvre', agreed: false, version: current, ip: '203.0.113.7', userAgent: null })).toEqual({ ok: false, why: 'not_agreed' });
    now = new Date('2026-12-21T09:00:00Z');
    expect(desk.quote(f, quoteId)!.blocked).toBe('expired');
    expect(store.quotes.get(quoteId)!.status).toBe('envoye');
    expect(store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM portal_quote_acceptances`).get()!.n).toBe(0);
    expect(queued).toEqual([]);
  });

  it('another customer can neither read nor accept it', async () => {
    const s = await signIn('sophie.martin@example.fr');
    expect(desk.quote(s, quoteId)).toBeNull();
    const version = quoteVersion({ number: 'DV-2026-00042', title: 'Remplacement chaudière', amountCents: 485_000, siteAddress: null, sentAt: '2026-11-20T10:00:00.000Z', validUntil: '2026-12-20', documents: [] });
    expect(desk.accept(s, quoteId, { typedName: 'Sophie Martin', agreed: true, version, ip: '198.51.100.9', userAgent: null })).toEqual({ ok: false, why: 'not_found' });
    expect(store.quotes.get(quoteId)!.status).toBe('envoye');
  });
});

describe('requests', () => {
  it('become a ticket on the customer’s record, for Claire', async () => {
    const f = await signIn('francois.lefevre@example.fr');
    const opened = desk.openRequest(f, { kind: 'panne', text: 'Ma chaudière fuit\ndepuis ce matin' });
    expect(opened.ok).toBe(true);
    const ticket = desk.request(f, opened.ok ? opened.ticketId : '')!;
    expect(ticket).toMatchObject({ subject: 'Espace client : Ma chaudière fuit', category: 'depannage', priority: 'haute', status: 'nouveau', contactId: francois });
    expect(ticket.description).toContain('Envoyé depuis l’espace client par François Lefèvre <francois.lefevre@example.fr>');
    expect(desk.openRequest(f, { kind: 'autre', text: '  \n ' })).toEqual({ ok: false, why: 'empty' });
    const s = await signIn('sophie.martin@example.fr');
    expect(desk.request(s, ticket.id)).toBeNull();
  });
});

/**
 * The documents area as the portal reaches it (its port's list, read and add), kept in memory: what
 * is tested here is whose documents a customer gets, not how documents are stored.
 */
type MemoryLibrary = PortalDocumentsPort & { refuse: Set<string>; make(name: string, type: PortalDocument['type'], links: Partial<PortalDocument>): PortalDocument };

function memoryLibrary(): MemoryLibrary {
  const rows: PortalDocument[] = [];
  const refuse = new Set<string>();
  const make = (name: string, type: PortalDocument['type'], links: Partial<PortalDocument>): PortalDocument => {
    const row: PortalDocument = { id: `doc-${rows.length + 1}`, name, type, mime: 'application/pdf', extension: 'pdf', size: 1234, sha256: `sha-${rows.length + 1}`, version: 1, contactId: null, companyId: null, interventionId: null, quoteId: null, ticketId: null, createdAt: now.toISOString(), ...links };
    rows.push(row);
    return row;
  };
  return {
    refuse,
    make,
    listFor: ({ kind, id }) => rows.filter((r) => ({ contact: r.contactId, company: r.companyId, intervention: r.interventionId, quote: r.quoteId, ticket: r.ticketId })[kind] === id),
    read: (id) => {
      const meta = rows.find((r) => r.id === id);
      if (!meta) throw new Error('not found');
      return { meta, bytes: Buffer.from(meta.name) };
    },
    add: (input) => {
      if (refuse.has(input.name)) throw Object.assign(new Error('refused'), { reason: 'documents.type_refused' });
      const owner = store.database.prepare<{ contact_id: string | null; company_id: string | null }>(`SELECT contact_id, company_id FROM tickets WHERE id = ?`).get(input.links.ticketId ?? '');
      return make(input.name, 'photo', { ticketId: input.links.ticketId ?? null, contactId: owner?.contact_id ?? null, companyId: owner?.company_id ?? null, mime: 'image/jpeg', extension: 'jpg' });
    },
  };
}

describe('documents on the portal', () => {
  it('lists and serves a customer’s own and their company’s documents, never another’s', async () => {
    const lib = memoryLibrary();
    library = lib;
    const visit = store.interventions.insert({ kind: 'Entretien chaudière', scheduledAt: now.toISOString(), contactId: francois, status: 'terminee' });
    const certificate = lib.make('attestation-entretien.pdf', 'attestation_entretien', { interventionId: visit, contactId: francois });
    const theirs = lib.make('plan-sophie.pdf', 'plan', { contactId: sophie });
    const buildings = lib.make('rapport-chaufferie.pdf', 'rapport_intervention', { companyId: syndic });
    const f = await signIn('francois.lefevre@example.fr');
    const s = await signIn('sophie.martin@example.fr');
    const g = await signIn('p.girard@syndic-girard.fr');
    expect(desk.overview(f).documents.map((d) => d.id)).toEqual([certificate.id]);
    expect(desk.documentsOf(f, { kind: 'intervention', id: visit }).map((d) => d.id)).toEqual([certificate.id]);
    expect(desk.overview(g).documents.map((d) => d.id)).toEqual([buildings.id]);
    expect(desk.document(f, certificate.id)?.bytes.toString()).toBe('attestation-entretien.pdf');
    for (const [who, id] of [[f, theirs.id], [f, buildings.id], [s, certificate.id], [s, buildings.id], [g, certificate.id], [f, 'doc-999']] as const) {
      expect(desk.document(who, id)).toBeNull();
    }
    // Another customer's intervention id on a document page lists nothing of his.
    expect(desk.documentsOf(s, { kind: 'intervention', id: visit })).toEqual([]);
  });

  it('takes a request’s photos through the documents area, and says which were refused', async () => {
    const lib = memoryLibrary();
    library = lib;
    lib.refuse.add('facture.exe');
    const f = await signIn('francois.lefevre@example.fr');
    const opened = desk.openRequest(f, { kind: 'panne', text: 'Fuite sous le ballon', photos: [{ filename: 'fuite.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff]) }, { filename: 'facture.exe', bytes: Buffer.from('MZ') }] });
    expect(opened.ok && opened.photos).toEqual({ kept: 1, refused: ['facture.exe'] });
    const ticketId = opened.ok ? opened.ticketId : '';
    expect(desk.documentsOf(f, { kind: 'ticket', id: ticketId }).map((d) => d.name)).toEqual(['fuite.jpg']);
    expect(desk.openRequest(f, { kind: 'panne', text: 'Six photos', photos: Array.from({ length: 6 }, (_, i) => ({ filename: `p${i}.jpg`, bytes: Buffer.from([0xff]) })) })).toEqual({ ok: false, why: 'too_many_photos' });
  });

  it('counts a quote’s PDF in the version accepted: a new PDF is a new version', async () => {
    const lib = memoryLibrary();
    library = lib;
    const quoteId = store.quotes.insert({ number: 'DV-2026-00043', title: 'Désembouage', amountCents: 120_000, status: 'envoye', contactId: francois });
    const f = await signIn('francois.lefevre@example.fr');
    const before = desk.quote(f, quoteId)!.version;
    lib.make('devis-DV-2026-00043.pdf', 'devis', { quoteId, contactId: francois });
    const after = desk.quote(f, quoteId)!.version;
    expect(after).not.toBe(before);
    expect(desk.accept(f, quoteId, { typedName: 'François Lefèvre', agreed: true, version: before, ip: '203.0.113.7', userAgent: null })).toEqual({ ok: false, why: 'changed' });
    expect(desk.accept(f, quoteId, { typedName: 'François Lefèvre', agreed: true, version: after, ip: '203.0.113.7', userAgent: null }).ok).toBe(true);
    expect(JSON.parse(desk.quote(f, quoteId)!.acceptance!.content).documents).toEqual(['sha-1']);
  });
});
