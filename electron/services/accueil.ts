/**
 * The composition root of the services: opens the data directory (settings, secrets, the SQLite
 * workspace — the demo one when nothing is configured), then runs the ordered list of areas
 * (see area.ts) and exposes their handlers as the contract. Electron's main process, web mode's host
 * and the CLI all start the product through `createAccueil`; none of them knows how the pieces fit.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo, CallRecord, Locale, ScreenPop, TelephonyStatus } from '../contract/model';
import { createDispatcher, type Dispatch } from '../contract/dispatcher';
import { EventBus } from './event-bus';
import { createFileLogger, type Logger } from './log';
import { SettingsService } from './settings/settings-service';
import { FileSecretStore, type SecretStore } from './settings/secret-store';
import { openWorkspaceStore, type WorkspaceStore } from './workspace-store';
import type { OutboxPort } from './crm/outbox-port';
import type { ServerConfig } from './server-config';
import { hubSpotToken } from './crm/hubspot-client';
import { composeAreas, discoverAreas, type AreaModule, type AreaPorts } from './area';

/**
 * The areas: every `services/<area>/<name>-area.ts` exports its module (see area.ts), found here
 * at build time, so adding an area is adding its folder. They run by their `order`: the CRM first
 * (every write goes through its outbox); the journal before what hangs on calls; work the call
 * before the line (the callback list follows the journal from the first call); the line before the
 * PBX watchers; the demo last.
 */
export const AREAS: readonly AreaModule[] = discoverAreas(import.meta.glob<Record<string, unknown>>('./*/*-area.ts', { eager: true }));

export interface AccueilOptions {
  dataDir: string;
  mode: 'desktop' | 'web';
  version: string;
  logger?: Logger;
  secrets?: SecretStore;
  env?: NodeJS.ProcessEnv;
  /** Run the HubSpot sync in the background when a token is configured (default true). */
  startSync?: boolean;
  /** Register to the PBX when one is configured (default true; the CLI's one-shot commands say false). */
  startTelephony?: boolean;
  /** Seed the demo workspace into an empty database when no CRM is configured (default true). */
  seedDemo?: boolean;
  demoContacts?: number;
  /** Backoff of the SIP line (tests shorten it). */
  sipReconnect?: { initialMs?: number; maxMs?: number };
  /** How long a simulated call rings and lasts (tests shorten them; default 4 s and 20 s). */
  simulation?: { ringMs?: number; talkMs?: number };
  /** Where the work area queues its writes for the CRM (tests record them; default the CRM's outbox). */
  workOutbox?: OutboxPort;
  /** The company server's configuration (`accueil serve --config`); absent on a standalone console. */
  server?: ServerConfig;
  /** "Now" for the areas that plan by the calendar (surveys); tests inject one. Default: the system clock. */
  clock?: () => Date;
}

export interface Accueil {
  dispatch: Dispatch;
  events: EventBus;
  info(): AppInfo;
  locale(): Locale;
  lookup(number: string): ScreenPop;
  recentCalls(options: { limit: number; onlyMissed: boolean }): CallRecord[];
  generateDemo(options: { contacts: number; seed: number }): Record<string, number>;
  telephonyStatus(): TelephonyStatus;
  /** What an area offers (the CLI's `accueil sync` drives the CRM area's sync through it). */
  port<K extends keyof AreaPorts>(name: K): AreaPorts[K];
  /** The data folder's secrets (the company server's public surface keys, agents' line passwords). */
  secrets: SecretStore;
  close(): Promise<void>;
}

export async function createAccueil(options: AccueilOptions): Promise<Accueil> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logger = options.logger ?? createFileLogger({ file: path.join(dataDir, 'logs', 'accueil.log') });
  const env = options.env ?? process.env;
  const events = new EventBus();
  const secrets = options.secrets ?? new FileSecretStore(dataDir);
  const settings = new SettingsService(dataDir, secrets, env);

  const workspace: WorkspaceStore = openWorkspaceStore(path.join(dataDir, 'accueil.db'), logger.child('store'));
  // With a HubSpot token, the cache fills from the CRM instead of the demo workspace.
  const crmConfigured = hubSpotToken(secrets, env) !== null;
  if (options.seedDemo !== false && workspace.isEmpty() && !crmConfigured) {
    const started = performance.now();
    const summary = workspace.generateDemo({ contacts: options.demoContacts ?? 200, seed: 42 });
    settings.setWorkspace('demo');
    logger.info('demo workspace generated', { ...summary, ms: Math.round(performance.now() - started) });
  }

  const info = (): AppInfo => ({
    version: options.version,
    mode: options.mode,
    workspace: settings.workspace(),
    dataDir,
    locale: settings.get().locale,
    access: 'agent',
  });

  let areas;
  try {
    areas = await composeAreas(AREAS, {
      dataDir, env, events, logger, secrets, settings, workspace, options, info,
      live: options.startTelephony !== false,
    });
    await areas.start();
  } catch (error) {
    await areas?.stop();
    workspace.close();
    throw error;
  }
  const started = areas;

  return {
    dispatch: createDispatcher(started.handlers),
    events,
    info,
    locale: () => settings.get().locale,
    lookup: (number) => workspace.directory.buildPop(number),
    recentCalls: (o) => workspace.calls.recent(o),
    generateDemo: (o) => {
      const summary = workspace.generateDemo(o);
      settings.setWorkspace('demo');
      return summary;
    },
    telephonyStatus: () => started.port('line').status(),
    port: (name) => started.port(name),
    secrets,
    async close() {
      await started.stop();
      workspace.close();
    },
  };
}
