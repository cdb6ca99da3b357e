/**
 * The composition of areas: created and started in order, stopped in reverse, each call answered by
 * exactly one area, ports read only from earlier areas.
 */
import { describe, expect, it } from 'vitest';
import { calls } from '../contract/calls';
import { composeAreas, type AreaModule } from './area';
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
    const reader: AreaModule = { name: 'reader', create: ({ port }) => ({ handlers: allCalls, provides: {}, start: () => void port('testCounter').value++ }) };
    const provider: AreaModule = { name: 'provider', create: () => ({ provides: { testCounter: { value: 41 } } }) };
    await expect(composeAreas([{ name: 'early', create: ({ port }) => (port('testCounter'), {}) }, provider], base)).rejects.toThrow(/« testCounter » is not provided by an earlier area/);
    const areas = await composeAreas([provider, reader], base);
    await areas.start();
    expect(areas.port('testCounter').value).toBe(42);
  });

  it('tells every area of a settings change in order, and stops the others when one fails to stop', async () => {
    const log: string[] = [];
    let notify: ((change: { sipChanged: boolean }) => Promise<void>) | null = null;
    const settings: AreaModule = { name: 'settings', create: (ctx) => ((notify = ctx.settingsChanged), { handlers: allCalls }) };
    const failing = recording('failing', log, { stop: () => Promise.reject(new Error('boom')) });
    const areas = await composeAreas([recording('a', log), settings, failing, recording('c', log)], base);
    await notify!({ sipChanged: true });
    await areas.stop();
    expect(log).toEqual(['settings a true', 'settings failing true', 'settings c true', 'stop c', 'stop a']);
  });
});
