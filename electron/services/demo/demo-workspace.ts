/**
 * A demo workspace: a believable customer file for a heating-plumbing-renovation company, so the
 * console can be shown, tested and benchmarked without a CRM. Deterministic: the same seed and the
 * same `now` give the same rows, ids included. Everything is written in one transaction through the
 * store's prepared statements (100 000 contacts in a few seconds).
 *
 * Deliberately awkward data, because real files have it: a company switchboard shared by several
 * contacts (and copied onto some of them), couples sharing a home landline, names with accents,
 * apostrophes and hyphens, numbers typed in every format a person or a PBX uses.
 */
import type { CallState, Intervention, Quote, Ticket } from '../../contract/model';
import { ServiceError } from '../../contract/envelope';
import type { AccueilStore } from '../store';
import { DEFAULT_TEMPLATES } from './email-templates';
import { DEMO_FIXTURES } from './demo-fixtures';
import {
  CITIES,
  COMPANY_KINDS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  INBOUND_EMAIL_SUBJECTS,
  INTERVENTION_KINDS,
  INTERVENTION_REPORTS,
  LAST_NAMES,
  NOTE_BODIES,
  QUOTE_KINDS,
  STREETS,
  TECHNICIANS,
  TICKET_SUBJECTS,
  type City,
} from './french-data';
import { SeededRandom } from './seeded-random';
import { DEMO_CALL_ID_HOST } from '../store/demo-purge';
import { callbackKey } from '../work/callbacks/callback-list';
import { mergeText } from '../shared/merge-engine';
import { MERGE_FIELDS, frenchAmount, frenchLongDate, frenchShortDate, frenchTime } from '../shared/merge-fields';
import { CallbacksRepository } from '../work/callbacks/callbacks-repository';
import { addDays, localTime, parisInstant } from '../shared/paris-time';

export interface DemoWorkspaceOptions {
  /** Total contacts, fixtures included (at least the 6 fixtures). */
  contacts?: number;
  seed?: number;
  /** "Today" of the workspace: history lies before it, planned visits after. */
  now?: Date;
}

export interface DemoWorkspaceSummary {
  seed: number;
  contacts: number;
  companies: number;
  phones: number;
  calls: number;
  notes: number;
  emails: number;
  tickets: number;
  quotes: number;
  interventions: number;
  templates: number;
  durationMs: number;
}

const DAY = 86_400_000;
const OUR_LINE = '+33299001122';
const OUR_ADDRESS = 'contact@thermo-services-demo.fr';
const AGENTS = ['Claire', 'Sandrine', 'Maxime'] as const;

type Owner = { contactId: string | null; companyId: string | null; label: string; email: string | null; address: string | null };
type Line = { e164: string; national: string };

/** Fills an empty store with a demo workspace; refuses one that already has it. */
export function generateDemoWorkspace(store: AccueilStore, options: DemoWorkspaceOptions = {}): DemoWorkspaceSummary {
  const started = performance.now();
  const seed = options.seed ?? 42;
  const total = Math.max(FIXTURE_CONTACTS, Math.floor(options.contacts ?? 200));
  if (store.contacts.get(DEMO_FIXTURES.mobileContact.contactId)) {
    throw new ServiceError('conflict', { reason: 'demo.already_present' });
  }
  const builder = new DemoBuilder(store, new SeededRandom(seed), options.now ?? new Date());
  store.bulkLoad(() => builder.build(total));
  return { seed, ...builder.counts, durationMs: Math.round(performance.now() - started) };
}

const FIXTURE_CONTACTS = 6;

class DemoBuilder {
  readonly counts = { contacts: 0, companies: 0, phones: 0, calls: 0, notes: 0, emails: 0, tickets: 0, quotes: 0, interventions: 0, templates: 0 };
  private readonly usedNumbers = new Set<string>([
    DEMO_FIXTURES.mobileContact.e164,
    DEMO_FIXTURES.switchboardCompany.e164,
    DEMO_FIXTURES.switchboardCompany.directLine.e164,
    DEMO_FIXTURES.sharedLandline.e164,
    DEMO_FIXTURES.unknownNumber.e164,
    '+33623456789',
    '+33781234567',
    '+33645127890',
    OUR_LINE,
  ]);
  private readonly usedCompanyNames = new Set<string>();
  private quoteSequence = 0;
  /** Sophie Martin-Dubois, whose call of yesterday was missed (see yesterdaysMissedCall()). */
  private yesterdaysCaller: (Owner & { contactId: string }) | null = null;
  /** Inbound missed calls, for the callback list (see callbackList()). */
  private readonly missedCalls: Array<{ id: string; owner: Owner; from: Line; fromDisplay: string; ringAt: string }> = [];

  constructor(
    private readonly store: AccueilStore,
    private readonly random: SeededRandom,
    private readonly now: Date,
  ) {}

  build(total: number): void {
    for (const [position, template] of DEFAULT_TEMPLATES.entries()) {
      this.store.templates.upsert({ ...template, position, updatedAt: this.now.toISOString() });
      this.counts.templates++;
    }
    this.fixtures();

    let remaining = total - FIXTURE_CONTACTS;
    // About a third of the contacts work for a business customer, three per company on average.
    let companyBudget = Math.round(remaining * 0.35);
    while (companyBudget > 0) {
      const size = Math.min(companyBudget, this.random.int(1, 5));
      this.randomCompany(size);
      companyBudget -= size;
      remaining -= size;
    }
    while (remaining > 0) {
      // A couple sharing the home landline now and then.
      if (remaining >= 2 && this.random.chance(0.04)) {
        this.randomCouple();
        remaining -= 2;
      } else {
        this.randomIndividual();
        remaining -= 1;
      }
    }
    this.yesterdaysMissedCall();
    this.callbackList();
    this.slippingCustomer();
  }

  /**
   * A customer slipping away, so the demo shows « Risque de départ » (the demo's year of history is
   * too short to learn from: the rules score it): three annual boiler services, the last one more than
   * two years ago, nothing since. Fixed ids and no draw from the seeded sequence: added last, it
   * changes nothing of the rest.
   */
  private slippingCustomer(): void {
    const { companyId, name, dial, e164 } = DEMO_FIXTURES.slippingCustomer;
    const vitre = cityNamed('Vitré');
    this.store.companies.insert({ id: companyId, name, siret: null, address: '12 rue de la Poterie', postalCode: vitre.postalCode, city: vitre.name, email: null, createdAt: this.at(-1700, 9, 0) });
    this.counts.companies++;
    this.phone({ companyId }, line(e164), 'fixe', dial);
    for (const [n, days] of [-1500, -1135, -770].entries()) {
      this.store.interventions.insert({
        id: `${companyId}-entretien-${n + 1}`,
        kind: 'Entretien chaudière gaz',
        status: 'terminee',
        scheduledAt: this.at(days, 8, 30),
        technician: TECHNICIANS[n % TECHNICIANS.length]!,
        siteAddress: `12 rue de la Poterie, ${vitre.postalCode} ${vitre.name}`,
        report: INTERVENTION_REPORTS[0]!,
        contactId: null,
        companyId,
        createdAt: this.at(days - 14, 10, 0),
      });
      this.counts.interventions++;
    }
  }

  /**
   * Whatever the seed and the hour the workspace is made, yesterday's missed caller is on the list to
   * do: a demo whose callback list is empty beside missed calls in the recent calls shows nothing of
   * it. Added after everything else, so the seeded sequence of the rest is unchanged.
   */
  private yesterdaysMissedCall(): void {
    if (!this.yesterdaysCaller) return;
    const { dial, e164 } = DEMO_FIXTURES.missedYesterday;
    const yesterday = addDays(localTime(this.now).date, -1);
    const ringAt = new Date(parisInstant(yesterday, 16).getTime() + 20 * 60_000).toISOString();
    this.call(this.yesterdaysCaller, dial, line(e164), ringAt, 'missed');
  }

  // --- fixtures (fixed ids and numbers, see demo-fixtures.ts) -----------------------------------

  private fixtures(): void {
    const { mobileContact, switchboardCompany, sharedLandline } = DEMO_FIXTURES;
    const rennes = cityNamed('Rennes');
    const francois = this.contact({
      id: mobileContact.contactId,
      firstName: 'François',
      lastName: 'Lefèvre',
      email: 'francois.lefevre@orange.fr',
      address: '12 rue Saint-Éloi',
      city: rennes,
    });
    this.phone({ contactId: francois.contactId }, line('+33612345678'), 'mobile', '06 12 34 56 78');
    this.call(francois, '06 12 34 56 78', line('+33612345678'), this.at(-8, 9, 12), 'ended');
    this.call(francois, '0612345678', line('+33612345678'), this.at(-2, 14, 40), 'missed');
    this.store.history.addNote({ id: this.random.uuid(), contactId: francois.contactId, body: 'Préfère être appelé le matin avant 10 h.', author: 'Claire', createdAt: this.at(-8, 9, 20) });
    this.counts.notes++;
    this.store.quotes.insert({
      id: this.random.uuid(),
      number: this.quoteNumber(this.at(-9, 10, 0)),
      title: 'Remplacement chaudière gaz à condensation',
      amountCents: 485_000,
      status: 'envoye',
      contactId: francois.contactId,
      siteAddress: francois.address,
      createdAt: this.at(-9, 10, 0),
      sentAt: this.at(-8, 11, 0),
      validUntil: this.at(52, 0, 0),
    });
    this.counts.quotes++;
    this.intervention(francois, 'Dépannage chaudière', 'terminee', this.at(-40, 8, 30), INTERVENTION_REPORTS[2]);
    this.intervention(francois, 'Entretien chaudière gaz', 'planifiee', this.at(1, 8, 0), null);

    const lyon = cityNamed('Lyon');
    const companyId = this.store.companies.insert({
      id: switchboardCompany.companyId,
      name: switchboardCompany.name,
      siret: this.siret(),
      address: '8 rue Saint-Éloi',
      postalCode: lyon.postalCode,
      city: lyon.name,
      email: 'gestion@syndic-saint-eloi.fr',
      createdAt: this.at(-400, 9, 0),
    });
    this.counts.companies++;
    this.usedCompanyNames.add(switchboardCompany.name);
    this.phone({ companyId }, line(switchboardCompany.e164), 'standard', '04.78.12.34.56');
    const company: Owner = { contactId: null, companyId, label: switchboardCompany.name, email: 'gestion@syndic-saint-eloi.fr', address: '8 rue Saint-Éloi, 69003 Lyon' };
    const [nathalieId, mamadouId, sophieId] = switchboardCompany.contactIds;
    const nathalie = this.contact({ id: nathalieId, firstName: 'Nathalie', lastName: 'Rousseau', role: 'Gestionnaire de copropriété', companyId, email: 'n.rousseau@syndic-saint-eloi.fr', city: lyon });
    this.phone({ contactId: nathalie.contactId }, line('+33623456789'), 'mobile', '+33 6 23 45 67 89');
    const mamadou = this.contact({ id: mamadouId, firstName: 'Mamadou', lastName: "N'Diaye", role: 'Comptable', companyId, email: 'm.ndiaye@syndic-saint-eloi.fr', city: lyon });
    this.phone({ contactId: mamadou.contactId }, line(switchboardCompany.directLine.e164), 'fixe', '04 78 12 34 99');
    // As a CRM import does: the switchboard copied onto a contact. It must still pop the company once.
    this.phone({ contactId: mamadou.contactId }, line(switchboardCompany.e164), 'standard', '+33 4 78 12 34 56');
    const sophie = this.contact({ id: sophieId, firstName: 'Sophie', lastName: 'Martin-Dubois', role: 'Assistante de gestion', companyId, email: 's.martin-dubois@syndic-saint-eloi.fr', city: lyon });
    this.phone({ contactId: sophie.contactId }, line(DEMO_FIXTURES.missedYesterday.e164), 'mobile', '07-81-23-45-67');
    this.yesterdaysCaller = sophie;
    this.call(company, '+33478123456', line(switchboardCompany.e164), this.at(-1, 15, 5), 'ended');
    this.call(nathalie, '0623456789', line('+33623456789'), this.at(-6, 10, 30), 'ended');
    this.ticket(nathalie, 'reclamation', 'Trace d’eau après intervention', 'en_cours', this.at(-5, 11, 0));
    this.intervention(nathalie, 'Recherche de fuite', 'planifiee', this.at(5, 13, 30), null);

    const vitre = cityNamed('Vitré');
    const helene = this.contact({ id: sharedLandline.contactIds[0], firstName: 'Hélène', lastName: 'Gauthier', email: 'helene.gauthier@free.fr', address: '3 allée des Tilleuls', city: vitre });
    const jerome = this.contact({ id: sharedLandline.contactIds[1], firstName: 'Jérôme', lastName: 'Gauthier', email: null, address: '3 allée des Tilleuls', city: vitre });
    this.phone({ contactId: helene.contactId }, line(sharedLandline.e164), 'fixe', '02 99 87 65 43');
    this.phone({ contactId: helene.contactId }, line('+33645127890'), 'mobile', '06 45 12 78 90');
    this.phone({ contactId: jerome.contactId }, line(sharedLandline.e164), 'fixe', '0299876543');
    this.call(jerome, '0299876543', line(sharedLandline.e164), this.at(-30, 17, 45), 'ended');
    this.call(helene, '+33299876543', line(sharedLandline.e164), this.at(-3, 9, 5), 'ended');
  }

  // --- random customers -------------------------------------------------------------------------

  private randomCompany(size: number): void {
    const city = this.random.pick(CITIES);
    const kind = this.random.weighted(COMPANY_KINDS.map((k) => [k, k.weight] as const));
    let name = kind.name(this.random.pick(LAST_NAMES), city.name, (items) => this.random.pick(items));
    if (this.usedCompanyNames.has(name)) name = `${name} — ${city.name}`;
    for (let n = 2; this.usedCompanyNames.has(name); n++) name = `${name.replace(/ \(\d+\)$/, '')} (${n})`;
    this.usedCompanyNames.add(name);
    const domain = `${slug(name).slice(0, 24)}.fr`;
    const address = `${this.random.int(1, 120)} ${this.random.pick(STREETS)}`;
    const companyId = this.store.companies.insert({
      id: this.random.uuid(),
      name,
      siret: this.siret(),
      address,
      postalCode: city.postalCode,
      city: city.name,
      email: `contact@${domain}`,
      createdAt: this.at(-this.random.int(200, 1500), 9, 0),
    });
    this.counts.companies++;
    const switchboard = this.newLine('fixe', city);
    this.phone({ companyId }, switchboard, 'standard', this.format(switchboard));
    const company: Owner = { contactId: null, companyId, label: name, email: `contact@${domain}`, address: `${address}, ${city.postalCode} ${city.name}` };

    for (let i = 0; i < size; i++) {
      const first = this.random.pick(FIRST_NAMES);
      const last = this.random.pick(LAST_NAMES);
      const person = this.contact({
        id: this.random.uuid(),
        firstName: first,
        lastName: last,
        role: this.random.pick(kind.roles),
        companyId,
        email: `${slug(first).charAt(0)}.${slug(last)}@${domain}`,
        address,
        city,
      });
      if (this.random.chance(0.8)) this.randomPhone(person, 'mobile', city);
      else this.randomPhone(person, 'fixe', city);
      // CRM imports copy the switchboard onto contacts: it must still pop the company once.
      if (this.random.chance(0.3)) this.phone({ contactId: person.contactId }, switchboard, 'standard', this.format(switchboard));
      this.randomHistory(person, switchboard);
    }
    // Calls through the switchboard are journaled on the company.
    for (let i = this.random.int(0, 3); i > 0; i--) this.call(company, this.format(switchboard), switchboard, this.pastAt(180), this.callState());
    if (this.random.chance(0.3)) this.randomIntervention(company);
  }

  private randomIndividual(): void {
    const city = this.random.pick(CITIES);
    const first = this.random.pick(FIRST_NAMES);
    const last = this.random.pick(LAST_NAMES);
    const person = this.contact({
      id: this.random.uuid(),
      firstName: first,
      lastName: last,
      email: this.random.chance(0.85) ? `${slug(first)}.${slug(last)}${this.random.chance(0.3) ? this.random.int(1, 99) : ''}@${this.random.pick(EMAIL_DOMAINS)}` : null,
      address: `${this.random.int(1, 120)} ${this.random.pick(STREETS)}`,
      city,
    });
    const hasMobile = this.random.chance(0.85);
    if (hasMobile) this.randomPhone(person, 'mobile', city);
    if (!hasMobile || this.random.chance(0.3)) this.randomPhone(person, 'fixe', city);
    this.randomHistory(person);
  }

  private randomCouple(): void {
    const city = this.random.pick(CITIES);
    const last = this.random.pick(LAST_NAMES);
    const address = `${this.random.int(1, 120)} ${this.random.pick(STREETS)}`;
    const home = this.newLine('fixe', city);
    for (let i = 0; i < 2; i++) {
      const first = this.random.pick(FIRST_NAMES);
      const person = this.contact({ id: this.random.uuid(), firstName: first, lastName: last, email: null, address, city });
      this.phone({ contactId: person.contactId }, home, 'fixe', this.format(home));
      if (this.random.chance(0.7)) this.randomPhone(person, 'mobile', city);
      this.randomHistory(person, home);
    }
  }

  private randomHistory(person: Owner & { line?: Line }, sharedLine?: Line): void {
    const callerLine = person.line ?? sharedLine;
    if (callerLine) {
      for (let i = this.random.weighted([[0, 3], [1, 4], [2, 3], [3, 2], [4, 1]] as const); i > 0; i--) {
        this.call(person, this.format(callerLine), callerLine, this.pastAt(240), this.callState());
      }
    }
    if (this.random.chance(0.45)) {
      this.store.history.addNote({ id: this.random.uuid(), contactId: person.contactId, companyId: person.companyId, body: this.random.pick(NOTE_BODIES), author: this.random.pick(AGENTS), createdAt: this.pastAt(300) });
      this.counts.notes++;
    }
    if (this.random.chance(0.35)) this.randomEmail(person);
    if (this.random.chance(0.35)) this.randomQuote(person);
    if (this.random.chance(0.4)) this.randomIntervention(person);
    if (this.random.chance(0.25)) this.randomTicket(person);
  }

  private randomEmail(person: Owner): void {
    const outbound = this.random.chance(0.6);
    const template = this.random.pick(DEFAULT_TEMPLATES);
    // Drawn in the order the generator always drew them: the same seed gives the same workspace.
    const inboundSubject = outbound ? null : this.random.pick(INBOUND_EMAIL_SUBJECTS);
    const id = this.random.uuid();
    const sentAt = this.pastAt(200);
    const values = outbound ? demoMergeValues(person, sentAt) : {};
    const subject = inboundSubject ?? mergedDemoText(template.subject, values, 'subject');
    this.store.history.addEmail({
      id,
      contactId: person.contactId,
      companyId: person.companyId,
      direction: outbound ? 'out' : 'in',
      fromAddress: outbound ? OUR_ADDRESS : person.email,
      toAddress: outbound ? person.email : OUR_ADDRESS,
      subject,
      body: outbound ? mergedDemoText(template.body, values, 'body') : 'Bonjour, je reviens vers vous au sujet de mon dossier. Cordialement.',
      templateId: outbound ? template.id : null,
      sentAt,
    });
    this.counts.emails++;
  }

  private randomQuote(person: Owner): void {
    const kind = this.random.pick(QUOTE_KINDS);
    const created = this.pastAt(200);
    const ageDays = (this.now.getTime() - Date.parse(created)) / DAY;
    let status: Quote['status'] = this.random.weighted([['brouillon', 1], ['envoye', 4], ['accepte', 4], ['refuse', 1], ['expire', 1]] as const);
    if (status === 'envoye' && ageDays > 60) status = 'expire';
    if (status === 'brouillon' && ageDays > 20) status = 'accepte';
    const sentAt = status === 'brouillon' ? null : new Date(Math.min(Date.parse(created) + this.random.int(1, 48) * 3_600_000, this.now.getTime())).toISOString();
    this.store.quotes.insert({
      id: this.random.uuid(),
      number: this.quoteNumber(created),
      title: kind.title,
      amountCents: this.random.int(kind.min, kind.max) * 100 + this.random.pick([0, 0, 50, 90]),
      status,
      contactId: person.contactId,
      companyId: person.companyId,
      siteAddress: person.address,
      createdAt: created,
      sentAt,
      validUntil: new Date(Date.parse(created) + 60 * DAY).toISOString(),
    });
    this.counts.quotes++;
  }

  private randomIntervention(person: Owner): void {
    const offset = this.random.int(-180, 30);
    const scheduled = this.at(offset, this.random.int(7, 16), this.random.pick([0, 0, 30]));
    const future = Date.parse(scheduled) > this.now.getTime();
    const status: Intervention['status'] = future ? (this.random.chance(0.95) ? 'planifiee' : 'annulee') : this.random.chance(0.9) ? 'terminee' : 'annulee';
    this.intervention(person, this.random.pick(INTERVENTION_KINDS), status, scheduled, status === 'terminee' ? this.random.pick(INTERVENTION_REPORTS) : null);
  }

  private randomTicket(person: Owner): void {
    const category = this.random.weighted([['depannage', 5], ['demande_devis', 3], ['rdv_intervention', 3], ['reclamation', 1], ['facturation', 2], ['autre', 1]] as const);
    const created = this.pastAt(120);
    const recent = this.now.getTime() - Date.parse(created) < 14 * DAY;
    const status: Ticket['status'] = recent
      ? this.random.weighted([['nouveau', 2], ['en_cours', 3], ['en_attente', 2], ['resolu', 2]] as const)
      : this.random.weighted([['resolu', 5], ['ferme', 4], ['en_attente', 1]] as const);
    this.ticket(person, category, this.random.pick(TICKET_SUBJECTS[category]), status, created);
  }

  // --- writers ----------------------------------------------------------------------------------

  private contact(input: {
    id: string;
    firstName: string;
    lastName: string;
    email: string | null;
    role?: string;
    companyId?: string;
    address?: string;
    city: City;
  }): Owner & { contactId: string; line?: Line } {
    const contactId = this.store.contacts.insert({
      id: input.id,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      role: input.role ?? null,
      companyId: input.companyId ?? null,
      address: input.address ?? null,
      postalCode: input.city.postalCode,
      city: input.city.name,
      createdAt: this.at(-this.random.int(30, 1500), 9, 0),
    });
    this.counts.contacts++;
    const address = input.address ? `${input.address}, ${input.city.postalCode} ${input.city.name}` : null;
    return { contactId, companyId: input.companyId ?? null, label: `${input.firstName} ${input.lastName}`, email: input.email, address };
  }

  private phone(owner: { contactId?: string | null; companyId?: string | null }, number: Line, kind: 'mobile' | 'fixe' | 'standard', raw: string): void {
    this.store.phones.insert({ contactId: owner.contactId ?? null, companyId: owner.companyId ?? null, e164: number.e164, raw, kind, at: this.at(-400, 9, 0) });
    this.counts.phones++;
  }

  private randomPhone(person: Owner & { contactId: string; line?: Line }, kind: 'mobile' | 'fixe', city: City): void {
    const number = this.newLine(kind, city);
    this.phone({ contactId: person.contactId }, number, kind, this.format(number));
    person.line ??= number;
  }

  private call(owner: Owner, fromRaw: string, from: Line, ringAt: string, state: CallState): void {
    const outbound = state !== 'missed' && this.random.chance(0.15);
    const ring = Date.parse(ringAt);
    const answered = state === 'ended';
    const answerAt = answered ? new Date(ring + this.random.int(3, 25) * 1000).toISOString() : null;
    const endAt = new Date(ring + (answered ? this.random.int(30, 900) : this.random.int(15, 40)) * 1000).toISOString();
    const id = this.random.uuid();
    this.store.calls.insertPast({
      id,
      sipCallId: `${this.random.uuid()}@${DEMO_CALL_ID_HOST}`,
      direction: outbound ? 'outbound' : 'inbound',
      state,
      fromRaw: outbound ? '201' : fromRaw,
      fromE164: outbound ? null : from.e164,
      fromDisplay: outbound ? '201' : pairs(from.national),
      callerName: null,
      toRaw: outbound ? from.national : OUR_LINE,
      toE164: outbound ? from.e164 : null,
      ringAt,
      answerAt,
      endAt,
      contactId: owner.contactId,
      companyId: owner.companyId,
      matchLabel: owner.label,
      endReason: state === 'ended' ? 'bye' : state === 'missed' ? this.random.pick(['no_answer', 'caller_cancelled']) : state === 'answered_elsewhere' ? 'answered_elsewhere' : 'busy',
      updatedAt: endAt,
    });
    this.counts.calls++;
    if (state === 'missed') this.missedCalls.push({ id, owner, from, fromDisplay: pairs(from.national), ringAt });
  }

  /**
   * The demo's missed calls as Claire's list would hold them: each one on the callback list, closed
   * by the call that reached the caller when there is one. A missed call from before yesterday (Paris)
   * was called back the same day (an outbound call is added, after everything else so the seeded
   * sequence of the rest is unchanged); yesterday's and today's stay to do. (Within 24 hours, as it
   * was, yesterday morning's missed caller showed as called back when the demo was made in the
   * afternoon, and as waiting when it was made in the morning.)
   */
  private callbackList(): void {
    const yesterdayStart = parisInstant(addDays(localTime(this.now).date, -1), 0).getTime();
    const missed = [...this.missedCalls].sort((a, b) => a.ringAt.localeCompare(b.ringAt));
    for (const call of missed) {
      const ring = Date.parse(call.ringAt);
      if (ring >= yesterdayStart || this.store.repository(CallbacksRepository).reachedAfter(call.from.e164, call.ringAt)) continue;
      const ringAt = new Date(ring + (25 + (ring / 60_000) % 50) * 60_000).toISOString();
      const answerAt = new Date(Date.parse(ringAt) + 12_000).toISOString();
      const endAt = new Date(Date.parse(ringAt) + 190_000).toISOString();
      this.store.calls.insertPast({
        id: this.random.uuid(),
        sipCallId: `${this.random.uuid()}@${DEMO_CALL_ID_HOST}`,
        direction: 'outbound',
        state: 'ended',
        fromRaw: '201',
        fromE164: null,
        fromDisplay: '201',
        callerName: null,
        toRaw: call.from.national,
        toE164: call.from.e164,
        ringAt,
        answerAt,
        endAt,
        contactId: call.owner.contactId,
        companyId: call.owner.companyId,
        matchLabel: call.owner.label,
        endReason: 'bye',
        updatedAt: endAt,
      });
      this.counts.calls++;
    }
    for (const call of missed) {
      const callbackId = this.store.repository(CallbacksRepository).addMissed({
        callId: call.id,
        ringAt: call.ringAt,
        numberKey: callbackKey({ e164: call.from.e164, display: call.fromDisplay }),
        numberE164: call.from.e164,
        display: call.fromDisplay,
        contactId: call.owner.contactId,
        companyId: call.owner.companyId,
        label: call.owner.label,
      });
      const reached = callbackId ? this.store.repository(CallbacksRepository).reachedAfter(call.from.e164, call.ringAt) : null;
      const reachedAt = reached ? this.store.calls.get(reached)?.ringAt : undefined;
      if (callbackId && reached) {
        this.store.repository(CallbacksRepository).close(callbackId, { by: 'answered_call', reason: 'Client joint depuis cet appel manqué', callId: reached, ...(reachedAt ? { at: reachedAt } : {}) });
      }
    }
  }

  private ticket(person: Owner, category: Ticket['category'], subject: string, status: Ticket['status'], createdAt: string): void {
    this.store.tickets.insert({
      id: this.random.uuid(),
      subject,
      description: null,
      status,
      priority: category === 'depannage' ? this.random.weighted([['normale', 3], ['haute', 2], ['urgente', 1]] as const) : this.random.weighted([['basse', 1], ['normale', 4]] as const),
      category,
      contactId: person.contactId,
      companyId: person.companyId,
      createdAt,
      updatedAt: createdAt,
    });
    this.counts.tickets++;
  }

  private intervention(person: Owner, kind: string, status: Intervention['status'], scheduledAt: string, report: string | null): void {
    // Booked some days before the visit, and never after "now".
    const booked = Math.min(Date.parse(scheduledAt) - this.random.int(1, 20) * DAY, this.now.getTime() - this.random.int(1, 72) * 3_600_000);
    this.store.interventions.insert({
      id: this.random.uuid(),
      kind,
      status,
      scheduledAt,
      technician: this.random.pick(TECHNICIANS),
      siteAddress: person.address,
      report,
      contactId: person.contactId,
      companyId: person.companyId,
      createdAt: new Date(booked).toISOString(),
    });
    this.counts.interventions++;
  }

  // --- values -----------------------------------------------------------------------------------

  private callState(): CallState {
    return this.random.weighted([['ended', 66], ['missed', 22], ['answered_elsewhere', 8], ['failed', 4]] as const);
  }

  /** A French number never handed out before: mobiles in 06 10–38/40–89 and 07 50–89, landlines by zone. */
  private newLine(kind: 'mobile' | 'fixe', city: City): Line {
    for (;;) {
      let national: string;
      if (kind === 'mobile') {
        national = this.random.chance(0.7) ? `06${this.random.pick(MOBILE_06_BLOCKS)}` : `07${this.random.int(50, 89)}`;
      } else {
        const block = this.random.int(10, 89);
        // 02 62 is La Réunion's range, not a mainland landline.
        national = `${city.zone}${city.zone === '02' && block === 62 ? 63 : block}`;
      }
      national += this.random.digits(6);
      const e164 = `+33${national.slice(1)}`;
      if (!this.usedNumbers.has(e164)) {
        this.usedNumbers.add(e164);
        return { e164, national };
      }
    }
  }

  /** The same number as people and PBXs type it. */
  private format(number: Line): string {
    const nsn = number.national.slice(1);
    switch (this.random.int(0, 7)) {
      case 0:
      case 1:
        return pairs(number.national);
      case 2:
        return pairs(number.national).replace(/ /g, '.');
      case 3:
        return number.national;
      case 4:
        return `+33 ${nsn.charAt(0)} ${pairs(nsn.slice(1))}`;
      case 5:
        return `+33 (0)${nsn.charAt(0)} ${pairs(nsn.slice(1))}`;
      case 6:
        return `0033${nsn}`;
      default:
        return pairs(number.national).replace(/ /g, '-');
    }
  }

  /** A SIRET with a valid Luhn key. */
  private siret(): string {
    const body = this.random.digits(13);
    for (let check = 0; check < 10; check++) if (luhnValid(body + check)) return body + check;
    return `${body}0`;
  }

  private quoteNumber(createdAt: string): string {
    this.quoteSequence++;
    return `DV-${createdAt.slice(0, 4)}-${String(this.quoteSequence).padStart(5, '0')}`;
  }

  /** `days` from now (negative: past), at hh:mm UTC. */
  private at(days: number, hours: number, minutes: number): string {
    const date = new Date(this.now.getTime() + days * DAY);
    date.setUTCHours(hours, minutes, 0, 0);
    return date.toISOString();
  }

  /** A working-hours instant in the last `maxDays` days, never after now. */
  private pastAt(maxDays: number): string {
    let iso = this.at(-this.random.int(0, maxDays), this.random.int(7, 17), this.random.int(0, 11) * 5);
    if (Date.parse(iso) > this.now.getTime()) iso = new Date(Date.parse(iso) - DAY).toISOString();
    return iso;
  }
}

/**
 * Values for every merge field of a demo e-mail, from the customer and the day it was sent; no
 * seeded draw (the sequence of the rest of the workspace stays the same).
 */
function demoMergeValues(person: Owner, sentAt: string): Record<string, string> {
  const sent = new Date(sentAt);
  const minutes = Math.floor(sent.getTime() / 60_000);
  // The visit an e-mail speaks of is the next working day ("notre technicien passe demain").
  const visit = new Date(sent.getTime() + DAY);
  while (visit.getUTCDay() === 0 || visit.getUTCDay() === 6) visit.setTime(visit.getTime() + DAY);
  visit.setUTCHours(7 + (minutes % 8), (minutes % 2) * 30, 0, 0);
  const [first = '', ...rest] = person.contactId ? person.label.split(' ') : [];
  const year = sentAt.slice(0, 4);
  const values: Record<string, string> = {
    'contact.prenom': first,
    'contact.nom': rest.join(' '),
    'contact.nom_complet': person.contactId ? person.label : '',
    'contact.email': person.email ?? '',
    'contact.adresse': person.address ?? '',
    'entreprise.nom': person.contactId ? '' : person.label,
    'entreprise.adresse': person.contactId ? '' : (person.address ?? ''),
    'devis.numero': `DV-${year}-${String(10_000 + (minutes % 90_000)).padStart(5, '0')}`,
    'devis.titre': QUOTE_KINDS[minutes % QUOTE_KINDS.length]!.title,
    'devis.montant': frenchAmount(180_000 + (minutes % 700) * 1_000),
    'devis.date_envoi': frenchShortDate(new Date(sent.getTime() - 7 * DAY)),
    'devis.validite': frenchShortDate(new Date(sent.getTime() + 53 * DAY)),
    'devis.adresse_chantier': person.address ?? '',
    'intervention.date': frenchLongDate(visit),
    'intervention.heure': frenchTime(visit),
    'intervention.technicien': TECHNICIANS[minutes % TECHNICIANS.length]!,
    'intervention.type': 'Entretien chaudière gaz',
    'intervention.adresse': person.address ?? '',
    'intervention.compte_rendu': 'Entretien réalisé, brûleur nettoyé, combustion contrôlée : rien à signaler.',
    'ticket.numero': `T-${String(minutes).slice(-8)}`,
    'ticket.sujet': 'Suivi de votre demande',
    'facture.numero': `FA-${year}-${String(minutes % 100_000).padStart(5, '0')}`,
    'facture.montant': frenchAmount(9_000 + (minutes % 400) * 100),
    'agent.prenom': 'Claire',
    'agent.nom': 'Moreau',
    'societe.nom': 'Thermo Services',
    'societe.telephone': '02 99 00 00 00',
    'lien.avis': 'https://avis.thermo-services-demo.fr',
    'date.jour': frenchShortDate(sent),
  };
  for (const field of MERGE_FIELDS) values[field.key] ??= '';
  return values;
}

/**
 * A template merged for the demo history. A field with no value for this customer (a company has no
 * first name) is left out rather than shown as `{{…}}`: demo data never holds a raw merge field.
 */
function mergedDemoText(template: string, values: Record<string, string>, target: 'subject' | 'body'): string {
  const merged = mergeText(template, values, target);
  return merged.segments
    .map((segment) => (segment.field !== null && segment.state !== 'filled' ? '' : segment.text))
    .join('')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ ([,.])/g, '$1');
}

const MOBILE_06_BLOCKS = Array.from({ length: 80 }, (_, i) => String(i + 10)).filter((block) => block !== '39');

function line(e164: string): Line {
  return { e164, national: `0${e164.slice(3)}` };
}

function cityNamed(name: string): City {
  return CITIES.find((city) => city.name === name)!;
}

function pairs(digits: string): string {
  return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
