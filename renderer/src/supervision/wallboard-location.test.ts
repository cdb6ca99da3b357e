import { describe, expect, it } from 'vitest';
import { isWallboardLocation } from './supervision-store';

describe('isWallboardLocation', () => {
  it('knows /wallboard with or without trailing slashes, and any read-only link', () => {
    for (const path of ['/wallboard', '/wallboard/', '/wallboard///']) expect(isWallboardLocation(path, 'agent'), path).toBe(true);
    for (const path of ['/', '', '/wallboards', '/x/wallboard', '/wallboard/x', '//wallboard', '/WALLBOARD']) expect(isWallboardLocation(path, 'agent'), path).toBe(false);
    expect(isWallboardLocation('/', 'read-only')).toBe(true);
  });

  it('reads a 1 MB path of slashes without freezing the page', () => {
    expect(isWallboardLocation(`/wallboard${'/'.repeat(1 << 20)}x`, 'agent')).toBe(false);
    expect(isWallboardLocation(`/wallboard${'/'.repeat(1 << 20)}`, null)).toBe(true);
  }, 30_000);
});
