import { afterEach, describe, expect, it } from 'vitest';
import { markPopReceived, markPopRendered, type PopTimingEntry } from './pop-timing';

const global = globalThis as { __accueilPopTimings?: PopTimingEntry[] };

afterEach(() => {
  delete global.__accueilPopTimings;
});

describe('pop timing marks', () => {
  it('records nothing unless the page asked for them', () => {
    markPopReceived('c1');
    markPopRendered('c1');
    expect(global.__accueilPopTimings).toBeUndefined();
  });

  it('records when a call reached the page, then when its pop was rendered, once per call', () => {
    global.__accueilPopTimings = [];
    markPopRendered('c1'); // not received yet: nothing to complete
    markPopReceived('c1');
    markPopRendered('c1');
    markPopReceived('c1'); // the same call again (a reconnect): first marks kept
    markPopRendered('c1');
    expect(global.__accueilPopTimings).toHaveLength(1);
    const [entry] = global.__accueilPopTimings;
    expect(entry).toMatchObject({ callId: 'c1' });
    expect(entry!.renderedAt).not.toBeNull();
    expect(entry!.receivedAt).toBeLessThanOrEqual(entry!.renderedAt!);
  });
});
