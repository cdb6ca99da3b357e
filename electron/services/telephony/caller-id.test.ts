import { describe, expect, it } from 'vitest';
import { MAX_DISPLAY_NAME_CHARS, parseCaller } from './caller-id';

const from = (value: string | undefined, extra: { pai?: string; privacy?: string } = {}) =>
  parseCaller({ from: value, pai: extra.pai, privacy: extra.privacy });

describe('parseCaller', () => {
  describe('where the identity comes from', () => {
    it('reads the caller from P-Asserted-Identity before From', () => {
      const c = from('"Spoof" <sip:0000@evil.example>;tag=1', { pai: '"Dupont Plomberie" <sip:+33612345678@pbx.local>' });
      expect(c).toMatchObject({ number: '+33612345678', displayName: 'Dupont Plomberie', source: 'pai', withheld: false });
      expect(c.warnings).toEqual([]);
    });

    it('falls back to From when there is no P-Asserted-Identity', () => {
      expect(from('"Mme Martin" <sip:0612345678@127.0.0.1>;tag=abc')).toMatchObject({
        number: '0612345678',
        displayName: 'Mme Martin',
        source: 'from',
        withheld: false,
        warnings: [],
      });
    });

    it("takes From's display name when P-Asserted-Identity has none", () => {
      const c = from('"Mme Martin" <sip:0612345678@h>;tag=1', { pai: '<sip:+33612345678@pbx>' });
      expect(c).toMatchObject({ number: '+33612345678', displayName: 'Mme Martin', source: 'pai' });
    });

    it('falls back to From, with a warning, when P-Asserted-Identity has no usable number', () => {
      const c = from('<sip:0612345678@h>;tag=1', { pai: '<sip:@pbx>' });
      expect(c).toMatchObject({ number: '0612345678', source: 'from' });
      expect(c.warnings.join('\n')).toMatch(/P-Asserted-Identity/);
    });

    it('uses the first P-Asserted-Identity value that carries a number (sip and tel forms)', () => {
      const c = from(undefined, { pai: '"Accueil" <sip:accueil-pbx@pbx;user=phone>, <tel:+33 1 23 45 67 89>' });
      expect(c).toMatchObject({ number: 'accueil-pbx', displayName: 'Accueil', source: 'pai' });
      const t = from(undefined, { pai: '<sip:@pbx>, "X" <tel:+33-1-23-45-67-89;phone-context=+33>' });
      expect(t).toMatchObject({ number: '+33123456789', source: 'pai' });
    });
  });

  describe('URI forms', () => {
    it('reads a tel: URI and drops its visual separators and parameters', () => {
      expect(from('<tel:+33-6-12.34.56(78)>;tag=1').number).toBe('+33612345678');
      expect(from('tel:0612345678;phone-context=+33;tag=1').number).toBe('0612345678');
    });

    it('reads a number whose parameters sit before the host (sip:+33612345678;user=phone@host)', () => {
      expect(from('<sip:+33612345678;user=phone@host>;tag=1').number).toBe('+33612345678');
      expect(from('sip:+33612345678;user=phone@host;tag=1').number).toBe('+33612345678');
    });

    it('reads a number with ;user=phone after the host', () => {
      expect(from('<sip:+33612345678@host;user=phone>;tag=x').number).toBe('+33612345678');
    });

    it('reads an addr-spec without angle brackets and ignores its header parameters', () => {
      expect(from('sip:0612345678@127.0.0.1;tag=abc')).toMatchObject({ number: '0612345678', displayName: null, warnings: [] });
    });

    it('accepts sips: and upper-case schemes', () => {
      expect(from('<SIPS:0612345678@h>').number).toBe('0612345678');
      expect(from('<SIP:0612345678@h>').number).toBe('0612345678');
    });

    it('ignores a password in the user info', () => {
      expect(from('<sip:0612345678:secret@h>').number).toBe('0612345678');
    });

    it('percent-decodes the user part, and survives a broken escape', () => {
      expect(from('<sip:%2B33612345678@h>').number).toBe('+33612345678');
      const c = from('<sip:06%ZZ12@h>');
      expect(c.number).toBe('06%ZZ12');
      expect(c.warnings.join()).toMatch(/%XX/);
    });

    it('reads a number put where the host should be, with a warning', () => {
      const c = from('<sip:0612345678>;tag=1');
      expect(c.number).toBe('0612345678');
      expect(c.warnings).toHaveLength(1);
    });

    it('accepts a URI without scheme, with a warning', () => {
      const c = from('<0612345678@h>');
      expect(c.number).toBe('0612345678');
      expect(c.warnings.join()).toMatch(/schéma/);
    });

    it('returns no number, with a warning, for an unsupported scheme', () => {
      const c = from('<http://evil.example/x>');
      expect(c.number).toBe('');
      expect(c.warnings.join()).toMatch(/schéma/);
    });
  });

  describe('display names', () => {
    it('unescapes a quoted display name', () => {
      expect(from('"Jean \\"Jeannot\\" \\\\ Dupont" <sip:1@h>').displayName).toBe('Jean "Jeannot" \\ Dupont');
    });

    it('reads an unquoted display name', () => {
      expect(from('Jean   Dupont <sip:1@h>;tag=1').displayName).toBe('Jean Dupont');
    });

    it('keeps HTML in a display name as plain text (the renderer escapes it)', () => {
      const c = from('"<img src=x onerror=alert(1)>" <sip:0612345678@h>;tag=1');
      expect(c.displayName).toBe('<img src=x onerror=alert(1)>');
      expect(c.number).toBe('0612345678');
    });

    it('finds the URI after an unquoted HTML display name', () => {
      const c = from('<img src=x onerror=alert(1)> <sip:0612345678@h>;tag=1');
      expect(c.number).toBe('0612345678');
      expect(c.displayName).toBe('<img src=x onerror=alert(1)>');
    });

    it('strips control and bidi-override characters from a display name, with a warning', () => {
      const c = from('"Ma\u0000rtin\u202e\u0007 \r\nSA" <sip:1@h>');
      expect(c.displayName).toBe('Ma rtin SA');
      expect(c.warnings.join()).toMatch(/contrôle/);
    });

    it(`truncates a display name to ${MAX_DISPLAY_NAME_CHARS} characters, with a warning`, () => {
      const long = 'é🙂'.repeat(2048); // ~4 KB of Unicode with astral characters
      const c = from(`"${long}" <sip:0612345678@h>;tag=1`);
      expect(Array.from(c.displayName ?? '')).toHaveLength(MAX_DISPLAY_NAME_CHARS);
      expect(c.displayName).not.toMatch(/[\ud800-\udbff]$/);
      expect(c.number).toBe('0612345678');
      expect(c.warnings.join('\n')).toMatch(/trop long/);
    });

    it('treats an empty display name as none', () => {
      expect(from('"" <sip:1@h>').displayName).toBeNull();
      expect(from('"\u0001" <sip:1@h>').displayName).toBeNull();
    });

    it('keeps what it can from an unclosed quote', () => {
      const c = from('"Dupont <sip:0612345678@h>;tag=1');
      expect(c.number).toBe('0612345678');
      expect(c.displayName).toBe('Dupont');
      expect(c.warnings.join()).toMatch(/guillemets/);
    });

    it('keeps what it can from a missing closing bracket', () => {
      const c = from('"Dupont" <sip:0612345678@h;tag=1');
      expect(c.number).toBe('0612345678');
      expect(c.warnings.join()).toMatch(/chevron/);
    });

    it('replaces lone surrogates so the journal stays valid UTF-8', () => {
      const c = from('"A\ud800B" <sip:1@h>');
      expect(c.displayName).toBe('A\ufffdB');
    });
  });

  describe('withheld numbers', () => {
    it.each([
      ['"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1'],
      ['<sip:Anonymous@pbx.local>;tag=1'],
      ['"Inconnu" <sip:restricted@pbx>'],
      ['<sip:unknown@pbx>'],
      ['<sip:x@anonymous.invalid>'],
    ])('reports %s as withheld with no number', (value) => {
      const c = from(value);
      expect(c).toMatchObject({ number: '', displayName: null, withheld: true });
    });

    it('honours Privacy: id even when P-Asserted-Identity carries the number', () => {
      const c = from('"Anonymous" <sip:anonymous@anonymous.invalid>', { pai: '<sip:+33612345678@pbx>', privacy: 'id' });
      expect(c).toMatchObject({ number: '', withheld: true, source: 'pai' });
    });

    it('honours an anonymous From even when the network asserts the number without Privacy', () => {
      const c = from('<sip:anonymous@anonymous.invalid>;tag=1', { pai: '<sip:+33612345678@pbx>' });
      expect(c).toMatchObject({ number: '', withheld: true });
    });

    it('reads Privacy: none as not withheld', () => {
      expect(from('<sip:0612345678@h>', { privacy: 'none' }).withheld).toBe(false);
      expect(from('<sip:0612345678@h>', { privacy: 'ID; critical' }).withheld).toBe(true);
    });
  });

  describe('hostile and broken input', () => {
    it('never throws and always returns a caller', () => {
      const inputs = [
        undefined,
        '',
        ' ',
        '<',
        '>',
        '<>',
        '"',
        '\\',
        ';;;;',
        '@@@',
        'sip:',
        'sip:@',
        'tel:',
        '<sip:',
        '"""""" <<<>>>',
        '\u0000\u0001\u0002',
        '%',
        'x'.repeat(100_000),
        '<sip:' + '1'.repeat(10_000) + '@h>',
        '"' + '\\'.repeat(5001),
      ];
      for (const f of inputs) {
        for (const p of inputs) {
          const c = parseCaller({ from: f, pai: p, privacy: p });
          expect(typeof c.number).toBe('string');
          expect(Array.isArray(c.warnings)).toBe(true);
        }
      }
      // Not even with values that are not strings at all (a header parser handing over junk).
      expect(() => parseCaller({ from: 42 as unknown as string, pai: null as unknown as string })).not.toThrow();
    });

    it('warns when both headers are missing', () => {
      const c = parseCaller({ from: undefined, pai: undefined });
      expect(c).toMatchObject({ number: '', displayName: null, withheld: false, source: 'from' });
      expect(c.warnings).toHaveLength(1);
    });

    it('truncates an oversized header before parsing, with a warning', () => {
      const c = from(`"Dupont" <sip:0612345678@h>;tag=1;x=${'a'.repeat(40_000)}`);
      expect(c).toMatchObject({ number: '0612345678', displayName: 'Dupont' });
      expect(c.warnings.join()).toMatch(/From trop long/);
    });

    it('truncates an oversized number, with a warning', () => {
      const c = from(`<sip:${'1'.repeat(500)}@h>`);
      expect(c.number).toHaveLength(64);
      expect(c.warnings.join()).toMatch(/Numéro trop long/);
    });

    it('strips control characters from the number', () => {
      const c = from('<sip:06%0012345678@h>');
      expect(c.number).toBe('0612345678');
      expect(c.warnings.length).toBeGreaterThan(0);
    });
  });
});
