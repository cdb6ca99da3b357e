/**
 * "Tester la connexion": a few cheap reads that together need every scope the sync uses, with an
 * answer a person can act on — bad token, which scopes to add (by name), or no network.
 */
import { HubSpotError, type HubSpotGateway } from './hubspot-client';

export interface ConnectionTestResult {
  ok: boolean;
  /** 'ok' | 'auth' | 'scopes' | 'network' | 'server' | 'rate' | … */
  kind: string;
  message: string;
  missingScopes: string[];
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
      const error = raw instanceof HubSpotError ? raw : new HubSpotError('network', String(raw));
      if (error.kind === 'scopes') {
        error.scopes.forEach((s) => missing.add(s));
        continue;
      }
      return { ok: false, kind: error.kind, message: error.message, missingScopes: [] };
    }
  }
  if (missing.size > 0) {
    const list = [...missing];
    return {
      ok: false,
      kind: 'scopes',
      message: `Jeton accepté, mais il manque des autorisations : ajoutez ${list.join(', ')} à l’application privée HubSpot (Paramètres HubSpot › Intégrations › Applications privées), puis recopiez le jeton.`,
      missingScopes: list,
    };
  }
  return { ok: true, kind: 'ok', message: 'Connexion à HubSpot réussie : le jeton est valide et a toutes les autorisations nécessaires.', missingScopes: [] };
}
