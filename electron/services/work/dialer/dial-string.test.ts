import { describe, expect, it } from 'vitest';
import { normalizeNumber } from '../../shared/phone-number';
import { dialString } from './dial-string';

describe('dialString', () => {
  it('dials a French mobile in national form, whatever form it was shown in', () => {
    expect(dialString(normalizeNumber('+33 6 12 34 56 78'))).toBe('0612345678');
    expect(dialString(normalizeNumber('06.12.34.56.78'))).toBe('0612345678');
  });

  it('dials a foreign number with the 00 prefix', () => {
    expect(dialString(normalizeNumber('+49 30 901820'))).toBe('004930901820');
  });

  it('dials an internal extension as it is', () => {
    expect(dialString(normalizeNumber('201'))).toBe('201');
  });

  it('refuses a withheld or unreadable number with a sentence Claire can act on', () => {
    expect(() => dialString(normalizeNumber('anonymous'))).toThrow(/masqué/);
    expect(() => dialString(normalizeNumber('abc-def'))).toThrow(/illisible/);
  });
});
