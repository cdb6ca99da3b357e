/**
 * The customer portal as an area: sign-in by e-mailed link, sessions, what a customer reads of
 * their records, online acceptance of quotes and requests that become tickets (portal-desk.ts). Its
 * pages are on the company server's public surface (host/public/portal-area.ts), which reads this
 * area through the `portal` port. One durable queue, 'portal': the sign-in e-mails ('sign-in-link')
 * and the HubSpot deal stage of an accepted quote ('deal-stage', a PATCH: sending it again is
 * harmless). Nothing leaves from the demo workspace.
 *
 * Settings (environment): ACCUEIL_PORTAL_IDLE_MIN (default 60), ACCUEIL_PORTAL_SESSION_HOURS
 * (default 12), ACCUEIL_PORTAL_WON_STAGE (default `closedwon`, HubSpot's « Closed Won »).
 */
import type { AreaModule } from '../area';
import type { HubSpotError } from '../crm/hubspot-client';
import { JobQueue, NotYet, type JobFailure, type JobRun } from '../jobs/job-queue';
import { createLinkSigner } from '../shared/signed-links';
import { PORTAL_AUTHOR, PORTAL_QUEUE, PortalDesk } from './portal-desk';
import { PortalBooking } from './portal-booking';
import { portalMigrations } from './portal-migrations';
import { PortalRepository } from './portal-repository';
import { DEFAULT_SESSION, PortalSignIn } from './portal-sign-in';

declare module '../area' {
  interface AreaPorts {
    /** The customer portal: its public pages read it. */
    portal: PortalDesk;
    /** Booking, moving and cancelling visits from the portal, in the interventions area's windows. */
    portalBooking: PortalBooking;
  }
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  return raw && /^\d{1,5}$/.test(raw) && Number(raw) > 0 ? Number(raw) : fallback;
}

/** A HubSpot failure as the queue reads it (the gateway throws HubSpotErrors already classified). */
function hubSpotFailure(error: unknown): JobFailure {
  const e = error as Partial<HubSpotError> | null;
  if (e && typeof e === 'object' && typeof e.kind === 'string') {
    return {
      message: String(e.message),
      kind: e.kind,
      status: e.status ?? null,
      retryAfterMs: e.retryAfterMs ?? null,
      outcomeUnknown: e.kind === 'network' || e.kind === 'server',
      endsPass: e.kind === 'auth' || e.kind === 'network' || e.kind === 'daily_limit',
      givesUp: e.status === 404,
    };
  }
  return { message: String((error as Error)?.message ?? error), outcomeUnknown: false };
}

export const portalArea: AreaModule = {
  name: 'portal',
  // After the areas whose ports it reads at creation (CRM, work, templates); its pages read the others when asked.
  order: 735,
  migrations: portalMigrations,
  create({ workspace, env, events, logger, secrets, settings, options, live, port }) {
    const log = logger.child('portal');
    const clock = options.clock ?? (() => new Date());
    const repo = new PortalRepository(workspace.store.database, clock);
    const session = { idleMinutes: whole(env, 'ACCUEIL_PORTAL_IDLE_MIN', DEFAULT_SESSION.idleMinutes), absoluteHours: whole(env, 'ACCUEIL_PORTAL_SESSION_HOURS', DEFAULT_SESSION.absoluteHours) };
    const signIn = new PortalSignIn(repo, createLinkSigner(secrets, { now: clock }), clock, () => session);
    const active = () => settings.workspace() === 'crm';
    let queue: JobQueue | null = null;
    const desk = new PortalDesk({
      repo,
      signIn,
      clock,
      publicUrl: options.server?.publicUrl ?? null,
      mail: () => port('mail'),
      outbox: () => port('crmOutbox'),
      tickets: () => port('ticketOpening'),
      invoices: (target) => port('sage').ledger.unpaid(target),
      surveys: (contactId) => port('surveys').sentTo(contactId),
      // The documents area (GED): certificates, reports, quote PDFs; the photos of requests.
      documents: () => port('documents'),
      events,
      logger: log,
      active,
      wonStage: env['ACCUEIL_PORTAL_WON_STAGE']?.trim() || 'closedwon',
      queued: () => {
        if (live && queue) void queue.pass();
      },
    });

    const booking = new PortalBooking({
      booking: () => port('booking'),
      repo,
      visitOf: (customer, id) => desk.intervention(customer, id),
      clock,
      logger: log,
    });

    const dealStage = async (run: JobRun): Promise<void> => {
      const quote = run.job.subject ? repo.quoteById(run.job.subject) : null;
      const stage = (run.job.payload as { stage?: string } | null)?.stage;
      if (!quote?.hubspotId || !stage || !active()) {
        run.complete();
        return;
      }
      const gateway = port('sync').currentGateway();
      if (!gateway) throw new NotYet('HubSpot n’est pas encore configuré');
      run.markInFlight();
      await gateway.call('general', 'portal deal stage', (client) => client.crm.deals.basicApi.update(quote.hubspotId!, { properties: { dealstage: stage } }));
      run.complete();
      log.info('accepted quote: deal stage sent to HubSpot', { quote: quote.id, stage });
    };

    // One timeline: a ticket the customer opened on the portal says so in every record's history.
    workspace.directory.addHistoryOrigins((items) => {
      const tickets = items.filter((i) => i.kind === 'ticket').map((i) => i.id);
      if (tickets.length === 0) return new Map();
      const opened = workspace.store.database
        .prepare<{ id: string }>(`SELECT DISTINCT ticket_id AS id FROM ticket_events WHERE kind = 'created' AND substr(author, 1, ?) = ? AND ticket_id IN (SELECT value FROM json_each(?))`)
        .all(PORTAL_AUTHOR.length, PORTAL_AUTHOR, JSON.stringify(tickets));
      return new Map(opened.map((row) => [`ticket:${row.id}`, 'portail' as const]));
    });

    queue = new JobQueue({
      queue: PORTAL_QUEUE,
      jobs: desk.jobs,
      handlers: { 'sign-in-link': (run) => desk.sendLink(run), 'deal-stage': dealStage },
      classify: (error) => hubSpotFailure(error),
      // A sign-in e-mail cut mid-request is not sent again (never two links); a PATCH again is harmless.
      resolveInFlight: async (run) => (run.job.kind === 'deal-stage' ? 'idempotent' : 'completed'),
      backoff: { baseMs: 2_000, maxMs: 120_000 },
      loop: { idleDelayMs: 5_000, busyDelayMs: 500 },
      clock,
      logger: log.child('queue'),
    });

    return {
      provides: { portal: desk, portalBooking: booking },
      start: () => {
        if (live) queue.start();
      },
      stop: async () => {
        await queue.stop();
      },
      purgeDemo: (db) => {
        db.prepare(`DELETE FROM portal_sessions WHERE contact_id IN (SELECT id FROM temp.demo_purge_contacts)`).run();
        db.prepare(`DELETE FROM portal_links WHERE contact_id IN (SELECT id FROM temp.demo_purge_contacts)`).run();
      },
    };
  },
};
