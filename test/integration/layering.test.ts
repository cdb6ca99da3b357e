/**
 * The layering rules in eslint.config.js, checked on code that breaks them: a rule that silently
 * stopped matching would let the boundaries drift.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'accueil/area-boundaries').map((m) => m.message);
}

describe('layering lint', () => {
  it('stops the renderer from importing Node, Electron or a service', async () => {
    expect(await layeringErrors('renderer/src/x.ts', "import fs from 'node:fs';\nexport const a = fs;")).toHaveLength(1);
    expect(await layeringErrors('renderer/src/x.ts', "import { app } from 'electron';\nexport const a = app;")).toHaveLength(1);
    expect(await layeringErrors('renderer/src/x.ts', "import { openStore } from '../../electron/services/store';\nexport const a = openStore;")).toHaveLength(1);
    expect(await layeringErrors('renderer/src/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;")).toHaveLength(1);
  });

  it('lets the renderer import the contract', async () => {
    expect(await layeringErrors('renderer/src/x.ts', "import { calls } from '../../electron/contract';\nexport const a = calls;")).toEqual([]);
  });

  it('keeps electron out of the services and the services out of the hosts', async () => {
    expect(await layeringErrors('electron/services/x.ts', "import { app } from 'electron';\nexport const a = app;")).toHaveLength(1);
    expect(await layeringErrors('electron/services/x.ts', "import { startWebHost } from '../host/web-host';\nexport const a = startWebHost;")).toHaveLength(1);
    expect(await layeringErrors('electron/host/x.ts', "import { app } from 'electron';\nexport const a = app;")).toHaveLength(1);
  });

  it('keeps the contract free of Node and of the app, but lets it import its own modules', async () => {
    expect(await layeringErrors('electron/contract/x.ts', "import { EventEmitter } from 'events';\nexport const a = EventEmitter;")).toHaveLength(1);
    expect(await layeringErrors('electron/contract/x.ts', "import { EventBus } from '../services/event-bus';\nexport const a = EventBus;")).toHaveLength(1);
    expect(await layeringErrors('electron/contract/x.ts', "import { events } from './events';\nexport const a = events;")).toEqual([]);
  });

  it('lets only main and preload import electron', async () => {
    expect(await layeringErrors('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;")).toEqual([]);
    expect(await layeringErrors('electron/preload/x.ts', "import { services } from '../services/accueil';\nexport const a = services;")).toHaveLength(1);
  });

  it('keeps each area to its own folder, shared/, store/ and the ports of the others (their types only)', async () => {
    // Another area's code at run time: refused, from the area's root and from a sub-folder.
    expect(await layeringErrors('electron/services/supervision/x.ts', "import { CallbackList } from '../work/callbacks/callback-list';\nexport const a = CallbackList;")).toEqual([
      expect.stringMatching(/area « supervision » imports « work » at run time/),
    ]);
    expect(await layeringErrors('electron/services/work/tickets/x.ts', "import { CallJournal } from '../../journal/call-journal';\nexport const a = CallJournal;")).toHaveLength(1);
    expect(await layeringErrors('electron/services/toy/x.ts', "export { SyncService } from '../crm/sync-service';")).toHaveLength(1);
    expect(await layeringErrors('electron/services/toy/x.ts', "import { createAccueil } from '../accueil';\nexport const a = createAccueil;")).toHaveLength(1);
    // Its own sub-folders, shared/, store/, the contract, the services' helpers, and another area's types: allowed.
    expect(await layeringErrors('electron/services/work/callbacks/x.ts', "import { WrapUpRepository } from '../wrapup/wrap-up-repository';\nexport const a = WrapUpRepository;")).toEqual([]);
    expect(
      await layeringErrors(
        'electron/services/toy/x.ts',
        [
          "import { normalizeNumber } from '../shared/phone-number';",
          "import { openStore } from '../store';",
          "import { EventBus } from '../event-bus';",
          "import { ServiceError } from '../../contract/envelope';",
          "import type { SyncService } from '../crm/sync-service';",
          "import { type CallJournal } from '../journal/call-journal';",
          'export const a = [normalizeNumber, openStore, EventBus, ServiceError];',
          'export type B = SyncService | CallJournal;',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});
