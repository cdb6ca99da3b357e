import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { placeholders, translate } from './index';

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

  it('keeps the French status texts the end-to-end tests look for', () => {
    expect(translate('fr', 'registration.registered')).toBe('Ligne enregistrée');
    expect(translate('fr', 'registration.connecting')).toBe('Connexion au standard…');
    expect(translate('fr', 'registration.unconfigured')).toBe('Non configuré');
    expect(translate('fr', 'match.reason.standard')).toBe("Standard de l'entreprise");
    expect(translate('fr', 'call.withheld')).toBe('Numéro masqué');
    expect(translate('fr', 'call.state.missed')).toBe('Manqué');
  });
});
