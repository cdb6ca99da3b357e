/**
 * HubSpot synchronisation (issue 3): status, connection test, token, run now; the `sync.status`
 * event whenever any of it changes (phase, progress, outbox, last error as a reason and in French).
 */
import { z } from 'zod';
import { audience, call, Empty, STAFF_AND_WALL_SCREEN, companySetting } from './call-spec';
import { Reasoned } from './model';

/**
 * What the sync is doing, as a code the interface words in its own language: the reference data
 * (owners, pipelines), one object type of the initial copy, or an incremental update.
 */
export const SyncPhase = z.enum(['reference', 'companies', 'contacts', 'tickets', 'deals', 'calls', 'notes', 'emails', 'meetings', 'tasks', 'update']);
export type SyncPhase = z.infer<typeof SyncPhase>;

export const SyncStatus = z.object({
  /** A token is configured (Settings or ACCUEIL_HUBSPOT_TOKEN). */
  configured: z.boolean(),
  /** The token comes from the environment: the Settings field cannot change it. */
  tokenFromEnvironment: z.boolean(),
  state: z.enum(['off', 'initial', 'idle', 'syncing', 'error', 'offline']),
  /** What is being done now, or null. */
  phase: SyncPhase.nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }).nullable(),
  lastSuccessAt: z.string().nullable(),
  pendingOutbox: z.number().int(),
  /** The last failure in French (the CLI, older clients)… */
  lastError: z.string().nullable(),
  /** …and as a reason of error-catalog.ts, which the interface words in its own language. */
  lastErrorReason: Reasoned.nullable(),
  pollIntervalMs: z.number().int(),
  /** HubSpot records skipped because they could not be read (details in the log); the rest syncs. */
  unreadableRecords: z.number().int().nonnegative(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const ConnectionTest = Reasoned.extend({
  ok: z.boolean(),
  kind: z.string(),
  /** The answer in French; `reason` and `params` word it in the interface's language. */
  message: z.string(),
  missingScopes: z.array(z.string()),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

export const syncCalls = {
  'sync.status': call('read', Empty, SyncStatus),
  /** Tests a token (the one given, else the stored one) without saving it. */
  'sync.testConnection': companySetting(call('write', z.object({ token: z.string().trim().max(500).optional() }).strict(), ConnectionTest)),
  /** Stores the token (write-only: never read back); empty removes it. Starts or stops the sync. */
  'sync.setToken': companySetting(call('write', z.object({ token: z.string().trim().max(500) }).strict(), SyncStatus)),
  /** Polls now instead of waiting for the next interval. */
  'sync.runNow': call('write', Empty, SyncStatus),
} as const;

export const syncEvents = {
  /** The wall screen shows whether the CRM is reachable. */
  'sync.status': audience(STAFF_AND_WALL_SCREEN, SyncStatus),
} as const;

type SyncCalls = typeof syncCalls;
type SyncEvents = typeof syncEvents;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends SyncCalls {}
}
declare module './events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractEvents extends SyncEvents {}
}
