/**
 * An area is one capability of the product (telephony, the journal, the CRM sync, templates, work
 * the call, supervision, the demo…) as the composition root plugs it in. Each exports one
 * `AreaModule`; `createAccueil` runs the ordered list of them:
 *
 *   create, in order  ──►  handlers merged (a call answered twice fails at start)
 *   start, in order   ──►  … running …  ──►  stop, in reverse order
 *   settings changed  ──►  each area's `settingsChanged`, in order
 *
 * Areas do not reach into one another: what one offers the others is a named port (`provides`),
 * read by the later ones with `ctx.port(name)`. A new area adds its module, its contract module and
 * its port names (by augmenting `AreaPorts` from its own file); it edits no other area.
 */
import type { AppInfo } from '../contract/model';
import { calls } from '../contract/calls';
import type { CallHandlers } from '../contract/dispatcher';
import type { EventBus } from './event-bus';
import type { Logger } from './log';
import type { SettingsService } from './settings/settings-service';
import type { SecretStore } from './settings/secret-store';
import type { WorkspaceStore } from './workspace-store';
import type { AccueilOptions } from './accueil';

/**
 * What areas offer one another, by name. Each area declares its own entries from its own file:
 *   declare module '../area' { interface AreaPorts { journal: CallJournal } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AreaPorts {}

export interface SettingsChange {
  /** The PBX account changed: the line and the PBX watchers start again. */
  sipChanged: boolean;
}

export interface AreaContext {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  events: EventBus;
  logger: Logger;
  secrets: SecretStore;
  settings: SettingsService;
  workspace: WorkspaceStore;
  options: AccueilOptions;
  /**
   * True in the process that owns the phone line and the timers (the console, `accueil serve`);
   * false in a one-shot CLI command reading the same folder beside it.
   */
  live: boolean;
  /** A port an earlier area provided; throws (a wiring bug) when none did. */
  port<K extends keyof AreaPorts>(name: K): AreaPorts[K];
  /** Tells every area that settings changed (the settings area calls it after saving). */
  settingsChanged(change: SettingsChange): Promise<void>;
  /** What `app.info` answers. */
  info(): AppInfo;
}

export interface Area {
  handlers?: Partial<CallHandlers>;
  provides?: Partial<AreaPorts>;
  start?(): void | Promise<void>;
  stop?(): void | Promise<void>;
  settingsChanged?(change: SettingsChange): void | Promise<void>;
}

export interface AreaModule {
  name: string;
  create(ctx: AreaContext): Area | Promise<Area>;
}

export interface ComposedAreas {
  handlers: CallHandlers;
  port<K extends keyof AreaPorts>(name: K): AreaPorts[K];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Creates the areas in order, each seeing the ports of those before it, and merges their handlers.
 * Every call of the contract must be answered by exactly one area.
 */
export async function composeAreas(modules: readonly AreaModule[], base: Omit<AreaContext, 'port' | 'settingsChanged'>): Promise<ComposedAreas> {
  const ports: Partial<AreaPorts> = {};
  const created: Array<{ name: string; area: Area }> = [];
  const port = <K extends keyof AreaPorts>(name: K): AreaPorts[K] => {
    const value = ports[name];
    if (value === undefined) throw new Error(`Area port « ${String(name)} » is not provided by an earlier area`);
    return value as AreaPorts[K];
  };
  const settingsChanged = async (change: SettingsChange) => {
    for (const { area } of created) await area.settingsChanged?.(change);
  };
  const ctx: AreaContext = { ...base, port, settingsChanged };

  const handlers: Partial<Record<string, unknown>> = {};
  const answeredBy = new Map<string, string>();
  for (const module of modules) {
    const area = await module.create(ctx);
    for (const [name, handler] of Object.entries(area.handlers ?? {})) {
      const other = answeredBy.get(name);
      if (other) throw new Error(`Call « ${name} » is answered by two areas: ${other} and ${module.name}`);
      answeredBy.set(name, module.name);
      handlers[name] = handler;
    }
    for (const [name, value] of Object.entries(area.provides ?? {})) {
      if (name in ports) throw new Error(`Area port « ${name} » is provided twice (${module.name})`);
      (ports as Record<string, unknown>)[name] = value;
    }
    created.push({ name: module.name, area });
  }
  const unanswered = Object.keys(calls).filter((name) => !answeredBy.has(name));
  if (unanswered.length > 0) throw new Error(`No area answers: ${unanswered.join(', ')}`);

  return {
    handlers: handlers as CallHandlers,
    port,
    async start() {
      for (const { area } of created) await area.start?.();
    },
    async stop() {
      for (const { name, area } of [...created].reverse()) {
        try {
          await area.stop?.();
        } catch (error) {
          // One area failing to stop must not leave the others (and the database) open.
          base.logger.error('area failed to stop', { area: name, error: String(error) });
        }
      }
    },
  };
}
