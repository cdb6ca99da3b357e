/**
 * A custom HubSpot property an area writes (`accueil_id` on notes and communications,
 * `code_client_sage` on companies and contacts): read once, created when HubSpot lacks it, and a
 * creation that lost the race to another console (409) is as good as done.
 */
import type { Client } from '@hubspot/api-client';
import type { HubSpotGateway } from '../crm/hubspot-client';
import { hubSpotFailure } from './unanswered-creates';

export interface HubSpotPropertySpec {
  name: string;
  label: string;
  description: string;
  hasUniqueValue: boolean;
  /** The object's property group (`noteinformation`, `companyinformation`…). */
  groupName: string;
}

export async function ensureHubSpotProperty(gateway: HubSpotGateway, objectType: string, spec: HubSpotPropertySpec): Promise<void> {
  try {
    await gateway.call('general', `property ${objectType} ${spec.name}`, (c: Client) => c.crm.properties.coreApi.getByName(objectType, spec.name));
  } catch (error) {
    if (hubSpotFailure(error).kind !== 'not_found') throw error;
    try {
      await gateway.call('general', `create property ${objectType} ${spec.name}`, (c: Client) =>
        c.crm.properties.coreApi.create(objectType, { ...spec, type: 'string' as never, fieldType: 'text' as never, formField: false }),
      );
    } catch (createError) {
      if (hubSpotFailure(createError).kind !== 'conflict') throw createError;
    }
  }
}
