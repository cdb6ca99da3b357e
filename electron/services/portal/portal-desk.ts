/**
 * The customer portal's service: what the public pages (host/public/portal-area.ts) ask for, each
 * answer computed for one signed-in customer and limited to their scope (customer-scope.ts).
 *
 *   sign-in ............ PortalSignIn (links by e-mail, sessions) + the 'portal' queue's mail job
 *   overview ........... upcoming and past visits, quotes, invoices (Sage), requests, surveys
 *   accept a quote ..... evidence (append-only) + « accepté » + note, in one transaction; the
 *                        workflows' trigger on quotes sees the change (« devis accepté »), the note
 *                        goes to HubSpot by the CRM outbox, the deal stage by this area's queue
 *   a request .......... a ticket for Claire (the work area's ticketOpening port), like an e-mail's
 *
 * A record outside the customer's scope is answered exactly like a record that does not exist.
 */
import { randomUUID } from 'node:crypto';
import type { Intervention, Ticket } from '../../contract/model';
import type { SageOpenItem } from '../../contract/sage-calls';
import type { EventBus } from '../event-bus';
import type { JobRun } from '../jobs/job-queue';
import type { Logger } from '../log';
import type { OutboxPort } from '../crm/outbox-port';
import type { MailSending } from '../templates/email-composer';
import type { NewTicketInput } from '../work/tickets/ticket-desk';
import { frenchAmount, frenchLongDate, frenchTime } from '../shared/merge-fields';
import { localTime } from '../shared/paris-time';
import { JobsRepository } from '../store/jobs-repository';
import type { CustomerScope } from './customer-scope';
import type { AcceptanceRow, PortalContact, PortalQuote, PortalRepository } from './portal-repository';
import type { LinkState, PortalSignIn, SignedInCustomer } from './portal-sign-in';
import { canonicalQuote, quoteVersion, type QuoteContent } from './quote-version';
import { signInMessage } from './sign-in-mail';


/** Who opened a ticket from the portal, as its « created » event records it: `Espace client (name)`. */
export const PORTAL_AUTHOR = 'Espace client ('

export const PORTAL_QUEUE = 'portal';
/** A visit is still « à venir » this long after its start (a half-day slot). */
const UPCOMING_GRACE_MS = 12 * 3_600_000;
const TEXT_LIMIT = 4_000;
const NAME_LIMIT = 200;

export type RequestKind = 'panne' | 'devis' | 'rdv' | 'facture' | 'autre';
export const REQUEST_KINDS: Record<RequestKind, { label: string; category: Ticket['category']; priority: Ticket['priority'] }> = {
  panne: { label: 'Une panne, une fuite, un dépannage', category: 'depannage', priority: 'haute' },
  devis: { label: 'Une demande de devis', category: 'demande_devis', priority: 'normale' },
  rdv: { label: 'Un rendez-vous à prendre ou à déplacer', category: 'rdv_intervention', priority: 'normale' },
  facture: { label: 'Une question sur une facture', category: 'facturation', priority: 'normale' },
  autre: { label: 'Autre chose', category: 'autre', priority: 'normale' },
};

/** A document as the portal lists it (the documents area's row, the fields the portal reads). */
export interface PortalDocument {
  id: string;
  name: string;
  type: 'devis' | 'facture' | 'attestation_entretien' | 'rapport_intervention' | 'photo' | 'plan' | 'autre';
  mime: string;
  extension: string;
  size: number;
  sha256: string;
  version: number;
  contactId: string | null;
  companyId: string | null;
  interventionId: string | null;
  quoteId: string | null;
  ticketId: string | null;
  createdAt: string;
}

/** What the portal needs of the documents area (its `documents` port). */
export interface PortalDocumentsPort {
  listFor(link: { kind: 'contact' | 'company' | 'intervention' | 'quote' | 'ticket'; id: string }): PortalDocument[];
  read(id: string): { meta: PortalDocument; bytes: Buffer };
  add(input: { bytes: Buffer; name: string; type?: 'photo'; links: { ticketId?: string | null }; addedBy: { kind: 'customer'; id?: string | null; name?: string | null } }): PortalDocument;
}

/** A photo sent with a request. */
export interface RequestPhoto {
  filename: string;
  bytes: Buffer;
}

export const MAX_REQUEST_PHOTOS = 5;

/** The customer as the pages see them: who, and whose records. */
export interface Customer extends SignedInCustomer {
  scope: CustomerScope;
  companies: string[];
}

export interface SurveyLink {
  id: string;
  about: string;
  sentAt: string;
  score: number | null;
  /** `/avis/<token>` while the survey takes answers, else null. */
  path: string | null;
}

export interface PortalOverview {
  upcoming: Intervention[];
  past: Intervention[];
  quotes: PortalQuote[];
  invoices: SageOpenItem[];
  requests: Ticket[];
  surveys: SurveyLink[];
  /** Documents on the customer's records (certificates, reports, quotes, invoices, photos), newest first. */
  documents: PortalDocument[];
}

export type AcceptRefusal = 'not_found' | 'not_open' | 'expired' | 'changed' | 'name_missing' | 'not_agreed';

export interface QuoteView {
  quote: PortalQuote;
  content: QuoteContent;
  version: string;
  acceptance: AcceptanceRow | null;
  /** Null when the customer may accept it now, else why not. */
  blocked: Exclude<AcceptRefusal, 'not_found' | 'changed' | 'name_missing' | 'not_agreed'> | null;
}

export interface PortalDeskOptions {
  repo: PortalRepository;
  signIn: PortalSignIn;
  clock: () => Date;
  publicUrl: string | null;
  mail: () => MailSending;
  /** Notes to HubSpot (the CRM outbox; nothing queued in the demo workspace). */
  outbox: () => OutboxPort;
  tickets: () => { insert(input: NewTicketInput, author: string | null): string; announce(ticketId: string): void };
  invoices: (target: { companyId: string | null; contactId: string | null }) => { items: SageOpenItem[] } | null;
  surveys: (contactId: string) => SurveyLink[];
  /** The documents area, when it runs (null: the portal shows no documents and takes no photos). */
  documents: () => PortalDocumentsPort | null;
  events: EventBus;
  logger: Logger;
  /** False in the demo workspace: its customers are made up, no e-mail leaves. */
  active: () => boolean;
  /** The HubSpot deal stage of an accepted quote (ACCUEIL_PORTAL_WON_STAGE, default closedwon). */
  wonStage: string;
  /** A job was queued (the area runs its queue now rather than at its next round). */
  queued?: () => void;
}

export class PortalDesk {
  readonly jobs: JobsRepository;

  constructor(private readonly options: PortalDeskOptions) {
    this.jobs = new JobsRepository(options.repo.db, options.clock);
  }

  private get repo(): PortalRepository {
    return this.options.repo;
  }

  // ── signing in ──────────────────────────────────────────────────────────────────────────────

  /**
   * « Envoyez-moi un lien ». Whatever the address, the same work is done — a row and a queued job —
   * and the caller shows the same page: nothing tells a known address from an unknown one.
   * False only for text that is not an e-mail address.
   */
  askForLink(address: string, ip: string): boolean {
    const asked = this.repo.transaction(() => {
      const row = this.options.signIn.ask(address, ip);
      if (row) this.jobs.enqueue(PORTAL_QUEUE, { kind: 'sign-in-link', subject: row.linkId, idempotencyKey: `link:${row.linkId}` });
      return row !== null;
    });
    if (asked) this.options.queued?.();
    return asked;
  }

  /** The 'sign-in-link' job: the e-mail, for a known person, while the link is still good. */
  async sendLink(run: JobRun): Promise<void> {
    const row = run.job.subject ? this.repo.link(run.job.subject) : null;
    const now = this.options.clock();
    if (!row || !row.contactId || !row.email || row.sentAt || Date.parse(row.expiresAt) <= now.getTime() || !this.options.active() || !this.options.publicUrl) {
      if (row?.contactId && !row.sentAt) this.options.logger.info('portal sign-in link not sent', { link: row.id, reason: !this.options.active() ? 'demo' : !this.options.publicUrl ? 'no_public_address' : 'expired' });
      run.complete();
      return;
    }
    const contact = this.repo.contact(row.contactId);
    const token = this.options.signIn.tokenFor(row.id);
    if (!contact || !token) {
      run.complete();
      return;
    }
    const mail = this.options.mail();
    const unavailable = mail.unavailable();
    if (unavailable) throw new Error(`e-mail not configured (${unavailable.reason})`);
    run.markInFlight();
    await mail.send(signInMessage({ to: row.email, firstName: contact.firstName, link: `${this.options.publicUrl}/portail/entrer/${token}` }));
    run.complete(() => this.repo.markLinkSent(row.id, this.options.clock().toISOString()));
    this.options.logger.info('portal sign-in link sent', { link: row.id });
  }

  /** What a sign-in link is worth, without spending it. */
  checkLink(token: string): { state: LinkState } {
    return { state: this.options.signIn.check(token).state };
  }

  /** Spends a sign-in link and opens a session. */
  useLink(token: string, ip: string, userAgent: string | null): ReturnType<PortalSignIn['use']> {
    return this.options.signIn.use(token, ip, userAgent);
  }

  /** The customer of a session cookie, with their scope, or null. */
  customer(cookie: string | undefined): Customer | null {
    const signedIn = this.options.signIn.customer(cookie);
    if (!signedIn) return null;
    const scope = this.repo.scope(signedIn.contact.id);
    return { ...signedIn, scope, companies: this.repo.companyNames(scope.companyIds) };
  }

  // ── what the customer sees ──────────────────────────────────────────────────────────────────

  overview(customer: Customer): PortalOverview {
    const now = this.options.clock().getTime();
    const visits = this.repo.interventions(customer.scope);
    const isUpcoming = (i: Intervention) => (i.status === 'planifiee' || i.status === 'en_cours') && Date.parse(i.scheduledAt) >= now - UPCOMING_GRACE_MS;
    const upcoming = visits.filter(isUpcoming).sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
    const past = visits.filter((i) => !isUpcoming(i));
    return {
      upcoming,
      past,
      quotes: this.repo.quotes(customer.scope),
      invoices: this.invoices(customer),
      requests: this.repo.tickets(customer.scope),
      surveys: this.options.surveys(customer.contact.id),
      documents: this.documentsOf(customer),
    };
  }

  /** The documents of the customer's records: their own and their associated companies' (a ticket's, a visit's, a quote's are linked to its contact and company too). */
  documentsOf(customer: Customer, link?: { kind: 'intervention' | 'quote' | 'ticket'; id: string }): PortalDocument[] {
    const library = this.options.documents();
    if (!library) return [];
    const found = new Map<string, PortalDocument>();
    const links = link ? [link] : [{ kind: 'contact' as const, id: customer.contact.id }, ...customer.scope.companyIds.map((id) => ({ kind: 'company' as const, id }))];
    for (const l of links) for (const row of library.listFor(l)) if (this.documentInScope(customer, row)) found.set(row.id, row);
    return [...found.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** The number a callback goes to, offered to the customer to confirm or change. */
  phoneOf(customer: Customer): string | null {
    return this.repo.contactPhone(customer.contact.id);
  }

  /** True when requests can carry photos (the documents area runs). */
  takesPhotos(): boolean {
    return this.options.documents() !== null;
  }

  /** A document of the customer's, with its bytes; null for anyone else's (or none). */
  document(customer: Customer, id: string): { meta: PortalDocument; bytes: Buffer } | null {
    const library = this.options.documents();
    if (!library) return null;
    let found: { meta: PortalDocument; bytes: Buffer };
    try {
      found = library.read(id);
    } catch {
      return null;
    }
    return this.documentInScope(customer, found.meta) ? found : null;
  }

  private documentInScope(customer: Customer, row: PortalDocument): boolean {
    const { scope } = customer;
    if (row.contactId === scope.contactId || (row.companyId !== null && scope.companyIds.includes(row.companyId))) return true;
    if (row.ticketId && this.repo.ticket(scope, row.ticketId)) return true;
    if (row.interventionId && this.repo.intervention(scope, row.interventionId)) return true;
    return row.quoteId !== null && this.repo.quote(scope, row.quoteId) !== null;
  }

  intervention(customer: Customer, id: string): Intervention | null {
    return this.repo.intervention(customer.scope, id);
  }

  request(customer: Customer, id: string): Ticket | null {
    return this.repo.ticket(customer.scope, id);
  }

  /** Open items of the customer's Sage accounts (theirs and their associated companies'), oldest due first. */
  private invoices(customer: Customer): SageOpenItem[] {
    const seen = new Map<string, SageOpenItem>();
    const add = (summary: { items: SageOpenItem[] } | null) => {
      for (const item of summary?.items ?? []) seen.set(`${item.accountCode}\u0000${item.piece}\u0000${item.dueDate}`, item);
    };
    const own = customer.contact.companyId;
    // The contact's own accounts; Sage's query also reads their company, so only when HubSpot associates it.
    if (own === null || customer.scope.companyIds.includes(own)) add(this.options.invoices({ companyId: null, contactId: customer.contact.id }));
    for (const companyId of customer.scope.companyIds) add(this.options.invoices({ companyId, contactId: null }));
    return [...seen.values()].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.piece.localeCompare(b.piece));
  }

  // ── quotes ──────────────────────────────────────────────────────────────────────────────────

  private contentOf(quote: PortalQuote): QuoteContent {
    return {
      number: quote.number,
      title: quote.title,
      amountCents: quote.amountCents,
      siteAddress: quote.siteAddress,
      sentAt: quote.sentAt,
      validUntil: quote.validUntil,
      documents: (this.options.documents()?.listFor({ kind: 'quote', id: quote.id }) ?? []).filter((d) => d.type === 'devis').map((d) => d.sha256),
    };
  }

  private blockedFor(quote: PortalQuote): QuoteView['blocked'] {
    if (quote.status !== 'envoye') return 'not_open';
    if (quote.validUntil && quote.validUntil.slice(0, 10) < localTime(this.options.clock()).date) return 'expired';
    return null;
  }

  quote(customer: Customer, id: string): QuoteView | null {
    const quote = this.repo.quote(customer.scope, id);
    if (!quote) return null;
    const content = this.contentOf(quote);
    return { quote, content, version: quoteVersion(content), acceptance: this.repo.acceptance(quote.id), blocked: this.blockedFor(quote) };
  }

  /**
   * « Bon pour accord »: the evidence, the quote accepted and the note, in one transaction; the
   * deal stage to HubSpot queued with it. Refused (nothing written) when the quote is not theirs,
   * no longer waiting, past its validity, or changed since the page was read (`version`).
   */
  accept(
    customer: Customer,
    quoteId: string,
    input: { typedName: string; agreed: boolean; version: string; ip: string; userAgent: string | null },
  ): { ok: true; acceptance: AcceptanceRow } | { ok: false; why: AcceptRefusal } {
    const typedName = input.typedName.replace(/\s+/g, ' ').trim().slice(0, NAME_LIMIT);
    const outcome = this.repo.transaction((): { ok: true; acceptance: AcceptanceRow } | { ok: false; why: AcceptRefusal } => {
      const view = this.quote(customer, quoteId);
      if (!view) return { ok: false, why: 'not_found' };
      if (view.blocked) return { ok: false, why: view.blocked };
      if (input.version !== view.version) return { ok: false, why: 'changed' };
      if (!typedName) return { ok: false, why: 'name_missing' };
      if (!input.agreed) return { ok: false, why: 'not_agreed' };
      const now = this.options.clock();
      const at = now.toISOString();
      if (!this.repo.markQuoteAccepted(view.quote.id, at)) return { ok: false, why: 'not_open' };
      const noteId = `portail-accord-${view.quote.id}`;
      const { quote } = view;
      this.repo.db
        .prepare(`INSERT INTO notes (id, contact_id, company_id, body, author, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(noteId, customer.contact.id, quote.companyId, evidenceNote(view, customer.contact, typedName, now, input.ip), 'Espace client', at, at);
      const acceptance = {
        id: randomUUID(),
        quoteId: quote.id,
        quoteNumber: quote.number,
        signerContactRef: customer.contact.id,
        signerEmail: customer.contact.email,
        typedName,
        acceptedAt: at,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
        versionHash: view.version,
        content: canonicalQuote(view.content),
        noteId,
      };
      this.repo.insertAcceptance(acceptance);
      this.options.outbox().enqueue({ kind: 'note', localId: noteId, op: 'create' });
      if (quote.hubspotId && this.options.active()) {
        this.jobs.enqueue(PORTAL_QUEUE, { kind: 'deal-stage', subject: quote.id, idempotencyKey: `deal-stage:${quote.id}`, payload: { stage: this.options.wonStage } });
      }
      return { ok: true, acceptance };
    });
    if (outcome.ok) {
      this.options.queued?.();
      const quote = this.repo.quoteById(quoteId);
      this.options.logger.info('quote accepted on the portal', { quote: quoteId, version: outcome.acceptance.versionHash });
      this.options.events.emit('directory.changed', { contactIds: [customer.contact.id], companyIds: quote?.companyId ? [quote.companyId] : [] });
    }
    return outcome;
  }

  // ── requests and messages → tickets for Claire ─────────────────────────────────────────────

  /** « Ma chaudière fuit »: a ticket for Claire, on the customer's record. */
  openRequest(
    customer: Customer,
    input: { kind: RequestKind; text: string; photos?: readonly RequestPhoto[] },
  ): { ok: true; ticketId: string; photos: { kept: number; refused: string[] } } | { ok: false; why: 'empty' | 'too_many_photos' } {
    const text = cleanText(input.text);
    if (!text) return { ok: false, why: 'empty' };
    const photos = input.photos ?? [];
    if (photos.length > MAX_REQUEST_PHOTOS) return { ok: false, why: 'too_many_photos' };
    const kind = REQUEST_KINDS[input.kind];
    const opened = this.ticket(customer, { subject: `Espace client : ${firstLine(text)}`, description: text, category: kind.category, priority: kind.priority });
    const library = this.options.documents();
    const result = { kept: 0, refused: [] as string[] };
    if (library) {
      const who = `${customer.contact.firstName} ${customer.contact.lastName}`.trim();
      for (const photo of photos) {
        try {
          // Checked from its bytes by the documents area (type, size, active content): a refused one is said, never kept.
          library.add({ bytes: photo.bytes, name: photo.filename || 'photo', type: 'photo', links: { ticketId: opened.ticketId }, addedBy: { kind: 'customer', id: customer.contact.id, name: who } });
          result.kept++;
        } catch (error) {
          this.options.logger.warn('portal request photo refused', { ticket: opened.ticketId, reason: (error as { reason?: string }).reason ?? String(error) });
          result.refused.push(photo.filename || 'photo');
        }
      }
    }
    return { ...opened, photos: result };
  }

  /** The contact form: a message for Claire, as a ticket (she answers from it). */
  sendMessage(customer: Customer, input: { subject: string; text: string }): { ok: true; ticketId: string } | { ok: false; why: 'empty' } {
    const text = cleanText(input.text);
    if (!text) return { ok: false, why: 'empty' };
    const subject = input.subject.replace(/\s+/g, ' ').trim().slice(0, 120) || firstLine(text);
    return this.ticket(customer, { subject: `Message de l’espace client : ${subject}`, description: text, category: 'autre', priority: 'normale' });
  }

  private ticket(customer: Customer, input: { subject: string; description: string; category: Ticket['category']; priority: Ticket['priority'] }): { ok: true; ticketId: string } {
    const who = `${customer.contact.firstName} ${customer.contact.lastName}`.trim();
    const tickets = this.options.tickets();
    const ticketId = this.repo.transaction(() =>
      tickets.insert(
        {
          subject: input.subject.slice(0, 300),
          description: `${input.description}\n\n— Envoyé depuis l’espace client par ${who}${customer.contact.email ? ` <${customer.contact.email}>` : ''}.`,
          category: input.category,
          priority: input.priority,
          status: 'nouveau',
          contactId: customer.contact.id,
          companyId: null,
          siteAddress: null,
          callId: null,
        },
        `${PORTAL_AUTHOR}${who})`,
      ),
    );
    tickets.announce(ticketId);
    this.options.logger.info('portal request opened a ticket', { ticket: ticketId });
    return { ok: true, ticketId };
  }

  signOut(customer: Customer): void {
    this.options.signIn.signOut(customer.sessionHash);
  }
}

function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[^\S\n]+/g, ' ').trim().slice(0, TEXT_LIMIT);
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** The note for Claire and HubSpot: what was accepted, by whom, when, from where. */
function evidenceNote(view: QuoteView, contact: PortalContact, typedName: string, at: Date, ip: string): string {
  const { quote } = view;
  return [
    `Devis ${quote.number} accepté en ligne (espace client) : « Bon pour accord ».`,
    `${quote.title} — ${frenchAmount(quote.amountCents)} TTC.`,
    `Nom saisi : ${typedName} ; compte : ${`${contact.firstName} ${contact.lastName}`.trim()}${contact.email ? ` <${contact.email}>` : ''}.`,
    `Le ${frenchLongDate(at)} à ${frenchTime(at)} (heure de Paris), depuis l’adresse ${ip}.`,
    `Version acceptée : ${view.version}.`,
  ].join('\n');
}
