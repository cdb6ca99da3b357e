/**
 * "Tester la connexion": a few cheap reads that together need every scope the sync uses, with an
 * answer a person can act on — bad token, which scopes to add (by name), or no network.
 */
import { errorSentence, reasonAndParams, type ErrorParams, type ErrorReason, type Explanation } from '../../contract/error-catalog';
import { classifyHubSpotError, type HubSpotGateway } from './hubspot-client';

export interface ConnectionTestResult {
  ok: boolean;
  /** 'ok' | 'auth' | 'scopes' | 'network' | 'server' | 'rate' | … */
  kind: string;
  /** The answer (contract/error-catalog.ts) and its French sentence. */
  reason: ErrorReason;
  params: ErrorParams;
  message: string;
  missingScopes: string[];
}

/** A test's answer: its reason, and the French sentence for clients that do not know it. */
export function connectionTestAnswer(ok: boolean, kind: string, explanation: Explanation, missingScopes: string[] = []): ConnectionTestResult {
  const { reason, params } = reasonAndParams(explanation);
  return { ok, kind, reason, params, message: errorSentence('fr', reason, params), missingScopes };
}

export async function testHubSpotConnection(gateway: HubSpotGateway): Promise<ConnectionTestResult> {
  const checks: Array<[string, () => Promise<unknown>]> = [
    ['contacts', () => gateway.call('general', 'test contacts', (c) => c.crm.objects.basicApi.getPage('contacts', 1))],
    ['companies', () => gateway.call('general', 'test companies', (c) => c.crm.objects.basicApi.getPage('companies', 1))],
    ['deals', () => gateway.call('general', 'test deals', (c) => c.crm.objects.basicApi.getPage('deals', 1))],
    ['tickets', () => gateway.call('general', 'test tickets', (c) => c.crm.pipelines.pipelinesApi.getAll('tickets'))],
    ['owners', () => gateway.call('general', 'test owners', (c) => c.crm.owners.ownersApi.getPage(undefined, undefined, 1))],
    ['properties', () => gateway.call('general', 'test properties', (c) => c.crm.properties.coreApi.getAll('contacts'))],
  ];
  const missing = new Set<string>();
  for (const [, run] of checks) {
    try {
      await run();
    } catch (raw) {
      // The gateway classifies what it throws; anything else is classified the same way.
      const error = classifyHubSpotError(raw);
      if (error.kind === 'scopes') {
        error.scopes.forEach((s) => missing.add(s));
        continue;
      }
      return { ok: false, kind: error.kind, reason: error.reason, params: error.params, message: error.message, missingScopes: [] };
    }
  }
  if (missing.size > 0) {
    const list = [...missing];
    return connectionTestAnswer(false, 'scopes', { reason: 'hubspot.test.scopes_missing', params: { scopes: list.join(', ') } }, list);
  }
  return connectionTestAnswer(true, 'ok', { reason: 'hubspot.test.ok' });
}
