import { describe, expect, it } from 'vitest';
import { editDistance, foldText, searchWords, stemWord } from './french-words';

describe('reading a customer’s French', () => {
  it('folds accents, ligatures and typographic quotes', () => {
    expect(foldText('Œuvre d’Été, CHAUDIÈRE')).toBe("oeuvre d'ete, chaudiere");
  });

  it('meets plural, accented and unaccented forms of one word', () => {
    expect(searchWords('Les chaudières')).toEqual(searchWords('la chaudiere'));
    expect(searchWords('radiateurs')).toEqual(searchWords('radiateur'));
    expect(stemWord('travaux')).toBe(stemWord('travail'.replace('il', 'l')));
  });

  it('reads slang and short forms as the word an article uses', () => {
    expect(searchWords('la clim')).toEqual(searchWords('climatisation'));
    expect(searchWords('ma PAC')).toEqual(searchWords('pompe à chaleur'));
    expect(searchWords('le cumulus')).toEqual(searchWords('chauffe-eau'));
    expect(searchWords('rdv')).toEqual(searchWords('rendez-vous'));
    expect(searchWords('ça marche pu')).toContain(searchWords('en panne')[0]);
  });

  it('drops words that carry no meaning, keeps those that do', () => {
    expect(searchWords('Bonjour, est-ce que vous pouvez me dire')).toEqual([]);
    expect(searchWords('fuite de gaz')).toEqual(['fuit', 'gaz']);
  });

  it('counts a swap of two letters as one typo, and stops counting past the allowance', () => {
    expect(editDistance('chaudeire', 'chaudiere', 2)).toBe(1);
    expect(editDistance('radiatuer', 'radiateur', 2)).toBe(1);
    expect(editDistance('abc', 'xyzxyz', 1)).toBe(2);
  });
});
