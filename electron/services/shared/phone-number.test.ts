import { describe, expect, it } from 'vitest';
import { hostilePhoneNumbers } from '../../../test/support/hostile-text';
import { displayNumber, normalizeNumber, phoneSearchDigits, toE164, userPart, withoutExtension } from './phone-number';

describe('normalizeNumber', () => {
  it.each([
    '06 12 34 56 78',
    '06.12.34.56.78',
    '06-12-34-56-78',
    '0612345678',
    '+33 6 12 34 56 78',
    '+33 (0)6 12 34 56 78',
    '+33 (0) 6 12 34 56 78',
    '0033 6 12 34 56 78',
    '0033612345678',
    '33612345678',
    '+330612345678',
    'tel:+33612345678',
    'sip:+33612345678@pbx.example.fr;user=phone',
    '"Jean Dupont" <sip:0612345678@10.0.0.1:5060>',
    '  06 12 34 56 78  ',
  ])('reads %j as the French mobile +33612345678, shown 06 12 34 56 78', (raw) => {
    expect(normalizeNumber(raw)).toEqual({ raw, e164: '+33612345678', display: '06 12 34 56 78', kind: 'mobile' });
  });

  it('tells a landline from a mobile and shows it in national format', () => {
    expect(normalizeNumber('01 45 67 89 12')).toMatchObject({ e164: '+33145678912', display: '01 45 67 89 12', kind: 'fixe' });
    expect(normalizeNumber('+33299123456')).toMatchObject({ e164: '+33299123456', display: '02 99 12 34 56', kind: 'fixe' });
    expect(normalizeNumber('09 70 12 34 56')).toMatchObject({ kind: 'fixe' });
  });

  it.each([
    ['+32 2 555 12 12', '+3225551212', '+32 2 555 12 12'],
    ['0041 22 555 12 12', '+41225551212', '+41 22 555 12 12'],
    ['+44 20 7946 0958', '+442079460958', '+44 20 7946 0958'],
    ['3225551212', '+3225551212', '+32 2 555 12 12'],
  ])('reads the foreign number %j as international, shown in international format', (raw, e164, display) => {
    expect(normalizeNumber(raw)).toEqual({ raw, e164, display, kind: 'international' });
  });

  it('reads an overseas-department number dialled nationally from France', () => {
    expect(normalizeNumber('0692 12 34 56')).toMatchObject({ e164: '+262692123456', display: '0692 12 34 56', kind: 'mobile' });
  });

  it.each(['201', '1001', '42', '123456'])('treats the short number %j as an internal extension', (raw) => {
    expect(normalizeNumber(raw)).toEqual({ raw, e164: null, display: raw, kind: 'interne' });
  });

  it.each(['3949', '15', '112', '118712'])('treats the short number %j as a special service', (raw) => {
    expect(normalizeNumber(raw)).toMatchObject({ e164: null, display: raw, kind: 'special' });
  });

  it.each(['0800 123 456', '08 00 12 34 56', '0899 12 34 56', '0810 12 34 56'])('keeps the E.164 of the special-rate number %j', (raw) => {
    const number = normalizeNumber(raw);
    expect(number.kind).toBe('special');
    expect(number.e164).toMatch(/^\+338\d{8}$/);
  });

  it.each(['anonymous', 'Anonymous', 'unknown', '', '   ', 'restricted', 'sip:anonymous@anonymous.invalid', 'Private'])(
    'treats %j as a withheld number',
    (raw) => {
      expect(normalizeNumber(raw)).toEqual({ raw, e164: null, display: 'Numéro masqué', kind: 'masque' });
    },
  );

  // Possible for France (9 digits after the 0, 06/07 mobile prefix) but in a range libphonenumber's
  // metadata does not list as allocated: the operators open ranges after the metadata is built.
  it.each(['+33 7 20 50 03 26', '07 20 50 03 26', '0720500326', '0033720500326', 'sip:+33720500326@pbx;user=phone', '+33 (0)7 20 50 03 26'])(
    'reads %j as a French mobile although the metadata does not know its range',
    (raw) => {
      expect(normalizeNumber(raw)).toEqual({ raw, e164: '+33720500326', display: '07 20 50 03 26', kind: 'mobile' });
    },
  );

  it('keeps a possible number of another country in E.164, shown in international format', () => {
    expect(normalizeNumber('+1 555 010 0000')).toMatchObject({ e164: '+15550100000', kind: 'international' });
  });

  it('still refuses what cannot be a number: wrong length, a national number starting with the trunk 0', () => {
    for (const raw of ['+33 0 20 50 03 26', '07 20 50 03 2', '07 20 50 03 26 1']) expect(normalizeNumber(raw).kind).toBe('invalide');
  });

  it.each(['+33 6 12', '1'.repeat(40), 'abc', '06 12 34 56 7X', '+999 1234', '06 12 34 56 78 bureau', '++33'])(
    'marks %j invalid without throwing',
    (raw) => {
      const number = normalizeNumber(raw);
      expect(number.kind).toBe('invalide');
      expect(number.e164).toBeNull();
      expect(number.display.length).toBeGreaterThan(0);
      expect(number.display.length).toBeLessThanOrEqual(40);
    },
  );

  it('never throws on values a PBX should not send', () => {
    for (const raw of [undefined, null, 42, '%%%', 'sip:%ZZ@x', '<>', 'tel:', '\u0000'] as unknown[]) {
      expect(() => normalizeNumber(raw as string)).not.toThrow();
    }
  });

  it.each(['01 45 67 89 12 poste 204', '01 45 67 89 12 ext. 12', '+33 1 45 67 89 12 x12'])('reads the main number of %j, as CRM fields carry extensions', (raw) => {
    expect(normalizeNumber(raw)).toMatchObject({ e164: '+33145678912', kind: 'fixe' });
  });

  it('uses another default country when told to', () => {
    expect(normalizeNumber('02 555 12 12', { defaultCountry: 'BE' })).toMatchObject({ e164: '+3225551212', display: '02 555 12 12', kind: 'fixe' });
    expect(normalizeNumber('06 12 34 56 78', { defaultCountry: 'BE' }).e164).not.toBe('+33612345678');
  });
});

describe('toE164', () => {
  it('returns the E.164 form, or null for withheld and internal numbers', () => {
    expect(toE164('06 12 34 56 78')).toBe('+33612345678');
    expect(toE164('anonymous')).toBeNull();
    expect(toE164('201')).toBeNull();
  });
});

describe('userPart', () => {
  it('takes the user part of SIP and tel URIs', () => {
    expect(userPart('<sip:+33612345678@pbx;user=phone>')).toBe('+33612345678');
    expect(userPart('tel:+33-6-12-34-56-78;phone-context=+33')).toBe('+33-6-12-34-56-78');
    expect(userPart('sips:1001@pbx')).toBe('1001');
  });
});

describe('phoneSearchDigits', () => {
  it('indexes national, national-significant and international digits', () => {
    expect(phoneSearchDigits('+33612345678', '06 12 34 56 78').split(' ')).toEqual(['0612345678', '612345678', '33612345678']);
    expect(phoneSearchDigits('+3225551212', '').split(' ')).toEqual(['025551212', '25551212', '3225551212']);
    expect(phoneSearchDigits(null, '12-34')).toBe('1234');
  });
});

describe('phone numbers in hostile text', () => {
  /** The two steps as they were written before they were made linear, to check the answers did not change. */
  const backtrackingUserPart = (raw: string) => {
    let value = raw.trim();
    const bracketed = /<([^>]*)>/.exec(value);
    if (bracketed?.[1] !== undefined) value = bracketed[1].trim();
    return value;
  };
  const backtrackingWithoutExtension = (value: string) => value.replace(/\s*(?:poste|ext\.?|extension|p\.|x|#)\s*\d{1,6}\s*$/i, '').trim();

  it('reads extensions and brackets exactly as the former patterns did', () => {
    const extensions = [
      '01 45 67 89 12 poste 204', '01 45 67 89 12 POSTE204 ', '0145678912 ext. 12', '0145678912ext12', '01 45 67 89 12 extension 3',
      '01 45 67 89 12 p. 7', '01 45 67 89 12 x12', '01 45 67 89 12 #1234567', '01 45 67 89 12 # 123456', '01 45 67 89 12  x  12  ',
      'x12', ' x 1', '0145678912 poste', '0145678912 12', 'p.p. 1', 'extension ext 4', '06 12 34 56 78 X 99\t', 'poste\u00a01\u2028', '',
    ];
    for (const sample of extensions) expect(withoutExtension(sample), JSON.stringify(sample)).toBe(backtrackingWithoutExtension(sample));
    // Plain text (no sip:/tel:), so userPart stops after the brackets and both answers compare as they are.
    for (const sample of ['"A" <0612345678>', '<<0612345678>', '< 0612345678 >', 'a<b', 'a>b<c>', '<>', '"x" <1> <2>', ' < > ']) {
      expect(userPart(sample), JSON.stringify(sample)).toBe(backtrackingUserPart(sample));
    }
    expect(normalizeNumber('01 45 67 89 12 poste 204')).toMatchObject({ e164: '+33145678912' });
    expect(normalizeNumber('01 45 67 89 12  x  12  ')).toMatchObject({ e164: '+33145678912' });
  });

  it('normalises 1 MB of hostile text without stalling, and each step reads it in linear time (each shape once)', () => {
    for (const { name, text } of hostilePhoneNumbers()) {
      const number = normalizeNumber(text);
      expect(number.kind, name).toBe('invalide');
      expect(number.display.length, name).toBeLessThanOrEqual(40);
      // The steps on their own, past the length cap that normalizeNumber puts in front of them.
      expect(userPart(text).length, name).toBeLessThanOrEqual(text.length);
      expect(withoutExtension(text).length, name).toBeLessThanOrEqual(text.length);
    }
    expect(withoutExtension(`06 12 34 56 78 x${' '.repeat(1 << 20)}12`)).toBe('06 12 34 56 78');
  }, 30_000);

  it('calls a number text longer than 250 characters invalid, as libphonenumber does', () => {
    expect(normalizeNumber(`06 12 34 56 78${' '.repeat(236)}`)).toMatchObject({ kind: 'mobile' });
    expect(normalizeNumber(`06 12 34 56 78${' '.repeat(236)}9`)).toMatchObject({ kind: 'invalide', e164: null });
  });
});

describe('displayNumber', () => {
  it.each([
    ['+33478123456', '+33478123456'],
    ['+33478123456', '0478123456'],
    ['+33478123456', '04.78.12.34.56'],
    [null, '04.78.12.34.56'],
    [null, '+33 (0)4 78 12 34 56'],
    [null, '0478123456'],
  ])('shows the French number stored as %j / typed %j as 04 78 12 34 56', (e164, raw) => {
    expect(displayNumber(e164, raw)).toBe('04 78 12 34 56');
  });

  it('shows a foreign number in international format, and an overseas one nationally', () => {
    expect(displayNumber('+442079460958', '0044 20 79460958')).toBe('+44 20 7946 0958');
    expect(displayNumber(null, '+44 20 79460958')).toBe('+44 20 7946 0958');
    expect(displayNumber('+3225551212', '32 2 5551212')).toBe('+32 2 555 12 12');
    expect(displayNumber('+262692123456', '+262692123456')).toBe('0692 12 34 56');
  });

  it('shows what cannot be read as it was typed, and an extension as its digits', () => {
    expect(displayNumber(null, 'voir standard')).toBe('voir standard');
    expect(displayNumber(null, '201')).toBe('201');
    expect(displayNumber(null, '04 78 12')).toBe('04 78 12');
  });
});
