/**
 * The single server-side entry for both transports: look the call up in the table, check access,
 * validate the input, run the handler, validate the output, wrap the result in an envelope.
 * Electron's ipcMain and web mode's WebSocket host both call `dispatch`; neither hand-writes a route.
 */
import type { z } from 'zod';
import { calls, isCallName, type CallName, type CallOutput, type CallParsedInput } from './calls';
import { ServiceError, contractError, type Envelope } from './envelope';
import type { Explanation } from './error-catalog';
import { events, type EventName, type EventPayload } from './events';
import type { CallContext, CallerRole } from './call-spec';

export type { CallContext, CallerRole } from './call-spec';

/**
 * Every call's handler: its parsed input, and who calls (see CallContext). The dispatcher always
 * passes the context; a handler called directly (a test, another area) without one acts for the agent.
 */
export type CallHandlers = {
  [N in CallName]: (input: CallParsedInput<N>, ctx?: CallContext) => Promise<CallOutput<N>> | CallOutput<N>;
};

export interface DispatchOptions {
  /** Who calls, as the transport vouches for it (the role the call's spec must allow). */
  access: CallerRole;
  /** The logged-in account (company server), handed to the handler. */
  account?: CallContext['account'];
  /** The caller's address (company server), handed to the handler. */
  ip?: string | null;
  /** Receives failures that are not ServiceErrors (bugs): logged, never shown raw. */
  onInternalError?: (name: string, error: unknown) => void;
}

const issuePath = (issue: z.ZodError['issues'][number]): string => issue.path.join('.');

/** What the caller sent at a path (undefined when absent). */
function valueAt(given: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = given;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * A refused field in words a person reads (« Durée de l’après-appel (secondes) : au moins 0. »):
 * what a form sends wrong (a number out of range, a text too long, an empty required field). Other
 * refusals (a program's wrong call) keep zod's own detail.
 */
function wordedIssue(issue: z.ZodError['issues'][number], given: unknown): Explanation | null {
  const field = issuePath(issue);
  if (!field) return null;
  const limit = (value: unknown) => (typeof value === 'bigint' ? Number(value) : (value as number));
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? { reason: 'contract.field_missing', params: { field } } : { reason: 'contract.field_too_short', params: { field, limit: limit(issue.minimum) } };
      if (issue.origin === 'number' || issue.origin === 'int') return { reason: 'contract.field_too_small', params: { field, limit: limit(issue.minimum) } };
      return null;
    case 'too_big':
      if (issue.origin === 'string') return { reason: 'contract.field_too_long', params: { field, limit: limit(issue.maximum) } };
      if (issue.origin === 'number' || issue.origin === 'int') return { reason: 'contract.field_too_big', params: { field, limit: limit(issue.maximum) } };
      return null;
    case 'invalid_type':
      if (issue.expected === 'int') return { reason: 'contract.field_not_whole', params: { field } };
      return valueAt(given, issue.path) === undefined ? { reason: 'contract.field_missing', params: { field } } : null;
    case 'invalid_format':
    case 'invalid_value':
      return { reason: 'contract.field_refused', params: { field } };
    default:
      return null;
  }
}

/**
 * A refused input, by its first faulty field (zod's own words as the detail); the others follow as
 * zod wrote them, up to five in all.
 */
function invalidInput(error: z.ZodError, given: unknown): Explanation {
  const [first, ...others] = error.issues.slice(0, 5);
  const worded = first ? wordedIssue(first, given) : null;
  if (worded) return worded;
  const field = first ? issuePath(first) : '';
  const detail = first?.message ?? '';
  if (others.length > 0) {
    const rest = others.map((issue) => `${issuePath(issue) || '(entrée)'} : ${issue.message}`).join(' ; ');
    return { reason: 'contract.invalid_inputs', params: { field: field || '(entrée)', detail, rest } };
  }
  return field ? { reason: 'contract.invalid_input', params: { field, detail } } : { reason: 'contract.invalid_input_root', params: { detail } };
}

export function createDispatcher(handlers: CallHandlers) {
  return async function dispatch(name: unknown, input: unknown, options: DispatchOptions): Promise<Envelope<unknown>> {
    if (!isCallName(name)) {
      return { ok: false, error: contractError('unknown_call', { reason: 'contract.unknown_call', params: { name: String(name).slice(0, 80) } }) };
    }
    const spec = calls[name];
    const allowed = options.account && spec.serverRoles ? spec.serverRoles : spec.roles;
    if (!allowed.includes(options.access)) {
      return { ok: false, error: contractError('forbidden', options.access === 'read-only' ? { reason: 'contract.read_only' } : { reason: 'contract.role_refused' }) };
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: contractError('bad_request', invalidInput(parsed.error, input)) };
    }
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, {
        role: options.access,
        ...(options.account ? { account: options.account } : {}),
        ...(options.ip !== undefined ? { ip: options.ip } : {}),
      });
      // Outputs are checked too: a service that drifts from the contract fails here, in tests,
      // rather than as an undefined field deep in a component.
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        options.onInternalError?.(name, checked.error);
        return { ok: false, error: contractError('internal', { reason: 'contract.invalid_output', params: { name } }) };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof ServiceError) return { ok: false, error: error.toContractError() };
      options.onInternalError?.(name, error);
      return { ok: false, error: contractError('internal', { reason: 'contract.internal' }) };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

/** Validates an event payload before it leaves the services. Throws on a contract bug. */
export function checkEvent<E extends EventName>(event: E, payload: EventPayload<E>): EventPayload<E> {
  return events[event].parse(payload) as EventPayload<E>;
}
