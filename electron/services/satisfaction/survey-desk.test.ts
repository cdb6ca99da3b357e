/**
 * The survey loop on a real (in-memory) SQLite store with the real callback list: the send rules,
 * the links, what an answer does. The e-mail and the template are stand-ins here (the integration
 * test sends through a real SMTP server); the clock is injected.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus';
import { createMemoryLogger } from '../log';
import { openStore, type AccueilStore } from '../store';
import { generateDemoWorkspace } from '../demo';
import { JobQueue } from '../jobs/job-queue';
import { createLinkSigner } from '../shared/signed-links';
import { CallbackList } from '../work/callbacks/callback-list';
import { InterventionStatus } from '../interventions/intervention-status';
import type { OutgoingMessage } from '../templates/email-composer';
import type { OutboxKind } from '../crm/outbox-port';
import type { EmailPreview } from '../../contract/template-calls';
import { MemorySecrets } from '../../../test/support/memory-secrets';
import { satisfactionMigrations } from './satisfaction-migrations';
import { SURVEYS_QUEUE, SurveyDesk } from './survey-desk';
import { messagingMigrations } from '../messaging/messaging-migrations';
import { MessagingDesk } from '../messaging/messaging-desk';
import type { ServiceMessaging } from '../shared/service-channel';
import type { OvhSms } from '../messaging/providers/ovh-sms';
import type { SurveyRules } from './satisfaction-settings';

/** Tuesday 24 November 2026, 14:00 in Paris. */
const T0 = new Date('2026-11-24T13:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

let store: AccueilStore;
let now: Date;
let sent: OutgoingMessage[];
let queued: Array<{ kind: OutboxKind; localId: string; op: string }>;
let callbacks: CallbackList;
let desk: SurveyDesk;
let queue: JobQueue;
let rules: SurveyRules;
let failSending: Error | null;
let messaging: ServiceMessaging | null;

function newCustomer(email: string | null, name = 'Lefèvre') {
  const companyId = store.companies.insert({ name: `Copropriété ${name}` });
  const contactId = store.contacts.create({ firstName: 'François', lastName: name, email, companyId, phone: '06 12 34 56 78' }).id;
  return { contactId, companyId };
}

function visit(contactId: string, companyId: string | null, at = new Date(now.getTime() - 60 * MIN), status: 'planifiee' | 'terminee' = 'planifiee') {
  return store.interventions.insert({ kind: 'Entretien chaudière', scheduledAt: at.toISOString(), technician: 'Karim Benali', contactId, companyId, status });
}

/** The visit is marked done and the planner runs (as its 5-second round would, at this instant). */
const complete = (id: string) => {
  store.repository(InterventionStatus).complete(id);
  desk.plan();
};
const advance = (ms: number) => (now = new Date(now.getTime() + ms));
const linkOf = (message: OutgoingMessage, score: number) => new RegExp(`https://avis\\.example\\.fr/avis/(\\S+)\\?note=${score}\\b`).exec(message.text)![1]!;

async function runQueue() {
  desk.plan();
  return queue.runDue();
}

beforeEach(() => {
  now = T0;
  store = openStore(':memory:', { clock: () => now });
  // Some other customers' history (their visits are no concern of these tests: before the triggers).
  generateDemoWorkspace(store, { contacts: 10, now: new Date(T0.getTime() - DAY) });
  store.database.migrateArea('satisfaction', satisfactionMigrations);
  sent = [];
  queued = [];
  failSending = null;
  messaging = null;
  rules = { delayMinutes: 120, capDays: 30 };
  const events = new EventBus();
  callbacks = new CallbackList(store, events, createMemoryLogger());
  desk = new SurveyDesk({
    db: store.database,
    links: createLinkSigner(new MemorySecrets(), { now: () => now }),
    publicUrl: 'https://avis.example.fr',
    rules: () => rules,
    mail: () => ({
      unavailable: () => null,
      fromAddress: () => 'accueil@example.fr',
      send: async (message) => {
        if (failSending) throw failSending;
        sent.push(message);
        return { messageId: `<${sent.length}@test>` };
      },
    }),
    preview: () => (input) => ({ subject: 'Votre avis sur notre passage', text: `Bonjour (contact ${input.contactId})`, missing: [] }) as unknown as EmailPreview,
    outbox: () => ({ enqueue: (item) => queued.push(item) }),
    callbacks: () => ({ request: (r) => callbacks.request(r), withdraw: (ref, reason) => callbacks.withdraw(ref, reason) }),
    events,
    logger: createMemoryLogger(),
    clock: () => now,
    active: () => true,
    followUpDelayMs: 2 * MIN,
    messaging: () => messaging,
  });
  queue = new JobQueue({
    queue: SURVEYS_QUEUE,
    jobs: desk.jobs,
    handlers: { send: (run) => desk.send(run), 'follow-up': async (run) => desk.followUp(run) },
    classify: (error) => ({ message: String(error), outcomeUnknown: false }),
    resolveInFlight: async (run) => (run.job.kind === 'send' ? desk.resolveCutSend(run) : 'idempotent'),
    clock: () => now,
    random: () => 0.5,
  });
});

describe('by the customer’s preferred channel', () => {
  /** The real messaging desk on the same store (preferences, STOP ledger, idempotency keys); SMS configured. */
  function withMessaging(): MessagingDesk {
    store.database.migrateArea('messaging', messagingMigrations);
    const desk = new MessagingDesk({ db: store.database, clock: () => now, sms: () => ({}) as OvhSms, whatsapp: () => null, events: new EventBus(), logger: createMemoryLogger() });
    messaging = Object.assign(desk, { whatsappTemplateFor: async () => null });
    return desk;
  }
  const outgoing = () => store.database.prepare<{ channel: string; body: string; idempotencyKey: string }>(`SELECT channel, body, idempotency_key AS idempotencyKey FROM messages WHERE direction = 'out'`).all();

  it('sends the signed link by SMS, once and no e-mail, to a customer preferring SMS; the link opens the survey', async () => {
    const sms = withMessaging();
    const { contactId, companyId } = newCustomer('f.lefevre@example.fr');
    sms.setPreferredChannel(contactId, 'sms', 'Claire');
    complete(visit(contactId, companyId));
    advance(2 * 60 * MIN);
    await runQueue();
    await runQueue();
    expect(sent).toHaveLength(0);
    const messages = outgoing();
    expect(messages).toHaveLength(1);
    const survey = store.database.prepare<{ id: string }>(`SELECT id FROM surveys`).get();
    expect(messages[0]!.idempotencyKey).toBe(`survey:${survey!.id}`);
    const token = /https:\/\/avis\.example\.fr\/avis\/(\S+)$/.exec(messages[0]!.body)![1]!;
    expect(desk.view(token)).toMatchObject({ ok: true });
    expect(desk.surveys.get(survey!.id)).toMatchObject({ state: 'sent', channel: 'sms', email: 'f.lefevre@example.fr' });
    // A forged token is refused.
    expect(desk.view(`${token.slice(0, -2)}xx`)).toMatchObject({ ok: false });
  });

  it('sends it by e-mail when the preferred number replied STOP, and keeps why', async () => {
    const sms = withMessaging();
    const { contactId, companyId } = newCustomer('f.lefevre@example.fr');
    sms.setPreferredChannel(contactId, 'sms', 'Claire');
    sms.receive('sms', { providerId: '1', from: '+33612345678', text: 'Stop', at: now.toISOString() });
    complete(visit(contactId, companyId));
    advance(2 * 60 * MIN);
    await runQueue();
    expect(outgoing()).toHaveLength(0);
    expect(sent.map((m) => m.to)).toEqual(['f.lefevre@example.fr']);
    expect(store.database.prepare(`SELECT channel, channel_note AS note FROM surveys`).get()).toEqual({ channel: 'email', note: 'sms:stopped' });
  });

  it('asks a customer known only by a mobile by SMS, once; skips it, with no e-mail, when the number says STOP before', async () => {
    const sms = withMessaging();
    const mobileOnly = newCustomer(null, 'Sansmail');
    complete(visit(mobileOnly.contactId, mobileOnly.companyId));
    expect(store.database.prepare(`SELECT state, email FROM surveys`).get()).toEqual({ state: 'planned', email: null });
    advance(2 * 60 * MIN);
    await runQueue();
    await runQueue();
    expect(sent).toHaveLength(0);
    expect(outgoing()).toEqual([expect.objectContaining({ channel: 'sms', body: expect.stringMatching(/https:\/\/avis\.example\.fr\/avis\/\S+$/) })]);
    expect(store.database.prepare(`SELECT state, channel, email FROM surveys`).get()).toEqual({ state: 'sent', channel: 'sms', email: null });

    // Another visit of a mobile-only customer, planned; the number texts STOP before the survey's time.
    const other = store.contacts.create({ firstName: 'Jeanne', lastName: 'Sansmail', email: null, companyId: null, phone: '06 98 76 54 32' }).id;
    const second = visit(other, null);
    complete(second);
    expect(desk.surveys.bySource('intervention', second)).toMatchObject({ state: 'planned' });
    sms.receive('sms', { providerId: '2', from: '+33698765432', text: 'STOP', at: now.toISOString() });
    advance(2 * 60 * MIN);
    await runQueue();
    expect(sent).toHaveLength(0);
    expect(outgoing()).toHaveLength(1);
    expect(desk.surveys.bySource('intervention', second)).toMatchObject({ state: 'skipped', skipReason: 'no_recipient' });
  });
});

describe('when a survey goes out', () => {
  it('sends one e-mail after the delay, within office hours, with eleven signed links and a one-click unsubscribe', async () => {
    const { contactId, companyId } = newCustomer('f.lefevre@example.fr');
    const id = visit(contactId, companyId);
    complete(id);
    await runQueue();
    expect(sent).toHaveLength(0);
    const survey = desk.surveys.bySource('intervention', id)!;
    expect(survey).toMatchObject({ state: 'planned', email: 'f.lefevre@example.fr', technician: 'Karim Benali' });
    expect(survey.dueAt).toBe(new Date(T0.getTime() + 120 * MIN).toISOString());

    advance(121 * MIN);
    await runQueue();
    expect(sent).toHaveLength(1);
    const message = sent[0]!;
    expect(message.to).toBe('f.lefevre@example.fr');
    for (let score = 0; score <= 10; score++) expect(message.text).toContain(`?note=${score}`);
    expect(message.html).toContain('aria-label="Note 3 sur 10"');
    expect(message.text).toContain('À propos de : Entretien chaudière du mardi 24 novembre 2026, par Karim Benali.');
    expect(message.headers).toMatchObject({ 'Auto-Submitted': 'auto-generated', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(message.headers!['List-Unsubscribe']).toMatch(/^<https:\/\/avis\.example\.fr\/avis\/\S+\/desabonnement>$/);
    expect(desk.surveys.get(survey.id)).toMatchObject({ state: 'sent', sentAt: now.toISOString() });
  });

  it('waits for the morning when the delay ends at night, and skips Sunday', async () => {
    now = new Date('2026-11-28T17:30:00Z'); // Saturday 18:30 in Paris: +2 h = 20:30
    const { contactId, companyId } = newCustomer('f.lefevre@example.fr');
    complete(visit(contactId, companyId));
    desk.plan();
    const survey = desk.surveys.recent(1)[0]!;
    expect(survey.dueAt).toBe('2026-11-30T08:00:00.000Z'); // Monday 9:00
  });

  it('never surveys the same visit twice, however often its status goes back and forth', async () => {
    const { contactId, companyId } = newCustomer('f.lefevre@example.fr');
    const id = visit(contactId, companyId);
    complete(id);
    store.database.prepare(`UPDATE interventions SET status = 'en_cours' WHERE id = ?`).run(id);
    complete(id);
    advance(3 * 60 * MIN);
    await runQueue();
    await runQueue();
    expect(sent).toHaveLength(1);
    expect(store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM surveys WHERE source_id = ?`).get(id)!.n).toBe(1);
  });

  it('sends at most one survey per customer in 30 days, then again', async () => {
    const { contactId, companyId } = newCustomer('f.lefevre@example.fr');
    complete(visit(contactId, companyId));
    advance(3 * 60 * MIN);
    await runQueue();
    advance(10 * DAY);
    const second = visit(contactId, companyId);
    complete(second);
    await runQueue();
    expect(desk.surveys.bySource('intervention', second)).toMatchObject({ state: 'skipped', skipReason: 'recently_surveyed' });
    advance(25 * DAY); // Tuesday 29 December, 17:00: planned for 19:00, a quiet hour → Wednesday 9:00
    const third = visit(contactId, companyId);
    complete(third);
    expect(desk.surveys.bySource('intervention', third)!.dueAt).toBe('2026-12-30T08:00:00.000Z');
    advance(18 * 60 * MIN);
    await runQueue();
    expect(sent).toHaveLength(2);
  });

  it('honours an opt-out at once, even for a survey already planned', async () => {
    const { contactId, companyId } = newCustomer('f.lefevre@example.fr');
    complete(visit(contactId, companyId));
    advance(3 * 60 * MIN);
    await runQueue();
    const optOut = /\/avis\/(\S+)\/desabonnement/.exec(sent[0]!.text)![1]!;
    advance(35 * DAY);
    const next = visit(contactId, companyId);
    complete(next);
    expect(desk.surveys.bySource('intervention', next)!.state).toBe('planned');
    expect(desk.optOut(optOut, 'page')).toMatchObject({ ok: true, optedOut: true });
    advance(18 * 60 * MIN);
    await runQueue();
    expect(sent).toHaveLength(1);
    expect(desk.surveys.bySource('intervention', next)).toMatchObject({ state: 'skipped', skipReason: 'opted_out' });
  });

  it('skips a visit read as done long after it happened (a first sync of old meetings), and one without an address', async () => {
    const { contactId, companyId } = newCustomer('f.lefevre@example.fr');
    const old = visit(contactId, companyId, new Date(now.getTime() - 40 * DAY), 'terminee');
    const nobody = newCustomer(null, 'Sansmail');
    const noAddress = visit(nobody.contactId, nobody.companyId);
    complete(noAddress);
    await runQueue();
    expect(desk.surveys.bySource('intervention', old)).toMatchObject({ state: 'skipped', skipReason: 'too_old' });
    expect(desk.surveys.bySource('intervention', noAddress)).toMatchObject({ state: 'skipped', skipReason: 'no_recipient' });
  });

  it('surveys a resolved ticket too', async () => {
    const { contactId, companyId } = newCustomer('f.lefevre@example.fr');
    const ticketId = store.tickets.insert({ subject: 'Fuite sous l’évier', status: 'en_cours', priority: 'normale', category: 'depannage', contactId, companyId });
    store.database.prepare(`UPDATE tickets SET status = 'resolu' WHERE id = ?`).run(ticketId);
    desk.plan();
    advance(3 * 60 * MIN);
    await runQueue();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('À propos de votre demande « Fuite sous l’évier »');
  });

  it('keeps a survey the SMTP server refused, and sends it once the server is back', async () => {
    const { contactId, companyId } = newCustomer('f.lefevre@example.fr');
    complete(visit(contactId, companyId));
    advance(3 * 60 * MIN);
    failSending = new Error('connection refused');
    await runQueue();
    expect(sent).toHaveLength(0);
    expect(desk.surveys.recent(1)[0]!.state).toBe('planned');
    failSending = null;
    advance(10 * MIN);
    await runQueue();
    expect(sent).toHaveLength(1);
    expect(desk.surveys.recent(1)[0]!.state).toBe('sent');
  });

  it('does not send a second e-mail when the first was cut between the request and its answer', async () => {
    const { contactId, companyId } = newCustomer('f.lefevre@example.fr');
    complete(visit(contactId, companyId));
    advance(3 * 60 * MIN);
    desk.plan();
    // The process dies while the SMTP server holds the message: the job is in flight, the survey « sending ».
    const job = desk.jobs.due(SURVEYS_QUEUE, now)[0]!;
    desk.jobs.markInFlight(job.id);
    store.database.prepare(`UPDATE surveys SET state = 'sending'`).run();
    await queue.runDue();
    expect(sent).toHaveLength(0);
    expect(desk.surveys.recent(1)[0]!.state).toBe('sent');
  });
});

describe('the answer', () => {
  async function sentSurvey(email = 'f.lefevre@example.fr') {
    const { contactId, companyId } = newCustomer(email);
    complete(visit(contactId, companyId));
    const before = sent.length;
    // Hour by hour until it leaves (a quiet hour may hold it until the morning).
    for (let hour = 0; hour < 24 && sent.length === before; hour++) {
      advance(60 * MIN);
      await runQueue();
    }
    const message = sent.at(-1)!;
    expect(message.to).toBe(email);
    return { contactId, token: linkOf(message, 0), message };
  }

  it('a detractor goes on the callback list with the comment, due within one working day; a note and the contact properties go to HubSpot once', async () => {
    const { contactId, token } = await sentSurvey();
    expect(desk.answer(token, 3)).toMatchObject({ ok: true, survey: { score: 3 } });
    desk.comment(token, 'Technicien en retard', false);
    advance(3 * MIN);
    await runQueue();
    const open = callbacks.list({ includeDone: false, limit: 50 }).filter((c) => c.contactId === contactId);
    expect(open).toHaveLength(1);
    expect(open[0]!.reason).toBe('Avis 3/10 sur « Entretien chaudière » — « Technicien en retard »');
    expect(open[0]!.missedCount).toBe(0);
    expect(open[0]!.number).toBe('+33612345678');
    expect(open[0]!.dueAt).toBe('2026-11-25T15:00:00.000Z'); // answered Tuesday 16:03 → Wednesday 16:00
    const note = store.database.prepare<{ body: string; contact_id: string }>(`SELECT body, contact_id FROM notes WHERE id LIKE 'enquete-%'`).all();
    expect(note).toEqual([{ contact_id: contactId, body: expect.stringContaining('Enquête de satisfaction : 3/10 (détracteur).') }]);
    expect(note[0]!.body).toContain('« Technicien en retard »');
    expect(queued.filter((q) => q.kind === 'note')).toHaveLength(1);
    expect(queued.filter((q) => q.kind === 'contact' && q.localId === contactId)).toHaveLength(1);
    expect(desk.latest(contactId)).toMatchObject({ score: 3, category: 'detracteur', comment: 'Technicien en retard' });
  });

  it('clicking again changes the one answer: the callback is withdrawn, the same note updated', async () => {
    const { contactId, token } = await sentSurvey();
    desk.answer(token, 2);
    advance(3 * MIN);
    await runQueue();
    expect(callbacks.list({ includeDone: false, limit: 50 }).some((c) => c.contactId === contactId)).toBe(true);
    advance(60 * MIN);
    desk.answer(token, 9);
    advance(3 * MIN);
    await runQueue();
    expect(callbacks.list({ includeDone: false, limit: 50 }).some((c) => c.contactId === contactId)).toBe(false);
    const notes = store.database.prepare<{ body: string }>(`SELECT body FROM notes WHERE id LIKE 'enquete-%'`).all();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('9/10 (promoteur)');
    expect(queued.filter((q) => q.kind === 'note').map((q) => q.op)).toEqual(['create', 'update']);
    expect(store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM surveys WHERE score IS NOT NULL`).get()!.n).toBeGreaterThanOrEqual(1);
  });

  it('a passive who asks to be called back is called back; one who does not is a note only', async () => {
    const first = await sentSurvey('a.martin@example.fr');
    desk.answer(first.token, 7);
    desk.comment(first.token, 'Rappelez-moi pour le devis', true);
    const second = await sentSurvey('b.durand@example.fr');
    desk.answer(second.token, 8);
    desk.comment(second.token, 'Bien', false);
    advance(3 * MIN);
    await runQueue();
    const open = callbacks.list({ includeDone: false, limit: 50 });
    expect(open.some((c) => c.contactId === first.contactId && c.reason?.includes('souhaite être rappelé'))).toBe(true);
    expect(open.some((c) => c.contactId === second.contactId)).toBe(false);
  });

  it('forgets a burst of every score in seconds: a mail scanner, not the customer', async () => {
    const { contactId, token } = await sentSurvey();
    for (let score = 0; score <= 10; score++) desk.answer(token, score);
    advance(3 * MIN);
    await runQueue();
    expect(desk.latest(contactId)).toBeNull();
    expect(callbacks.list({ includeDone: false, limit: 50 }).some((c) => c.contactId === contactId)).toBe(false);
    expect(store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM notes WHERE id LIKE 'enquete-%'`).get()!.n).toBe(0);
  });

  it('refuses forged, edited and expired links, recording nothing; a link reaches its own survey only', async () => {
    const a = await sentSurvey('a.martin@example.fr');
    const b = await sentSurvey('b.durand@example.fr');
    const edited = `${a.token.slice(0, -3)}${a.token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect(desk.answer(edited, 0)).toEqual({ ok: false, why: 'invalid' });
    expect(desk.answer('k1.survey.zzzzzz.YWJj.AAAA', 0)).toEqual({ ok: false, why: 'invalid' });
    // The unsubscribe link is not an answer link, nor the other way round.
    const optOut = /\/avis\/(\S+)\/desabonnement/.exec(a.message.text)![1]!;
    expect(desk.answer(optOut, 0)).toEqual({ ok: false, why: 'invalid' });
    expect(desk.optOut(a.token, 'page')).toEqual({ ok: false, why: 'invalid' });
    desk.answer(a.token, 4);
    expect(desk.latest(a.contactId)!.score).toBe(4);
    expect(desk.latest(b.contactId)).toBeNull();
    advance(31 * DAY);
    expect(desk.answer(b.token, 10)).toEqual({ ok: false, why: 'expired' });
    expect(desk.latest(b.contactId)).toBeNull();
  });
});

describe('figures', () => {
  it('counts the window’s answers and the response rate', async () => {
    const before = desk.figures(90);
    const customers = ['a@x.fr', 'b@x.fr', 'c@x.fr', 'd@x.fr'].map((email, i) => newCustomer(email, `Nom${i}`));
    for (const c of customers) complete(visit(c.contactId, c.companyId));
    advance(3 * 60 * MIN);
    await runQueue();
    const tokens = sent.map((m) => linkOf(m, 0));
    desk.answer(tokens[0]!, 10);
    desk.answer(tokens[1]!, 9);
    desk.answer(tokens[2]!, 5);
    const after = desk.figures(90);
    expect(after.sent - before.sent).toBe(4);
    expect(after.answered - before.answered).toBe(3);
    expect(after.window.n - before.window.n).toBe(3);
    const mine = desk.figures(90).byTechnician.find((g) => g.label === 'Karim Benali')!;
    expect(mine.n).toBeGreaterThanOrEqual(3);
    expect(after.months).toHaveLength(12);
    expect(after.months.at(-1)!.month).toBe('2026-11');
  });
});
