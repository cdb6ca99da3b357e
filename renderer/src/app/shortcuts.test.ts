import { describe, expect, it } from 'vitest';
import { matchDigit } from './shortcuts';

describe('matchDigit', () => {
  it('reads the physical digit key, so Alt+1 works on AZERTY where the key prints "&"', () => {
    expect(matchDigit({ code: 'Digit1', key: '&' })).toBe(1);
    expect(matchDigit({ code: 'Digit9', key: 'ç' })).toBe(9);
    expect(matchDigit({ code: 'Numpad3', key: '3' })).toBe(3);
  });
  it('ignores 0 and other keys', () => {
    expect(matchDigit({ code: 'Digit0', key: 'à' })).toBeNull();
    expect(matchDigit({ code: 'KeyA', key: 'a' })).toBeNull();
  });
});
