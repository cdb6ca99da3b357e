/**
 * Each SMS and WhatsApp message to HubSpot, once, as a communication on the contact's (and its
 * company's) timeline: `POST /crm/v3/objects/communications` with hs_communication_channel_type
 * (SMS, WHATS_APP), hs_communication_logged_from CRM, hs_communication_body, hs_timestamp, and the
 * HubSpot-defined associations communication → contact (81) and → company (87).
 *
 * One durable job per message (queue 'messaging-hubspot', idempotency key `message:<id>`: never
 * queued twice), queued when a customer's message is stored and when one of ours has left, on the
 * CRM area's gateway (shared rate limits). The communication's id is recorded on the message. A job
 * found in flight (a crash or a cut connection between the create and its recorded answer) is
 * looked up first — search communications by accueil_id = message-<id> — and the create is only
 * sent again once HubSpot's search has had `inFlightGraceMs` to catch up.
 */
import type { Client } from '@hubspot/api-client';
import { JobQueue, NotYet, type InFlightResolution, type JobRun } from '../jobs/job-queue';
import { JobsRepository } from '../store/jobs-repository';
import type { AccueilDatabase } from '../store/database';
import type { Logger } from '../log';
import type { HubSpotGateway } from '../crm/hubspot-client';
import { UnansweredCreates } from '../shared/unanswered-creates';
import { ensureHubSpotProperty } from '../shared/hubspot-property';

export const MESSAGING_HUBSPOT_QUEUE = 'messaging-hubspot';
/** The communications' own id property, as the CRM outbox names it on engagements. */
const ACCUEIL_ID = 'accueil_id';
/** HubSpot-defined association type ids (v4), communication → record. */
export const COMMUNICATION_TO_CONTACT = 81;
export const COMMUNICATION_TO_COMPANY = 87;
/** The CRM outbox's queue: a record still waiting there has no HubSpot id yet. */
const CRM_QUEUE = 'hubspot';

export const communicationAccueilId = (messageId: string): string => `message-${messageId}`;

interface PushRow {
  id: string;
  channel: 'sms' | 'whatsapp';
  direction: 'in' | 'out';
  body: string;
  templateName: string | null;
  contactId: string | null;
  companyId: string | null;
  createdAt: string;
  hubspotId: string | null;
  contactHubspotId: string | null;
  companyHubspotId: string | null;
}

export interface MessagingHubSpotPushOptions {
  db: AccueilDatabase;
  gateway: () => HubSpotGateway | null;
  clock: () => Date;
  logger?: Logger;
  /** How long a communication whose answer was lost is searched for before it is sent again (default 60 s). */
  inFlightGraceMs?: number;
  /** The wait while the message's contact is not in HubSpot yet (default 30 s). */
  notYetDelayMs?: number;
  loop?: { idleDelayMs?: number; busyDelayMs?: number; canRun?: () => boolean };
}

export class MessagingHubSpotPush {
  readonly queue: JobQueue;
  private readonly jobs: JobsRepository;
  private propertyReady = false;
  private readonly creates = new UnansweredCreates();

  constructor(private readonly options: MessagingHubSpotPushOptions) {
    this.jobs = new JobsRepository(options.db, options.clock);
    this.queue = new JobQueue({
      queue: MESSAGING_HUBSPOT_QUEUE,
      jobs: this.jobs,
      handlers: { push: (run) => this.push(run) },
      classify: (error) => this.creates.classify(error),
      resolveInFlight: (run) => this.resolveInFlight(run),
      inFlightGraceMs: options.inFlightGraceMs ?? 60_000,
      notYetDelayMs: options.notYetDelayMs ?? 30_000,
      waitReasons: {
        earlierInFlight: 'un envoi précédent de ce message n’a pas encore abouti',
        inFlightGrace: 'recherche HubSpot en retard : vérification avant un nouvel envoi',
      },
      ...(options.loop ? { loop: options.loop } : {}),
      clock: options.clock,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /** Queues a message's push; inside the transaction that stores (or sends) it. */
  enqueue(messageId: string): void {
    this.jobs.enqueue(MESSAGING_HUBSPOT_QUEUE, { kind: 'push', subject: messageId, idempotencyKey: `message:${messageId}` });
  }

  private row(id: string): PushRow | null {
    return (
      this.options.db
        .prepare<PushRow>(
          `SELECT m.id, m.channel, m.direction, m.body, m.template_name AS templateName, m.contact_id AS contactId, m.company_id AS companyId,
                  m.created_at AS createdAt, m.hubspot_id AS hubspotId, c.hubspot_id AS contactHubspotId, co.hubspot_id AS companyHubspotId
             FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id LEFT JOIN companies co ON co.id = m.company_id WHERE m.id = ?`,
        )
        .get(id) ?? null
    );
  }

  private record(id: string, hubspotId: string): void {
    this.options.db.prepare(`UPDATE messages SET hubspot_id = ? WHERE id = ?`).run(hubspotId, id);
  }

  private gateway(): HubSpotGateway {
    const gateway = this.options.gateway();
    if (!gateway) throw new NotYet('HubSpot n’est pas configuré : les messages partiront avec le jeton');
    return gateway;
  }

  private async resolveInFlight(run: JobRun): Promise<InFlightResolution> {
    const row = run.job.subject ? this.row(run.job.subject) : null;
    if (!row || row.hubspotId) return 'completed';
    const gateway = this.gateway();
    await this.ensureProperty(gateway);
    const found = await gateway.call('search', 'lookup message communication', (c: Client) =>
      c.crm.objects.searchApi.doSearch('communications', {
        filterGroups: [{ filters: [{ propertyName: ACCUEIL_ID, operator: 'EQ' as never, value: communicationAccueilId(row.id) }] }],
        properties: [ACCUEIL_ID],
        limit: 1,
      }),
    );
    const communication = found.results[0];
    if (communication) {
      run.complete(() => this.record(row.id, String(communication.id)));
      return 'completed';
    }
    return 'absent';
  }

  private associations(row: PushRow): Array<{ to: { id: string }; types: Array<{ associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }> }> {
    const out: Array<{ to: { id: string }; types: Array<{ associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }> }> = [];
    const links: Array<[string, string | null, string | null, number]> = [
      ['contact', row.contactId, row.contactHubspotId, COMMUNICATION_TO_CONTACT],
      ['company', row.companyId, row.companyHubspotId, COMMUNICATION_TO_COMPANY],
    ];
    for (const [kind, id, hubspotId, typeId] of links) {
      if (!id) continue;
      if (!hubspotId) {
        if (this.jobs.isQueued(CRM_QUEUE, kind, id)) throw new NotYet(`en attente de l’envoi du ${kind} associé`);
        continue;
      }
      out.push({ to: { id: hubspotId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }] });
    }
    return out;
  }

  private async ensureProperty(gateway: HubSpotGateway): Promise<void> {
    if (this.propertyReady) return;
    await ensureHubSpotProperty(gateway, 'communications', { name: ACCUEIL_ID, label: 'Identifiant Accueil', description: 'Identifiant de l’enregistrement dans Accueil (évite les doublons)', hasUniqueValue: false, groupName: 'communicationinformation' });
    this.propertyReady = true;
  }


  private async push(run: JobRun): Promise<void> {
    this.creates.reset();
    const row = run.job.subject ? this.row(run.job.subject) : null;
    if (!row || row.hubspotId) return run.complete();
    const associations = this.associations(row);
    // A message on nobody known to HubSpot (an unknown number): nothing to put on a timeline.
    if (associations.length === 0) return run.complete();
    const gateway = this.gateway();
    await this.ensureProperty(gateway);
    const body = row.templateName ? `Modèle « ${row.templateName} » — ${row.body}` : row.body;
    run.markInFlight();
    const created = await gateway.call('general', 'create message communication', (c: Client) =>
      this.creates.run(() =>
        c.crm.objects.basicApi.create('communications', {
          properties: {
            [ACCUEIL_ID]: communicationAccueilId(row.id),
            hs_communication_channel_type: row.channel === 'sms' ? 'SMS' : 'WHATS_APP',
            hs_communication_logged_from: 'CRM',
            hs_communication_body: `${row.direction === 'in' ? 'Reçu' : 'Envoyé'} : ${body}`.slice(0, 65_000),
            hs_timestamp: row.createdAt,
          },
          associations: associations as never,
        }),
      ),
    );
    run.complete(() => this.record(row.id, String(created.id)));
    this.options.logger?.info('message sent to HubSpot', { id: row.id, communication: String(created.id) });
  }
}
