/**
 * The customer portal's real parts, as its integration and end-to-end tests start them: a HubSpot
 * stand-in holding three customers — François Lefèvre (a quote waiting for his accord, a visit next
 * week, a past visit with its report), Sophie Martin (her own visit) and Paul Girard, whom HubSpot
 * associates with the company « Syndic Girard » (a visit of its boiler room) —; an SMTP server on
 * loopback; the product as a company server on an injected clock (`advance` moves it) starting at
 * `base`; its public surface over HTTP, behind a trusted « proxy » (the tests name each client's
 * address in X-Forwarded-For). Resolves once the three visits and the quote are in the cache.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { ServerConfigSchema } from '../../electron/services/server-config';
import { startPublicSurface, type PublicSurface } from '../../electron/host/public-channel';
import { startHubSpotStandIn, FIXTURE_CONTACT, type HubSpotStandIn } from './hubspot-standin';
import { startSmtpInbox, type SmtpInbox } from './smtp-inbox';

export const PORTAL_HOST = 'clients.example.test';
export const PEOPLE = {
  francois: 'francois.lefevre@example.test',
  sophie: 'sophie.martin@example.test',
  paul: 'p.girard@syndic-girard.test',
} as const;
export const QUOTE_TITLE = 'Remplacement chaudière gaz à condensation';
/** A second quote of François's, left waiting (the attacks try to accept it). */
export const SECOND_QUOTE_TITLE = 'Désembouage du circuit de chauffage';

export interface PortalLoop {
  hs: HubSpotStandIn;
  inbox: SmtpInbox;
  accueil: Accueil;
  surface: PublicSurface;
  /** Stand-in ids. */
  dealId: string;
  contactHubspotId: string;
  /** Moves the product's clock forward. */
  advance(ms: number): void;
  now(): Date;
  stop(): Promise<void>;
}

const DAY = 86_400_000;

export async function startPortalLoop(base: number): Promise<PortalLoop> {
  const started = Date.now();
  let offset = 0;
  const clock = () => new Date(base + (Date.now() - started) + offset);
  const hs = await startHubSpotStandIn({ seed: { contacts: 6, companies: 2, engagements: 0 }, rateLimit: false });
  const fixture = hs.state.liveIds('contacts').map((id) => hs.state.live('contacts', id)!).find((c) => c.properties['lastname'] === FIXTURE_CONTACT.lastName)!;
  hs.state.update('contacts', fixture.id, { email: PEOPLE.francois });
  const sophie = hs.state.create('contacts', { firstname: 'Sophie', lastname: 'Martin', email: PEOPLE.sophie });
  const paul = hs.state.create('contacts', { firstname: 'Paul', lastname: 'Girard', email: PEOPLE.paul });
  const syndic = hs.state.create('companies', { name: 'Syndic Girard', city: 'Rennes' });
  hs.state.associate('contacts', paul.id, 'companies', syndic.id, 1);
  const owner = hs.state.addOwner({ email: 'karim.benali@chauffage-martin.fr', firstName: 'Karim', lastName: 'Benali' });
  const meeting = (title: string, at: number, outcome: string, body?: string) =>
    hs.state.create('meetings', {
      hs_timestamp: new Date(at).toISOString(),
      hs_meeting_title: title,
      hs_meeting_start_time: new Date(at).toISOString(),
      hs_meeting_outcome: outcome,
      ...(body ? { hs_meeting_body: body } : {}),
      hubspot_owner_id: owner.id,
    });
  const next = meeting('Entretien chaudière', base + 7 * DAY, 'SCHEDULED');
  hs.state.associate('meetings', next.id, 'contacts', fixture.id);
  const past = meeting('Dépannage fuite', base - 30 * DAY, 'COMPLETED', 'Joint du circulateur remplacé, pression remise à 1,5 bar.');
  hs.state.associate('meetings', past.id, 'contacts', fixture.id);
  const hers = meeting('Ramonage', base + 3 * DAY, 'SCHEDULED');
  hs.state.associate('meetings', hers.id, 'contacts', sophie.id);
  const building = meeting('Visite de la chaufferie', base + 5 * DAY, 'SCHEDULED');
  hs.state.associate('meetings', building.id, 'companies', syndic.id);
  const deal = hs.state.create('deals', { dealname: QUOTE_TITLE, amount: '4850', dealstage: 'contractsent', pipeline: 'default' });
  hs.state.associate('deals', deal.id, 'contacts', fixture.id);
  const second = hs.state.create('deals', { dealname: SECOND_QUOTE_TITLE, amount: '1200', dealstage: 'contractsent', pipeline: 'default' });
  hs.state.associate('deals', second.id, 'contacts', fixture.id);

  const inbox = await startSmtpInbox();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-portal-'));
  const accueil = await createAccueil({
    dataDir: dir,
    mode: 'web',
    version: 'test',
    logger: createMemoryLogger(),
    server: {
      ...ServerConfigSchema.parse({ dataDir: dir, listen: '127.0.0.1:0', publicListen: '127.0.0.1:0', publicUrl: `https://${PORTAL_HOST}` }),
      agentUrl: 'http://127.0.0.1:0',
      file: path.join(dir, 'accueil.json'),
    },
    clock,
    env: {
      ACCUEIL_HUBSPOT_TOKEN: hs.token,
      ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl,
      ACCUEIL_HUBSPOT_POLL_MS: '1000',
      ACCUEIL_SMTP_HOST: '127.0.0.1',
      ACCUEIL_SMTP_PORT: String(inbox.port),
      ACCUEIL_SMTP_SECURITY: 'none',
      ACCUEIL_SMTP_FROM: 'accueil@chauffage-martin.test',
    },
  });
  const surface = await startPublicSurface({
    host: '127.0.0.1',
    port: 0,
    publicUrl: `https://${PORTAL_HOST}`,
    // The tests play the reverse proxy: each client's address in X-Forwarded-For.
    trustedProxies: ['127.0.0.1'],
    logger: createMemoryLogger(),
    secrets: accueil.secrets,
    version: 'test',
    services: { port: (name) => accueil.port(name) },
    // The surface's own per-address limit is not what these tests are about (the portal's is).
    rateLimits: { form: { burst: 1_000, perMinute: 1_000 }, page: { burst: 1_000, perMinute: 1_000 } },
  });
  const deadline = Date.now() + 40_000;
  while (accueil.lookup(FIXTURE_CONTACT.e164).card?.interventions.length !== 2 || (accueil.lookup(FIXTURE_CONTACT.e164).card?.openQuotes ?? []).filter((q) => q.title === QUOTE_TITLE || q.title === SECOND_QUOTE_TITLE).length !== 2) {
    if (Date.now() > deadline) throw new Error('the customer file never reached the cache');
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return {
    hs,
    inbox,
    accueil,
    surface,
    dealId: deal.id,
    contactHubspotId: fixture.id,
    advance: (ms) => (offset += ms),
    now: clock,
    async stop() {
      await surface.close();
      await accueil.close();
      await inbox.stop();
      await hs.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
