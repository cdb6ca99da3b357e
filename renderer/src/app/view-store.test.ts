import { beforeEach, describe, expect, it } from 'vitest';
import { selectCurrentView, useViewStore } from './view-store';
import { selectCanWrite, useConnectionStore } from './connection-store';

const initial = useViewStore.getState();
beforeEach(() => useViewStore.setState(initial, true));

describe('useViewStore', () => {
  it('goes back to where Claire was', () => {
    const v = useViewStore.getState();
    v.show({ kind: 'record', ref: { type: 'contact', id: 'a' } });
    v.show({ kind: 'call' });
    useViewStore.getState().back();
    expect(selectCurrentView(useViewStore.getState())).toEqual({ kind: 'record', ref: { type: 'contact', id: 'a' } });
    useViewStore.getState().back();
    useViewStore.getState().back();
    expect(selectCurrentView(useViewStore.getState())).toEqual({ kind: 'home' });
  });

  it('keeps one entry per kind (except records) so Back is not a maze', () => {
    const v = useViewStore.getState();
    v.show({ kind: 'settings' });
    v.show({ kind: 'call' });
    v.show({ kind: 'settings' });
    expect(useViewStore.getState().stack.map((s) => s.kind)).toEqual(['home', 'call', 'settings']);
  });

  it('drops the call view when the last pop is closed', () => {
    const v = useViewStore.getState();
    v.show({ kind: 'settings' });
    v.show({ kind: 'call' });
    useViewStore.getState().leaveCalls();
    expect(selectCurrentView(useViewStore.getState())).toEqual({ kind: 'settings' });
  });
});

describe('selectCanWrite', () => {
  it('is false for a read-only (wallboard) link', () => {
    const base = useConnectionStore.getState();
    expect(selectCanWrite({ ...base, link: { ...base.link, access: 'agent' } })).toBe(true);
    expect(selectCanWrite({ ...base, link: { ...base.link, access: 'read-only' } })).toBe(false);
  });
});
