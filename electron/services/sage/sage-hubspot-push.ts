/**
 * Sage's customers to HubSpot: each linked company is upserted by its unique property
 * `code_client_sage` (HubSpot's batch upsert with idProperty, 100 at a time), so a rerun, a crash
 * between the request and the recorded answer, or the same file imported twice never makes a twin.
 * A company HubSpot already has (a hubspot_id) is updated by that id, which sets its code the first
 * time; from then on both paths name the same record.
 *
 * What is sent is what Sage owns (name, billing address, SIRET, VAT number, the code) — never
 * phones, e-mails or people (HubSpot's), and never a field whose local value is in conflict with
 * Sage's (sage_conflicts): the person decides first. `accueil_id` goes with it, so that the CRM
 * outbox's own upsert of the same company (by accueil_id) finds this record instead of a twin.
 *
 * One durable job ('sage-hubspot' queue, kind 'push', coalesced) runs until nothing is left to send;
 * what was sent is recorded per account (hubspot_sent), so a stopped run resumes where it was.
 */
import type { Client } from '@hubspot/api-client';
import { JobQueue, NotYet, type JobFailure, type JobRun } from '../jobs/job-queue';
import { JobsRepository } from '../store/jobs-repository';
import type { AccueilStore } from '../store';
import type { Logger } from '../log';
import type { HubSpotError, HubSpotGateway } from '../crm/hubspot-client';
import { ensureHubSpotProperty } from '../shared/hubspot-property';
import { SAGE_HUBSPOT_QUEUE } from './sage-importer';
import type { SageAccountRow, SageRepository } from './sage-repository';

export const CODE_CLIENT_SAGE = 'code_client_sage';
/** The CRM outbox's own unique property (crm/hubspot-objects.ts), named here: areas share no code at run time. */
const ACCUEIL_ID = 'accueil_id';

/**
 * What a gateway call failed with: the gateway throws HubSpotErrors already classified (kind,
 * status, Retry-After); anything else (a bug) is an internal failure.
 */
function hubSpotFailure(error: unknown): Pick<HubSpotError, 'kind' | 'status' | 'retryAfterMs' | 'message'> & { detail: string } {
  const e = error as Partial<HubSpotError> | null;
  if (e && typeof e === 'object' && typeof e.kind === 'string') {
    return { kind: e.kind, status: e.status ?? null, retryAfterMs: e.retryAfterMs ?? null, message: String(e.message), detail: String((e.params as Record<string, unknown> | undefined)?.['detail'] ?? e.message) };
  }
  return { kind: 'internal', status: null, retryAfterMs: null, message: String((error as Error)?.message ?? error), detail: '' };
}

/** The company properties this area keeps (created once when HubSpot lacks them). */
const PROPERTIES = [
  { name: CODE_CLIENT_SAGE, label: 'Code client Sage', description: 'Numéro de compte client dans Sage (CT_Num), tel que Sage l’écrit', hasUniqueValue: true },
  { name: ACCUEIL_ID, label: 'Identifiant Accueil', description: 'Identifiant de l’enregistrement dans Accueil (évite les doublons)', hasUniqueValue: true },
  { name: 'siret', label: 'SIRET', description: 'SIRET de l’établissement facturé, d’après Sage', hasUniqueValue: false },
  { name: 'numero_tva_intracommunautaire', label: 'N° TVA intracommunautaire', description: 'D’après Sage (CT_Identifiant)', hasUniqueValue: false },
] as const;

type AccountToSend = SageAccountRow & { company_hubspot_id: string | null };

/** HubSpot's batch size, and how many batches are in flight at once (the limiter paces them). */
const BATCH = 100;
const BATCHES_IN_FLIGHT = 8;

/** The contact property holding a person account's code (a customer without a company). */
const CONTACT_PROPERTY = { name: CODE_CLIENT_SAGE, label: 'Code client Sage', description: 'Numéro de compte client dans Sage (CT_Num) d’un particulier, tel que Sage l’écrit', hasUniqueValue: true } as const;

/** What was sent, as recorded: the fingerprint and the conflicts that held fields back. */
function sentKey(row: AccountToSend, conflicts: Array<{ field: string; localValue: string }>): string {
  return row.fingerprint + conflicts.map((c) => `|${c.field}=${c.localValue}`).join('');
}

const HUBSPOT_FIELD: Record<string, string> = { name: 'name', address: 'address', postal_code: 'zip', city: 'city', siret: 'siret' };

export interface SageHubSpotPushOptions {
  store: AccueilStore;
  repo: SageRepository;
  /** The CRM area's gateway of the current token (shared rate limits); null without a token. */
  gateway: () => HubSpotGateway | null;
  /** Shared with the importer that enqueues the job (SageImporter). */
  clock: () => Date;
  logger?: Logger;
  loop?: { idleDelayMs?: number };
}

export class SageHubSpotPush {
  readonly queue: JobQueue;
  private propertiesReady = false;

  constructor(private readonly options: SageHubSpotPushOptions) {
    this.queue = new JobQueue({
      queue: SAGE_HUBSPOT_QUEUE,
      jobs: new JobsRepository(options.store.database, options.clock),
      handlers: { push: (run) => this.push(run) },
      classify: (error): JobFailure => {
        const e = hubSpotFailure(error);
        return {
          message: e.message,
          kind: e.kind,
          status: e.status,
          retryAfterMs: e.retryAfterMs,
          outcomeUnknown: e.kind === 'network' || e.kind === 'server',
          endsPass: e.kind === 'auth' || e.kind === 'network' || e.kind === 'daily_limit',
          waitsForPerson: e.kind === 'auth',
        };
      },
      // Upserts by code and updates by id: sending again is harmless.
      resolveInFlight: async () => 'idempotent',
      ...(options.loop ? { loop: options.loop } : {}),
      clock: options.clock,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /** What Sage owns of a person: the code and the billing address (never names, phones, e-mails). */
  private personProperties(row: SageAccountRow): Record<string, string> {
    const held = new Set(this.options.repo.conflictsOf(row.code).map((c) => c.field));
    const values: Record<string, string | null> = {
      address: [row.address, row.complement].filter(Boolean).join(', ') || null,
      postal_code: row.postal_code,
      city: row.city,
    };
    const out: Record<string, string> = { [CODE_CLIENT_SAGE]: row.code };
    for (const [field, value] of Object.entries(values)) if (value && !held.has(field)) out[HUBSPOT_FIELD[field]!] = value;
    return out;
  }

  private properties(row: AccountToSend): Record<string, string> {
    const held = new Set(this.options.repo.conflictsOf(row.code).map((c) => c.field));
    const values: Record<string, string | null> = {
      name: row.name,
      address: [row.address, row.complement].filter(Boolean).join(', ') || null,
      postal_code: row.postal_code,
      city: row.city,
      siret: row.siret && row.siret_valid === 1 ? row.siret : null,
    };
    const out: Record<string, string> = { [CODE_CLIENT_SAGE]: row.code, [ACCUEIL_ID]: row.company_id! };
    for (const [field, value] of Object.entries(values)) if (value && !held.has(field)) out[HUBSPOT_FIELD[field]!] = value;
    if (row.country) out['country'] = row.country;
    if (row.vat) out['numero_tva_intracommunautaire'] = row.vat;
    return out;
  }

  private async ensureProperties(gateway: HubSpotGateway): Promise<void> {
    if (this.propertiesReady) return;
    for (const spec of PROPERTIES) await ensureHubSpotProperty(gateway, 'companies', { ...spec, groupName: 'companyinformation' });
    await ensureHubSpotProperty(gateway, 'contacts', { ...CONTACT_PROPERTY, groupName: 'contactinformation' });
    this.propertiesReady = true;
  }

  private async push(run: JobRun): Promise<void> {
    const gateway = this.options.gateway();
    if (!gateway) throw new NotYet('HubSpot n’est pas configuré : les comptes Sage partiront avec le jeton');
    await this.ensureProperties(gateway);
    const { repo } = this.options;
    for (;;) {
      // Several batches of 100 in flight at once: the gateway's limiter, not the wait for each
      // answer, sets the pace (HubSpot's 100 requests per 10 s). Each batch is an upsert or an
      // update by id: one sent again after a failure of another changes nothing.
      const rows = repo.accountsToSend(BATCH * BATCHES_IN_FLIGHT);
      if (rows.length === 0) break;
      run.markInFlight();
      const batches: AccountToSend[][] = [];
      for (let i = 0; i < rows.length; i += BATCH) batches.push(rows.slice(i, i + BATCH));
      const results = await Promise.all(batches.map((batch) => this.sendCompanies(gateway, batch)));
      repo.transaction(() => {
        for (const { batch, found, sent } of results) {
          for (const row of batch) {
            const hubspotId = found.get(row.code);
            if (hubspotId) repo.setCompanyHubspotId(row.company_id!, hubspotId);
            const key = sent.get(row.code);
            if (key !== undefined) repo.markSent(row.code, key);
          }
        }
      });
    }
    // Person accounts: the code and billing address on the contact HubSpot has, by its id (a
    // batch update is idempotent). One not in HubSpot yet goes once the CRM outbox has created it.
    for (;;) {
      const batch = repo.personAccountsToSend(100);
      if (batch.length === 0) break;
      run.markInFlight();
      await gateway.call('general', 'update contacts (Sage)', (c: Client) =>
        c.crm.objects.batchApi.update('contacts', { inputs: batch.map((row) => ({ id: row.contact_hubspot_id, properties: this.personProperties(row) })) }),
      );
      repo.transaction(() => {
        for (const row of batch) repo.markSent(row.code, sentKey({ ...row, company_hubspot_id: null }, repo.conflictsOf(row.code)));
      });
    }
    run.complete();
  }

  /** One batch of companies: updated by id when HubSpot has them, else upserted by their code. */
  private async sendCompanies(gateway: HubSpotGateway, batch: AccountToSend[]): Promise<{ batch: AccountToSend[]; found: Map<string, string>; sent: Map<string, string> }> {
    const { repo } = this.options;
    const sent = new Map(batch.map((row) => [row.code, sentKey(row, repo.conflictsOf(row.code))]));
    const found = new Map<string, string>();
    const byId = batch.filter((row) => row.company_hubspot_id);
    const byCode = batch.filter((row) => !row.company_hubspot_id);
    if (byId.length > 0) {
      await gateway.call('general', 'update companies (Sage)', (c: Client) =>
        c.crm.objects.batchApi.update('companies', { inputs: byId.map((row) => ({ id: row.company_hubspot_id!, properties: this.properties(row) })) }),
      );
    }
    if (byCode.length > 0) {
      try {
        const res = await gateway.call('general', 'upsert companies (Sage)', (c: Client) =>
          c.crm.objects.batchApi.upsert('companies', { inputs: byCode.map((row) => ({ idProperty: CODE_CLIENT_SAGE, id: row.code, properties: this.properties(row) })) }),
        );
        for (const result of res.results) {
          const code = result.properties?.[CODE_CLIENT_SAGE];
          if (code) found.set(code, String(result.id));
        }
      } catch (error) {
        if (hubSpotFailure(error).kind !== 'conflict') throw error;
        // One of them holds an accueil_id HubSpot already has (the CRM outbox sent the company
        // first): one at a time, each conflict names the record, which is then updated by id.
        for (const row of byCode) await this.upsertOne(gateway, row, found, sent);
      }
    }
    return { batch, found, sent };
  }

  private async upsertOne(gateway: HubSpotGateway, row: AccountToSend, found: Map<string, string>, sent: Map<string, string>): Promise<void> {
    try {
      const res = await gateway.call('general', 'upsert company (Sage)', (c: Client) =>
        c.crm.objects.batchApi.upsert('companies', { inputs: [{ idProperty: CODE_CLIENT_SAGE, id: row.code, properties: this.properties(row) }] }),
      );
      if (res.results[0]) found.set(row.code, String(res.results[0].id));
    } catch (error) {
      const e = hubSpotFailure(error);
      const existing = e.kind === 'conflict' ? /Existing ID: (\d+)/.exec(e.detail)?.[1] : undefined;
      if (!existing) throw error;
      // Not marked sent: the next round updates the record by this id, with the code.
      found.set(row.code, existing);
      sent.delete(row.code);
    }
  }
}
