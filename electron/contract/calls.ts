/**
 * Every call the renderer can make, defined once: name, input schema, output schema, and whether it
 * changes anything (`write`). Both transports (Electron IPC, WebSocket) dispatch through this table;
 * a read-only connection (wallboard) may only make `read` calls.
 */
import { z } from 'zod';
import {
  AppInfo,
  CallRecord,
  Company,
  Contact,
  Id,
  Locale,
  RecordCard,
  ScreenPop,
  SearchHit,
  SearchPage,
  Settings,
  TelephonyStatus,
} from './model';

import { call, Empty, mergeTables, tablesOf, companySetting } from './call-spec';
const PhoneInput = z.string().trim().min(1).max(64);

/** The calls of the console's core: the app, the directory, the call journal, the line, settings. */
const coreCalls = {
  'app.info': call('read', Empty, AppInfo),

  /** Identify a number as the pop would (also used by the search box when a number is typed). */
  'directory.identify': call('read', z.object({ number: z.string().max(256) }).strict(), ScreenPop),
  'directory.search': call(
    'read',
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(50).default(12) }).strict(),
    z.array(SearchHit),
  ),
  /** The search box: a page of results and how many there are in all (« 12 premiers résultats sur 40 »). */
  'directory.searchPage': call(
    'read',
    z.object({ query: z.string().max(200), offset: z.number().int().min(0).max(10_000).default(0), limit: z.number().int().min(1).max(50).default(12) }).strict(),
    SearchPage,
  ),
  'directory.contactCard': call('read', z.object({ contactId: Id, historyLimit: z.number().int().min(1).max(500).default(100) }).strict(), RecordCard),
  'directory.companyCard': call('read', z.object({ companyId: Id, historyLimit: z.number().int().min(1).max(500).default(100) }).strict(), RecordCard),
  /** Quick-create from the "new caller" card: the number comes prefilled from the call. */
  'directory.createContact': call(
    'write',
    z
      .object({
        firstName: z.string().trim().max(100),
        lastName: z.string().trim().min(1).max(100),
        phone: PhoneInput,
        email: z.string().trim().max(200).nullable().default(null),
        companyId: Id.nullable().default(null),
        city: z.string().trim().max(100).nullable().default(null),
      })
      .strict(),
    Contact,
  ),
  /** Attach an unknown caller's number to an existing customer (contact or company). */
  'directory.attachNumber': call(
    'write',
    z
      .object({
        number: PhoneInput,
        contactId: Id.nullable().default(null),
        companyId: Id.nullable().default(null),
        kind: z.enum(['mobile', 'fixe', 'standard', 'autre']).optional(),
        callId: Id.optional(),
      })
      .strict()
      .refine((v) => (v.contactId === null) !== (v.companyId === null), 'contactId ou companyId, un seul'),
    z.object({ contact: Contact.nullable(), company: Company.nullable() }),
  ),

  'calls.recent': call(
    'read',
    z
      .object({
        limit: z.number().int().min(1).max(500).default(50),
        onlyMissed: z.boolean().default(false),
        /** « Mes appels »: only the caller's own line's calls (company server). */
        mine: z.boolean().default(false),
      })
      .strict(),
    z.array(CallRecord),
  ),
  /** Calls ringing or in progress now, each with its pop: a renderer that reloads catches up. */
  'calls.active': call('read', Empty, z.array(z.object({ call: CallRecord, pop: ScreenPop }))),
  /** Claire picked another of the ranked matches: the call is re-attached, the card returned. */
  'calls.chooseMatch': call(
    'write',
    z.object({ callId: Id, contactId: Id.nullable(), companyId: Id.nullable() }).strict(),
    z.object({ call: CallRecord, card: RecordCard }),
  ),

  'telephony.status': call('read', Empty, TelephonyStatus),
  'telephony.reconnect': call('write', Empty, TelephonyStatus),

  'settings.get': call('read', Empty, Settings),
  'settings.update': companySetting(call(
    'write',
    z
      .object({
        locale: Locale.optional(),
        sip: z
          .object({
            wsUrl: z.string().trim().max(500),
            uri: z.string().trim().max(500),
            user: z.string().trim().max(200),
            displayName: z.string().trim().max(200),
            /** Omitted: keep the stored one. Empty string: remove it. */
            password: z.string().max(500).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    Settings,
  )),

} as const;

// Each later area defines its calls in its own module (one owner per file), merged here; a name
// defined twice fails at load.
type CoreCalls = typeof coreCalls;

/**
 * Every call: the core's and each area's. An area's contract module (`<area>-calls.ts`) exports
 * its table as `<area>Calls` and adds it to this type from its own file:
 *   type WorkCalls = typeof workCalls;
 *   declare module './calls' { interface ContractCalls extends WorkCalls {} }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ContractCalls extends CoreCalls {}

export const calls = mergeTables(coreCalls, ...tablesOf(import.meta.glob('./*-calls.ts', { eager: true }), 'Calls')) as unknown as ContractCalls;

export type Calls = ContractCalls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}
