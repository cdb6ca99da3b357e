/**
 * The composition of areas: created and started in order, stopped in reverse, each call answered by
 * exactly one area, ports read only from earlier areas.
 */
import { describe, expect, it } from 'vitest';
import { calls } from '../contract/calls';
import { composeAreas, discoverAreas, type AreaModule } from './area';
import { openWorkspaceStore } from './workspace-store';
import { DatabaseFromFutureError } from './store';
import { createMemoryLogger } from './log';

declare module './area' {
  interface AreaPorts {
    testCounter: { value: number };
  }
}

const base = { logger: createMemoryLogger() } as unknown as Parameters<typeof composeAreas>[1];
const allCalls = Object.fromEntries(Object.keys(calls).map((name) => [name, () => null]));

function recording(name: string, log: string[], extra: Partial<ReturnType<AreaModule['create']>> = {}): AreaModule {
  return {
    name,
    order: 0,
    create: () => ({
      start: () => void log.push(`start ${name}`),
      stop: () => void log.push(`stop ${name}`),
      settingsChanged: ({ sipChanged }) => void log.push(`settings ${name} ${sipChanged}`),
      ...extra,
    }),
  };
}

describe('composeAreas', () => {
  it('starts the areas in order, tells each of a settings change, and stops them in reverse', async () => {
    const log: string[] = [];
    const areas = await composeAreas([recording('a', log, { handlers: allCalls }), recording('b', log), recording('c', log)], base);
    await areas.start();
    await areas.stop();
    expect(log).toEqual(['start a', 'start b', 'start c', 'stop c', 'stop b', 'stop a']);
  });

  it('refuses a call answered by two areas, and a call no area answers', async () => {
    await expect(composeAreas([recording('a', [], { handlers: allCalls }), recording('b', [], { handlers: { 'app.info': () => null } as never })], base)).rejects.toThrow(
      /« app\.info » is answered by two areas: a and b/,
    );
    const { 'app.info': _omitted, ...allButOne } = allCalls;
    await expect(composeAreas([recording('a', [], { handlers: allButOne })], base)).rejects.toThrow(/No area answers: app\.info/);
  });

  it('gives an area the ports of the areas before it, and says which port is missing otherwise', async () => {
    const reader: AreaModule = { name: 'reader', order: 0, create: ({ port }) => ({ handlers: allCalls, provides: {}, start: () => void port('testCounter').value++ }) };
    const provider: AreaModule = { name: 'provider', order: 0, create: () => ({ provides: { testCounter: { value: 41 } } }) };
    await expect(composeAreas([{ name: 'early', order: 0, create: ({ port }) => (port('testCounter'), {}) }, provider], base)).rejects.toThrow(/« testCounter » is not provided by an earlier area/);
    const areas = await composeAreas([provider, reader], base);
    await areas.start();
    expect(areas.port('testCounter').value).toBe(42);
  });

  it('tells every area of a settings change in order, and stops the others when one fails to stop', async () => {
    const log: string[] = [];
    let notify: ((change: { sipChanged: boolean }) => Promise<void>) | null = null;
    const settings: AreaModule = { name: 'settings', order: 0, create: (ctx) => ((notify = ctx.settingsChanged), { handlers: allCalls }) };
    const failing = recording('failing', log, { stop: () => Promise.reject(new Error('boom')) });
    const areas = await composeAreas([recording('a', log), settings, failing, recording('c', log)], base);
    await notify!({ sipChanged: true });
    await areas.stop();
    expect(log).toEqual(['settings a true', 'settings failing true', 'settings c true', 'stop c', 'stop a']);
  });
});

describe('discoverAreas', () => {
  const area = (name: string, order: number): AreaModule => ({ name, order, create: () => ({}) });

  it('finds every area module among the files, sorted by order, ignoring their other exports', () => {
    const found = discoverAreas({
      './b/b-area.ts': { bArea: area('b', 300), helper: () => 1, constant: { name: 'not an area' } },
      './a/a-area.ts': { aArea: area('a', 100) },
      './c/c-area.ts': { cArea: area('c', 200) },
    });
    expect(found.map((a) => a.name)).toEqual(['a', 'c', 'b']);
  });

  it('refuses two areas with one name or one order', () => {
    expect(() => discoverAreas({ './x.ts': { x: area('a', 1) }, './y.ts': { y: area('a', 2) } })).toThrow(/Two areas are named « a »/);
    expect(() => discoverAreas({ './x.ts': { x: area('a', 1) }, './y.ts': { y: area('b', 1) } })).toThrow(/share the order 1/);
  });
});

describe('an area’s migrations and demo purge hook', () => {
  const workspace = () => openWorkspaceStore(':memory:', createMemoryLogger());
  const notes = {
    version: 1,
    name: 'toy-notes',
    up: (db: { exec(sql: string): unknown }) => void db.exec(`CREATE TABLE toy_notes (id INTEGER PRIMARY KEY, contact_id TEXT, body TEXT NOT NULL)`),
  };

  it('applies an area’s migrations once, before it is created, and records its version', async () => {
    const ws = workspace();
    const log: string[] = [];
    const toy: AreaModule = {
      name: 'toy',
      order: 0,
      migrations: [notes],
      create: ({ workspace: w }) => {
        log.push(`table ${String(w.store.database.prepare(`SELECT count(*) AS n FROM toy_notes`).get() !== undefined)}`);
        return { handlers: allCalls };
      },
    };
    await composeAreas([toy], { ...base, workspace: ws });
    await composeAreas([toy], { ...base, workspace: ws });
    expect(log).toEqual(['table true', 'table true']);
    expect(ws.store.database.prepare(`SELECT area, version FROM area_schema`).all()).toEqual([{ area: 'toy', version: 1 }]);
    ws.close();
  });

  it('refuses a database an area knows only a later version of, and migrations that skip a number', () => {
    const ws = workspace();
    ws.store.database.migrateArea('toy', [notes, { version: 2, name: 'more', up: () => {} }]);
    expect(() => ws.store.database.migrateArea('toy', [notes])).toThrow(DatabaseFromFutureError);
    expect(() => ws.store.database.migrateArea('other', [{ ...notes, version: 2 }])).toThrow(/numbered 1, 2, 3/);
    ws.close();
  });

  it('runs every area’s demo purge hook in the purge, seeing the records that go', async () => {
    const ws = workspace();
    ws.generateDemo({ contacts: 5, seed: 1 });
    const doomed: number[] = [];
    const toy: AreaModule = {
      name: 'toy',
      order: 0,
      create: () => ({
        handlers: allCalls,
        purgeDemo: (db) => void doomed.push((db.prepare(`SELECT count(*) AS n FROM temp.demo_purge_contacts`).get() as { n: number }).n),
      }),
    };
    let purge: (() => unknown) | null = null;
    const reader: AreaModule = { name: 'reader', order: 1, create: (ctx) => ((purge = ctx.purgeDemo), {}) };
    await composeAreas([toy, reader], { ...base, workspace: ws });
    const contacts = ws.store.contacts.count();
    purge!();
    expect(doomed).toEqual([contacts]);
    expect(ws.store.contacts.count()).toBe(0);
    ws.close();
  });
});
