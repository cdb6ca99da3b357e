import { describe, expect, it } from 'vitest';
import { matchDigit, workKey } from './shortcuts';

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

describe('workKey', () => {
  const alt = (code: string) => ({ code, altKey: true, ctrlKey: false, metaKey: false });
  it('maps Alt+N/T/R/C by physical key to note, ticket, callback list and dial', () => {
    expect([alt('KeyN'), alt('KeyT'), alt('KeyR'), alt('KeyC')].map(workKey)).toEqual(['note', 'ticket', 'callbacks', 'dial']);
  });
  it('leaves plain letters (typing) and Ctrl/AltGr combinations alone', () => {
    expect(workKey({ code: 'KeyN', altKey: false, ctrlKey: false, metaKey: false })).toBeNull();
    // AltGr on Windows arrives as Ctrl+Alt: it types characters, it is not a shortcut.
    expect(workKey({ code: 'KeyC', altKey: true, ctrlKey: true, metaKey: false })).toBeNull();
    expect(workKey(alt('KeyQ'))).toBeNull();
  });
});
