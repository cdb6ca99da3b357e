import { describe, expect, it } from 'vitest';
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
