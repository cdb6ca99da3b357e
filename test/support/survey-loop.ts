/**
 * The survey loop's real parts, as the satisfaction tests start them: a HubSpot stand-in holding
 * François Lefèvre (with an e-mail address) and one SCHEDULED visit of Karim Benali an hour before
 * `base`; an SMTP server on loopback; the product as a company server (a public address, surveys at
 * once, follow-ups after 1 s) on an injected clock starting at `base`; its public surface over HTTP.
 * Resolves once the visit is in the product's cache.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAccueil, type Accueil, type AccueilOptions } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { ServerConfigSchema } from '../../electron/services/server-config';
import { startPublicSurface, type PublicSurface } from '../../electron/host/public-channel';
import { startHubSpotStandIn, FIXTURE_CONTACT, type HubSpotStandIn } from './hubspot-standin';
import { startSmtpInbox, type SmtpInbox } from './smtp-inbox';
import type { WhatsAppStandIn } from './whatsapp-standin';
import type { OvhSmsStandIn } from './ovh-sms-standin';

export const SURVEY_HOST = 'avis.example.test';
export const VISIT_KIND = 'Entretien chaudière';

export interface SurveyLoop {
  hs: HubSpotStandIn;
  inbox: SmtpInbox;
  accueil: Accueil;
  surface: PublicSurface;
  dir: string;
  /** The stand-in's ids of the visit and of François. */
  meetingId: string;
  contactHubspotId: string;
  /** The path of a link from a survey e-mail, asked of the surface directly (as the reverse proxy would). */
  onSurface(link: string): string;
  stop(): Promise<void>;
}

export async function startSurveyLoop(base: number, options: Partial<AccueilOptions> = {}, extraEnv: Record<string, string> = {}): Promise<SurveyLoop> {
  const started = Date.now();
  const hs = await startHubSpotStandIn({ seed: { contacts: 12, companies: 3, engagements: 0 }, rateLimit: false });
  const fixture = hs.state.liveIds('contacts').map((id) => hs.state.live('contacts', id)!).find((c) => c.properties['lastname'] === FIXTURE_CONTACT.lastName)!;
  hs.state.update('contacts', fixture.id, { email: 'francois.lefevre@example.test' });
  const owner = hs.state.addOwner({ email: 'karim.benali@chauffage-martin.fr', firstName: 'Karim', lastName: 'Benali' });
  const visit = hs.state.create('meetings', {
    hs_timestamp: new Date(base - 3_600_000).toISOString(),
    hs_meeting_title: VISIT_KIND,
    hs_meeting_start_time: new Date(base - 3_600_000).toISOString(),
    hs_meeting_outcome: 'SCHEDULED',
    hubspot_owner_id: owner.id,
  });
  hs.state.associate('meetings', visit.id, 'contacts', fixture.id);

  const inbox = await startSmtpInbox();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-surveys-'));
  const accueil = await createAccueil({
    dataDir: dir,
    mode: 'web',
    version: 'test',
    logger: createMemoryLogger(),
    server: {
      ...ServerConfigSchema.parse({ dataDir: dir, listen: '127.0.0.1:0', publicListen: '127.0.0.1:0', publicUrl: `https://${SURVEY_HOST}` }),
      agentUrl: 'http://127.0.0.1:0',
      file: path.join(dir, 'accueil.json'),
    },
    clock: () => new Date(base + (Date.now() - started)),
    env: {
      ACCUEIL_HUBSPOT_TOKEN: hs.token,
      ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl,
      ACCUEIL_HUBSPOT_POLL_MS: '1000',
      ACCUEIL_SMTP_HOST: '127.0.0.1',
      ACCUEIL_SMTP_PORT: String(inbox.port),
      ACCUEIL_SMTP_SECURITY: 'none',
      ACCUEIL_SMTP_FROM: 'accueil@chauffage-martin.test',
      ACCUEIL_SURVEY_DELAY_MIN: '0',
      ACCUEIL_SURVEY_FOLLOW_UP_S: '1',
      ...extraEnv,
    },
    ...options,
  });
  const surface = await startPublicSurface({
    host: '127.0.0.1',
    port: 0,
    publicUrl: `https://${SURVEY_HOST}`,
    trustedProxies: [],
    logger: createMemoryLogger(),
    secrets: accueil.secrets,
    version: 'test',
    services: { port: (name) => accueil.port(name) },
  });
  const deadline = Date.now() + 40_000;
  while (!accueil.lookup(FIXTURE_CONTACT.e164).card?.interventions.some((i) => i.kind === VISIT_KIND)) {
    if (Date.now() > deadline) throw new Error('the visit never reached the cache');
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return {
    hs,
    inbox,
    accueil,
    surface,
    dir,
    meetingId: visit.id,
    contactHubspotId: fixture.id,
    onSurface: (link) => `${surface.url}${new URL(link).pathname}${new URL(link).search}`,
    async stop() {
      await surface.close();
      await accueil.close();
      await inbox.stop();
      await hs.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The environment that points the product's SMS and WhatsApp adapters at the stand-ins. */
export function messagingEnv(wa: WhatsAppStandIn, ovh: OvhSmsStandIn): Record<string, string> {
  return {
    ACCUEIL_WHATSAPP_BASE_URL: wa.baseUrl,
    ACCUEIL_WHATSAPP_VERSION: wa.version,
    ACCUEIL_WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
    ACCUEIL_WHATSAPP_TOKEN: wa.token,
    ACCUEIL_WHATSAPP_APP_SECRET: wa.appSecret,
    ACCUEIL_WHATSAPP_VERIFY_TOKEN: wa.verifyToken,
    ACCUEIL_WHATSAPP_BUSINESS_ACCOUNT_ID: wa.businessAccountId,
    ACCUEIL_OVH_SMS_ENDPOINT: ovh.baseUrl,
    ACCUEIL_OVH_SMS_APP_KEY: ovh.applicationKey,
    ACCUEIL_OVH_SMS_APP_SECRET: ovh.applicationSecret,
    ACCUEIL_OVH_SMS_CONSUMER_KEY: ovh.consumerKey,
    ACCUEIL_OVH_SMS_SERVICE: ovh.serviceName,
    ACCUEIL_SMS_SENDER: 'DURANDCHAUF',
    ACCUEIL_SMS_POLL_S: '5',
  };
}
