import { describe, expect, it, vi } from 'vitest';
import type { LinkStatus, StatusTransport } from '../transport/transport-status';
import { consoleFeatures } from './features';
import { placedIn, type ConsoleFeature } from './console-feature';
import { bootstrap } from './bootstrap';

describe('console features', () => {
  it('finds every <feature>/feature.ts, each under its own name', () => {
    const files = Object.keys(import.meta.glob('../*/feature.ts'));
    expect(consoleFeatures).toHaveLength(files.length);
    expect(new Set(consoleFeatures.map((f) => f.name)).size).toBe(consoleFeatures.length);
    expect(consoleFeatures.map((f) => f.name)).toEqual(
      expect.arrayContaining(['app', 'call', 'directory', 'recent-calls', 'work', 'callbacks', 'templates', 'supervision', 'sync', 'settings', 'simulation']),
    );
  });

  it('shows each view kind by one feature only', () => {
    const kinds = consoleFeatures.flatMap((f) => Object.keys(f.views ?? {}));
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toEqual(expect.arrayContaining(['accounts', 'call', 'callbacks', 'home', 'number', 'record', 'settings']));
  });

  it('gives every shortcut and help line its own place in the order', () => {
    const shortcutOrders = consoleFeatures.flatMap((f) => (f.shortcuts ?? []).map((s) => s.order));
    const helpOrders = consoleFeatures.flatMap((f) => (f.help ?? []).map((h) => h.order));
    expect(new Set(shortcutOrders).size).toBe(shortcutOrders.length);
    expect(new Set(helpOrders).size).toBe(helpOrders.length);
  });

  it('places components in a slot by their order, whichever feature they come from', () => {
    const A = () => null;
    const B = () => null;
    const C = () => null;
    const features: ConsoleFeature[] = [
      { name: 'one', order: 1, placed: [{ slot: 'topbar.status', order: 30, component: A }] },
      { name: 'two', order: 2, placed: [{ slot: 'topbar.status', order: 10, component: B }, { slot: 'overlay', order: 0, component: C }] },
    ];
    expect(placedIn(features, 'topbar.status').map((p) => p.component)).toEqual([B, A]);
  });
});

describe('a feature added by creating its files', () => {
  it('is subscribed to its events, reloaded when the link comes up, unsubscribed on teardown', async () => {
    let status: LinkStatus = { state: 'connecting', access: null, retryAt: null, failedAttempts: 0, everConnected: false };
    const listeners = new Set<(s: LinkStatus) => void>();
    const transport: StatusTransport = {
      invoke: () => Promise.reject(new Error('unused')),
      on: () => () => {},
      status: () => status,
      onStatus: (l) => (listeners.add(l), () => listeners.delete(l)),
    };
    const off = vi.fn();
    const refresh = vi.fn(() => [Promise.resolve()]);
    const toy: ConsoleFeature = {
      name: 'toy',
      order: 1,
      subscribe: (client) => [client.on('callbacks.changed', () => {}), off],
      refresh,
    };
    const { dispose } = bootstrap(transport, [toy]);
    expect(refresh).not.toHaveBeenCalled();
    status = { ...status, state: 'up' };
    for (const l of listeners) l(status);
    expect(refresh).toHaveBeenCalledTimes(1);
    dispose();
    expect(off).toHaveBeenCalledTimes(1);
  });
});
