import { describe, expect, it } from 'vitest';
import { countSms } from './sms-segments';

describe('countSms', () => {
  it('GSM-7: 160 in one message, then 153 per part; é è à ù are in the alphabet', () => {
    expect(countSms('é'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1, remaining: 0 });
    expect(countSms('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153 });
    expect(countSms('a'.repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(countSms('a'.repeat(307))).toMatchObject({ segments: 3 });
    expect(countSms('Votre technicien arrive à 14 h, à très bientôt : où êtes-vous ?').encoding).toBe('UCS-2');
    expect(countSms('Votre technicien arrive a 14 h. Merci, a bientot ! Tel : 04 78 12 34 56').encoding).toBe('GSM-7');
    expect(countSms('')).toMatchObject({ segments: 0, remaining: 160 });
  });

  it('the extension table counts two, and a pair is never cut between parts', () => {
    expect(countSms('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSms('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 });
    expect(countSms(`${'a'.repeat(159)}€`)).toMatchObject({ units: 161, segments: 2 });
    // 152 septets then a € (2): the pair does not fit in the first 153-septet part, it opens the second.
    expect(countSms(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ units: 306, segments: 3 });
    expect(countSms('[test] {x} ~ ^ \\ |')).toMatchObject({ encoding: 'GSM-7', units: 26 });
  });

  it('one œ, ç, ê or emoji switches to UCS-2: 70, then 67 per part, and says which characters did it', () => {
    expect(countSms(`${'a'.repeat(69)}œ`)).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1, unicodeCharacters: ['œ'] });
    expect(countSms(`${'a'.repeat(70)}œ`)).toMatchObject({ encoding: 'UCS-2', units: 71, segments: 2, perSegment: 67 });
    expect(countSms('Ça marche, à demain ! Bien reçu 🙂').unicodeCharacters).toEqual(['ç', '🙂']);
    // An emoji is two UTF-16 units, never cut between parts.
    expect(countSms(`${'a'.repeat(66)}🙂`)).toMatchObject({ units: 68, segments: 1 });
    expect(countSms(`${'a'.repeat(69)}🙂`)).toMatchObject({ units: 71, segments: 2 });
    expect(countSms(`${'a'.repeat(66)}🙂${'a'.repeat(5)}`)).toMatchObject({ units: 73, segments: 2 });
  });

  it('every character of the extension table counts two, at the 160/161 boundary too', () => {
    for (const c of ['€', '[', ']', '{', '}', '\\', '~', '^', '|']) {
      expect(countSms(`${'a'.repeat(158)}${c}`), c).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1, remaining: 0 });
      expect(countSms(`${'a'.repeat(159)}${c}`), c).toMatchObject({ encoding: 'GSM-7', units: 161, segments: 2 });
    }
  });

  it('a typographic apostrophe or a capital with an accent other than É and Ç switches to UCS-2; é, è, à, ù, É do not', () => {
    expect(countSms('Rendez-vous confirmé à 14 h, réglé. Où ? Chez vous.')).toMatchObject({ encoding: 'GSM-7' });
    expect(countSms('À demain')).toMatchObject({ encoding: 'UCS-2', unicodeCharacters: ['À'] });
    expect(countSms('l’entretien')).toMatchObject({ encoding: 'UCS-2', unicodeCharacters: ['’'] });
    expect(countSms('Ève')).toMatchObject({ encoding: 'UCS-2', unicodeCharacters: ['È'] });
    expect(countSms('Élodie')).toMatchObject({ encoding: 'GSM-7' });
  });

  it('concatenated UCS-2 parts hold 67 each: 134 is two, 135 three', () => {
    expect(countSms(`œ${'a'.repeat(133)}`)).toMatchObject({ units: 134, segments: 2, remaining: 0 });
    expect(countSms(`œ${'a'.repeat(134)}`)).toMatchObject({ units: 135, segments: 3, perSegment: 67 });
    expect(countSms(`${'a'.repeat(459)}`)).toMatchObject({ encoding: 'GSM-7', segments: 3, remaining: 0 });
    expect(countSms(`${'a'.repeat(460)}`)).toMatchObject({ segments: 4 });
  });
});
