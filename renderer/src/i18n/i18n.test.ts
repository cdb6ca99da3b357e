import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { placeholders, translate } from './index';
import { featureMessages } from './feature-messages';

describe('i18n catalogs', () => {
  it('has the same keys in English as in French', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('uses the same placeholders in both languages for every key', () => {
    const mismatched = (Object.keys(fr) as Array<keyof typeof fr>).filter(
      (key) => placeholders(fr[key]).join() !== placeholders(en[key]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('has no empty message', () => {
    expect(Object.entries(fr).filter(([, v]) => v.trim() === '')).toEqual([]);
    expect(Object.entries(en).filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  it('fills placeholders as plain text and leaves unknown ones visible', () => {
    expect(translate('fr', 'registration.retryIn', { seconds: 12 })).toBe('Standard injoignable — nouvel essai dans 12 s');
    expect(translate('en', 'search.none', { query: '<b>x</b>' })).toBe('No results for “<b>x</b>”');
    expect(translate('fr', 'search.none')).toBe('Aucun résultat pour « {query} »');
  });

  it('says a count in the singular by each language’s rule: « 0 champ », « 1 field », never « champ(s) »', () => {
    expect(translate('fr', 'templates.missingTitle', { count: 1 })).toMatch(/^1 champ à remplir :/);
    expect(translate('fr', 'templates.missingTitle', { count: 0 })).toMatch(/^0 champ à remplir :/);
    expect(translate('fr', 'templates.missingTitle', { count: 10 })).toMatch(/^10 champs à remplir :/);
    expect(translate('en', 'templates.missingTitle', { count: 1 })).toMatch(/^1 field to fill:/);
    expect(translate('en', 'templates.missingTitle', { count: 0 })).toMatch(/^0 fields to fill:/);
    expect(translate('en', 'satisfaction.wallDetail', { nps: '+10', low: '-5', high: '+25', count: 1 })).toBe('NPS +10 (-5 to +25) · 1 answer');
  });

  it('has no « (s) » plural and a singular for every counted message that has one', () => {
    for (const catalog of [fr, en]) {
      expect(Object.entries(catalog).filter(([, v]) => /\w\(s\)/.test(v))).toEqual([]);
      for (const key of Object.keys(catalog).filter((k) => k.endsWith('.one'))) {
        expect(catalog[key.slice(0, -4) as keyof typeof catalog], key).toBeDefined();
        expect(catalog[key as keyof typeof catalog], key).toContain('{count}');
      }
    }
  });

  it('writes the French apostrophe as a French typesetter does (’), never the typewriter\'s', () => {
    expect(Object.entries(fr).filter(([, v]) => /\p{L}'\p{L}/u.test(v))).toEqual([]);
  });

  it('keeps the French status texts the end-to-end tests look for', () => {
    expect(translate('fr', 'registration.registered')).toBe('Ligne enregistrée');
    expect(translate('fr', 'registration.connecting')).toBe('Connexion au standard…');
    expect(translate('fr', 'registration.unconfigured')).toBe('Non configuré');
    expect(translate('fr', 'match.reason.standard')).toBe('Standard de l’entreprise');
    expect(translate('fr', 'call.withheld')).toBe('Numéro masqué');
    expect(translate('fr', 'call.state.missed')).toBe('Manqué');
  });
});

describe("each feature's messages", () => {
  const features = Object.entries(featureMessages);

  it('are found for every feature, the shell and ui/', () => {
    expect(features.length).toBeGreaterThanOrEqual(12);
    for (const [path, messages] of features) expect(Object.keys(messages.fr).length, path).toBeGreaterThan(0);
  });

  it('have the same keys and placeholders in English as in French', () => {
    for (const [path, { fr: french, en: english }] of features) {
      expect(Object.keys(english).sort(), path).toEqual(Object.keys(french).sort());
      const mismatched = Object.keys(french).filter((key) => placeholders(french[key] ?? '').join() !== placeholders(english[key] ?? '').join());
      expect(mismatched, path).toEqual([]);
    }
  });

  it('define each key in one feature only', () => {
    const owners = new Map<string, string[]>();
    for (const [path, messages] of features) for (const key of Object.keys(messages.fr)) owners.set(key, [...(owners.get(key) ?? []), path]);
    expect([...owners].filter(([, paths]) => paths.length > 1)).toEqual([]);
  });
});
