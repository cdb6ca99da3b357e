/** The daily import of a watched folder, on a real SQLite file and a real folder, with an injected clock. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempStoreFile } from '../../../test/support/temp-store-file';
import { SageBridge } from './sage-bridge';
import { SageFolderWatch } from './sage-folder-watch';
import { sourceOfFile } from './sage-settings';
import { SageHubSpotPush } from './sage-hubspot-push';
import { SageRepository } from './sage-repository';
import { sageMigrations } from './sage-migrations';

const GOLDEN = path.resolve(__dirname, '../../../test/fixtures/sage');
const temp = useTempStoreFile('accueil-sage-folder-');

function setUp(start: string) {
  let now = new Date(start);
  const clock = () => now;
  const store = temp.open({ clock });
  store.database.migrateArea('sage', sageMigrations);
  const push = new SageHubSpotPush({ store, repo: new SageRepository(store.database, clock), gateway: () => null, clock });
  const bridge = new SageBridge({ store, dataDir: temp.dir(), clock, pushToHubSpot: () => false, push });
  const folder = path.join(temp.dir(), 'depot-sage');
  fs.mkdirSync(folder);
  const watch = new SageFolderWatch({ bridge, store, clock, config: () => ({ folder, at: '06:30' }) });
  return { bridge, store, folder, watch, setNow: (iso: string) => (now = new Date(iso)) };
}

describe('the watched folder', () => {
  it('names a file’s source without its dates and numbers', () => {
    expect(sourceOfFile('clients-180424.txt')).toBe('clients');
    expect(sourceOfFile('Echeances_2024-04-18.TXT')).toBe('echeances');
    expect(sourceOfFile('2024.txt')).toBe('sage');
  });

  it('runs once a day after the set time (Paris), accounts before échéances, and moves the files aside with their reports', () => {
    const { bridge, folder, watch, setNow } = setUp('2024-04-18T04:00:00Z'); // 06:00 in Paris
    fs.copyFileSync(path.join(GOLDEN, 'echeances-windows1252.txt'), path.join(folder, 'a-echeances.txt'));
    fs.copyFileSync(path.join(GOLDEN, 'clients-sage100-windows1252.txt'), path.join(folder, 'b-clients.txt'));
    fs.copyFileSync(path.join(GOLDEN, 'clients-sage100-tronque.txt'), path.join(folder, 'c-clients-tronque.txt'));
    expect(watch.due()).toBe(false);
    setNow('2024-04-18T04:31:00Z'); // 06:31
    expect(watch.due()).toBe(true);
    const run = watch.runNow();
    expect(run.files.map((f) => [f.file, f.report.kind, f.report.fileError === null])).toEqual([
      ['b-clients.txt', 'accounts', true],
      ['c-clients-tronque.txt', 'accounts', false],
      ['a-echeances.txt', 'open-items', true],
    ]);
    // Its source (« clients-tronque ») has no code page yet: Windows-1252, and the OEM bytes are caught.
    // The échéancier came after its accounts: 0612 is known, no warning about it.
    expect(run.files[2]!.report.warnings).toEqual([]);
    expect(fs.readdirSync(folder).sort()).toEqual(['importés', 'refusés']);
    expect(fs.readdirSync(path.join(folder, 'refusés')).sort()).toEqual(['2024-04-18-c-clients-tronque.txt', '2024-04-18-c-clients-tronque.txt.rapport.txt']);
    expect(fs.readFileSync(path.join(folder, 'refusés', '2024-04-18-c-clients-tronque.txt.rapport.txt'), 'utf8')).toContain('Fichier refusé (ligne 6) : « L‚a » : ce fichier semble écrit en OEM 850/437');
    expect(watch.due()).toBe(false);
    expect(bridge.ledger.unpaid({ companyId: bridge.repo.account('0041')!.company_id, contactId: null })).toMatchObject({ count: 2, totalCents: 345000, oldestOverdueDays: 47 });
    setNow('2024-04-19T05:00:00Z');
    expect(watch.due()).toBe(true);
    expect(watch.runNow().files).toEqual([]);
  });
});
