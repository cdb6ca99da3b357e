import { describe, expect, it } from 'vitest';
import { hostileTemplates } from '../../../test/support/hostile-text';
import { MAX_VALUE_LENGTH, cleanValue, fieldsIn, htmlFromText, mergeText, unknownFieldsIn } from './merge-engine';

const values = { 'contact.prenom': 'François', 'contact.nom': 'Lefèvre', 'devis.numero': 'DEV-2024-0153', 'devis.montant': '' };

describe('mergeText', () => {
  it('replaces every known field with its value and keeps the text around it', () => {
    const merged = mergeText('Bonjour {{contact.prenom}} {{ contact.nom }}, devis {{DEVIS.numero}}.', values, 'body');
    expect(merged.text).toBe('Bonjour François Lefèvre, devis DEV-2024-0153.');
    expect(merged.missing).toEqual([]);
    expect(merged.segments.filter((s) => s.field !== null).map((s) => s.field)).toEqual(['contact.prenom', 'contact.nom', 'devis.numero']);
  });

  it('lists each empty and each unknown field once, leaving them visible in the text', () => {
    const merged = mergeText('{{devis.montant}} / {{devis.montant}} / {{contact.prenon}} / {{facture.numero}}', values, 'body');
    expect(merged.missing).toEqual([
      { key: 'devis.montant', reason: 'empty', label: 'Montant du devis (TTC)' },
      { key: 'contact.prenon', reason: 'unknown', label: null },
      { key: 'facture.numero', reason: 'empty', label: 'Numéro de facture (à saisir)' },
    ]);
    expect(merged.text).toBe('{{devis.montant}} / {{devis.montant}} / {{contact.prenon}} / {{facture.numero}}');
  });

  it('never expands a field written inside a CRM value (one pass)', () => {
    const merged = mergeText('Bonjour {{contact.prenom}}', { 'contact.prenom': '{{contact.nom}}' }, 'body');
    expect(merged.text).toBe('Bonjour {{contact.nom}}');
    expect(merged.missing).toEqual([]);
  });

  it('puts a multi-line value on one line in a subject, and strips control characters', () => {
    const merged = mergeText('Devis {{devis.numero}}', { 'devis.numero': 'A\r\nBcc: x@evil.test\u0007' }, 'subject');
    expect(merged.text).toBe('Devis A Bcc: x@evil.test');
    expect(merged.text).not.toMatch(/[\r\n\u0007]/);
  });

  it('cuts a very long value', () => {
    const merged = mergeText('{{contact.nom}}', { 'contact.nom': 'x'.repeat(MAX_VALUE_LENGTH * 3) }, 'body');
    expect(merged.text.length).toBe(MAX_VALUE_LENGTH + 1);
    expect(merged.text.endsWith('…')).toBe(true);
  });

  it('treats single braces and unclosed fields as text', () => {
    expect(fieldsIn('{contact.nom} {{contact.nom')).toEqual([]);
    expect(mergeText('Prix {10} {{ ', {}, 'body').text).toBe('Prix {10} {{ ');
  });
});

describe('fieldsIn / unknownFieldsIn', () => {
  it('finds the fields of a text once each and tells the unknown ones', () => {
    expect(fieldsIn('{{a.b}} {{contact.nom}} {{a.b}}')).toEqual(['a.b', 'contact.nom']);
    expect(unknownFieldsIn('{{a.b}} {{contact.nom}}')).toEqual(['a.b']);
  });
});

describe('htmlFromText', () => {
  it('escapes every character of hostile content and keeps accents as they are', () => {
    const html = htmlFromText('Bonjour <script>alert("x")</script> & <img src=x onerror=alert(1)>\n\nÉté, cœur, 12 €, ça', 'Objet <b>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Été, cœur, 12 €, ça');
    expect(html).toContain('<title>Objet &lt;b&gt;</title>');
  });

  it('makes paragraphs of blank-line blocks and line breaks of single newlines', () => {
    const html = htmlFromText('Ligne 1\nLigne 2\n\nParagraphe 2', 'x');
    expect(html).toContain('Ligne 1<br>\nLigne 2</p>');
    expect(html.match(/<p /g)).toHaveLength(2);
  });
});

describe('cleanValue', () => {
  it('keeps newlines in a body and trims', () => {
    expect(cleanValue('  a\r\nb  ', 'body')).toBe('a\nb');
  });
});

/** The pattern the engine used before it was made linear; kept here to check the answers did not change. */
const BACKTRACKING_FIELD = /\{\{\s*([^{}\r\n]{1,80}?)\s*\}\}/g;
const backtrackingFields = (text: string) => [...text.matchAll(BACKTRACKING_FIELD)].map((m) => ({ index: m.index, text: m[0], key: (m[1] ?? '').trim().toLowerCase() }));

/** Small deterministic generator (mulberry32): the same texts on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('merge fields in hostile text', () => {
  it('finds exactly the fields the former pattern found, on 20,000 generated texts', () => {
    const random = seeded(9);
    const alphabet = ['{', '{', '}', '}', ' ', ' ', '\t', '\n', '\r', 'a', 'B', '.', '\u00a0', '\u2028', 'é'];
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      // Keys around the 80-character limit, with and without spaces around them.
      if (n % 10 === 0) text += `{{${' '.repeat(n % 3)}${'k'.repeat(78 + (n % 5))}${' '.repeat(n % 2)}}}`;
      const merged = mergeText(text, { 'contact.nom': 'Lefèvre' }, 'body');
      const expected = backtrackingFields(text);
      expect(merged.segments.filter((s) => s.field !== null).map((s) => s.field), JSON.stringify(text)).toEqual(expected.map((m) => m.key));
      expect(fieldsIn(text)).toEqual([...new Set(expected.map((m) => m.key))]);
      expect(merged.text).toBe(text);
    }
  });

  it('keeps the edge cases of the former pattern: blank braces, keys over 80 characters, line breaks', () => {
    expect(fieldsIn('{{ }}')).toEqual(['']);
    expect(fieldsIn('{{\n}}')).toEqual([]);
    expect(fieldsIn(`{{${'a'.repeat(80)}}}`)).toEqual(['a'.repeat(80)]);
    expect(fieldsIn(`{{${'a'.repeat(81)}}}`)).toEqual([]);
    expect(fieldsIn('{{ contact.\nnom }}')).toEqual([]);
    expect(fieldsIn('{{{contact.nom}}}')).toEqual(['contact.nom']);
  });

  it('previews 1 MB of hostile template text without stalling (each shape once)', () => {
    for (const { name, text } of hostileTemplates()) {
      const merged = mergeText(text, { 'contact.prenom': 'François' }, 'body');
      expect(merged.text.length, name).toBeGreaterThan(0);
      expect(fieldsIn(text).length, name).toBeLessThanOrEqual(1);
    }
  }, 30_000);
});
