/**
 * The technicians' app's real parts, as its integration and end-to-end tests start them: a HubSpot
 * stand-in (François Lefèvre, a customer with an e-mail and a mobile), an SMTP server on loopback,
 * the product as a company server on an injected clock (Tuesday 1 December 2026, 6:00 in Paris,
 * running on), its public surface over HTTP serving the built app (out/renderer), behind a trusted
 * « proxy » (the tests name each client's address in X-Forwarded-For).
 *
 * Two technicians with accounts: Karim (a boiler service for François this morning, a repair this
 * afternoon, a visit tomorrow) and Julien (a visit this morning the attacks try to reach as Karim).
 * The visits are booked as the office books them (booking.book).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Booking, Technician } from '../../electron/contract/booking-calls';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { ServerConfigSchema } from '../../electron/services/server-config';
import { startPublicSurface, type PublicSurface } from '../../electron/host/public-channel';
import { startHubSpotStandIn, FIXTURE_CONTACT, type HubSpotStandIn } from './hubspot-standin';
import { startSmtpInbox, type ReceivedMail, type SmtpInbox } from './smtp-inbox';

export const TECH_HOST = 'terrain.example.test';
export const TECH_PASSWORD = 'chaudière-en-fonte-1987';
export const FRANCOIS_EMAIL = 'francois.lefevre@example.test';
/** Tuesday 1 December 2026, 6:00 in Paris. */
export const TECH_BASE = Date.parse('2026-12-01T05:00:00Z');
const BUILT = path.resolve(import.meta.dirname, '../../out/renderer');

export interface TechnicianLoop {
  hs: HubSpotStandIn;
  inbox: SmtpInbox;
  accueil: Accueil;
  surface: PublicSurface;
  dir: string;
  karim: { accountId: string; technicianId: string };
  julien: { accountId: string; technicianId: string };
  /** Karim's visits: François's boiler service (08:00–12:00), a repair (13:00–17:00), tomorrow's visit. */
  visits: { service: string; repair: string; tomorrow: string; julien: string };
  /** The database, read-only (what the office sees). */
  read<T>(sql: string, ...params: unknown[]): T[];
  /** The next mail whose subject matches. */
  mailWith(subject: RegExp, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export async function startTechnicianLoop(): Promise<TechnicianLoop> {
  if (!fs.existsSync(path.join(BUILT, 'technicien.html'))) throw new Error('out/renderer/technicien.html missing: run « npm run build:web » first');
  const started = Date.now();
  const clock = () => new Date(TECH_BASE + (Date.now() - started));
  const hs = await startHubSpotStandIn({ seed: { contacts: 6, companies: 2, engagements: 0 }, rateLimit: false });
  const fixture = hs.state.liveIds('contacts').map((id) => hs.state.live('contacts', id)!).find((c) => c.properties['lastname'] === FIXTURE_CONTACT.lastName)!;
  hs.state.update('contacts', fixture.id, { email: FRANCOIS_EMAIL, address: '12 rue Saint-Éloi', zip: '35000', city: 'Rennes' });
  const inbox = await startSmtpInbox();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-technicien-'));
  const accueil = await createAccueil({
    dataDir: dir,
    mode: 'web',
    version: 'test',
    logger: createMemoryLogger(),
    server: {
      ...ServerConfigSchema.parse({ dataDir: dir, listen: '127.0.0.1:0', publicListen: '127.0.0.1:0', publicUrl: `https://${TECH_HOST}` }),
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
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const envelope = await accueil.dispatch(name as never, input as never, { access: 'admin' });
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.value as T;
  };
  const francois = await waitFor('François in the cache', () => accueil.lookup(FIXTURE_CONTACT.e164).card?.contact);

  const accounts = accueil.port('accounts');
  const technician = async (login: string, name: string, startAddress: string) => {
    const { account, passwordToken } = accounts.add({ login, name, role: 'technician' }, { login: 'cli' });
    await accounts.setPassword(passwordToken, TECH_PASSWORD);
    const saved = await call<Technician>('booking.saveTechnician', {
      name,
      userId: account.id,
      skills: ['chaudiere_gaz', 'plomberie'],
      hours: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '08:00', end: '18:00' })),
      startAddress,
    });
    return { accountId: account.id, technicianId: saved.id };
  };
  const karim = await technician('karim', 'Karim Bensaïd', 'Zone d’activités, 35510 Cesson-Sévigné');
  const julien = await technician('julien', 'Julien Moreau', '35000 Rennes');
  const book = (technicianId: string, typeId: string, address: string, day: string, windowStart: string, windowEnd: string, contactId: string | null) =>
    call<Booking>('booking.book', { typeId, address, contactId, day, windowStart, windowEnd, technicianId });
  const service = await book(karim.technicianId, 'entretien-chaudiere-gaz', '12 rue Saint-Éloi, 35000 Rennes', '2026-12-01', '08:00', '12:00', francois.id);
  const repair = await book(karim.technicianId, 'depannage-chaudiere', '4 place de la Mairie, 35510 Cesson-Sévigné', '2026-12-01', '13:00', '17:00', null);
  const tomorrow = await book(karim.technicianId, 'entretien-chaudiere-gaz', '2 rue de Paris, 35000 Rennes', '2026-12-02', '08:00', '12:00', null);
  const other = await book(julien.technicianId, 'entretien-chaudiere-gaz', '8 boulevard de la Liberté, 35000 Rennes', '2026-12-01', '08:00', '12:00', null);

  const surface = await startPublicSurface({
    host: '127.0.0.1',
    port: 0,
    publicUrl: `https://${TECH_HOST}`,
    trustedProxies: ['127.0.0.1'],
    logger: createMemoryLogger(),
    secrets: accueil.secrets,
    version: 'test',
    services: { port: (name) => accueil.port(name) },
    assetsDir: BUILT,
    rateLimits: { form: { burst: 1_000, perMinute: 1_000 }, page: { burst: 1_000, perMinute: 1_000 } },
  });
  const db = new Database(path.join(dir, 'accueil.db'), { readonly: true, fileMustExist: true });
  let mailSeen = 0;
  return {
    hs,
    inbox,
    accueil,
    surface,
    dir,
    karim,
    julien,
    visits: { service: service.interventionId, repair: repair.interventionId, tomorrow: tomorrow.interventionId, julien: other.interventionId },
    read: <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[],
    async mailWith(subject, timeoutMs = 30_000) {
      return waitFor(`a mail « ${subject.source} »`, () => {
        const found = inbox.received.slice(mailSeen).findIndex((m) => subject.test(m.subject));
        if (found < 0) return null;
        mailSeen += found + 1;
        return inbox.received[mailSeen - 1]!;
      }, timeoutMs);
    },
    async stop() {
      db.close();
      await surface.close();
      await accueil.close();
      await inbox.stop();
      await hs.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
