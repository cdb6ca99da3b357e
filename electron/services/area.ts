/**
 * An area is one capability of the product (telephony, the journal, the CRM sync, templates, work
 * the call, supervision, the demo…) as the composition root plugs it in: a folder
 * `services/<area>/` whose `<name>-area.ts` exports one `AreaModule`. `createAccueil` finds them
 * (discoverAreas) and runs them by their `order`:
 *
 *   migrations       ──►  each area's own, before it is created (AccueilDatabase.migrateArea)
 *
 *   create, in order  ──►  handlers merged (a call answered twice fails at start)
 *   start, in order   ──►  … running …  ──►  stop, in reverse order
 *   settings changed  ──►  each area's `settingsChanged`, in order
 *
 *   demo goes        ──►  each area's `purgeDemo` hook, then the shared records, in one transaction
 *
 * Areas do not reach into one another: what one offers the others is a named port (`provides`),
 * read with `ctx.port(name)` (at creation: from earlier areas only; inside a handler: any). A new
 * area adds its folder, its contract module (`contract/<area>-calls.ts`) and its renderer feature,
 * and declares its port names by augmenting `AreaPorts` from its own file; it edits no shared list
 * (test/integration/toy-area.test.ts).
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
import type { DemoPurgeHook, DemoPurgeSummary } from './store';
import type { Migration } from './store/migrations/migration';

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
  /** Removes the demo's records, each area's first (its `purgeDemo` hook), in one transaction. */
  purgeDemo(): DemoPurgeSummary;
  /** What `app.info` answers. */
  info(): AppInfo;
}

export interface Area {
  handlers?: Partial<CallHandlers>;
  provides?: Partial<AreaPorts>;
  start?(): void | Promise<void>;
  stop?(): void | Promise<void>;
  settingsChanged?(change: SettingsChange): void | Promise<void>;
  /** Removes what this area keeps on the demo's records when the demo goes (see store/demo-purge.ts). */
  purgeDemo?: DemoPurgeHook;
}

export interface AreaModule {
  name: string;
  /**
   * Where the area runs among the others (created and started by increasing order, stopped in
   * reverse): the CRM 100, the journal 200, work the call 300, the line 400, supervision 500,
   * templates 600, the directory 700, settings 800, the demo 900. An area that reads another's
   * port comes after it.
   */
  order: number;
  /**
   * The area's own tables, numbered from 1 for this area alone; applied in order before the area
   * is created, recorded per area in the database (see AccueilDatabase.migrateArea).
   */
  migrations?: readonly Migration[];
  create(ctx: AreaContext): Area | Promise<Area>;
}

function isAreaModule(value: unknown): value is AreaModule {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<AreaModule>;
  return typeof candidate.name === 'string' && typeof candidate.order === 'number' && typeof candidate.create === 'function';
}

/**
 * The areas found among modules (each file `services/<area>/<name>-area.ts` exports its
 * `AreaModule`), sorted by order. Two areas with one name or one order are a wiring bug.
 */
export function discoverAreas(modules: Record<string, Record<string, unknown>>): AreaModule[] {
  const found = new Map<string, AreaModule>();
  for (const [file, exports] of Object.entries(modules)) {
    for (const value of Object.values(exports)) {
      if (!isAreaModule(value) || found.get(value.name) === value) continue;
      if (found.has(value.name)) throw new Error(`Two areas are named « ${value.name} » (${file})`);
      found.set(value.name, value);
    }
  }
  const areas = [...found.values()].sort((a, b) => a.order - b.order);
  for (let i = 1; i < areas.length; i++) {
    if (areas[i]!.order === areas[i - 1]!.order) throw new Error(`Areas « ${areas[i - 1]!.name} » and « ${areas[i]!.name} » share the order ${areas[i]!.order}`);
  }
  return areas;
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
export async function composeAreas(modules: readonly AreaModule[], base: Omit<AreaContext, 'port' | 'settingsChanged' | 'purgeDemo'>): Promise<ComposedAreas> {
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
  const purgeDemo = () => base.workspace.store.purgeDemo(created.flatMap(({ area }) => (area.purgeDemo ? [area.purgeDemo] : [])));
  const ctx: AreaContext = { ...base, port, settingsChanged, purgeDemo };

  const handlers: Partial<Record<string, unknown>> = {};
  const answeredBy = new Map<string, string>();
  for (const module of modules) {
    if (module.migrations?.length) base.workspace.store.database.migrateArea(module.name, module.migrations);
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
