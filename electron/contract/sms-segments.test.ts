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
});
