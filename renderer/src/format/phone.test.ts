import { describe, expect, it } from 'vitest';
import { callNumberText, phoneText } from './phone';

describe('phoneText', () => {
  it('shows what the services formatted as it is', () => {
    expect(phoneText('04 78 12 34 56')).toBe('04 78 12 34 56');
    expect(phoneText('+44 20 7946 0958')).toBe('+44 20 7946 0958');
    expect(phoneText('0692 12 34 56')).toBe('0692 12 34 56');
    expect(phoneText('201')).toBe('201');
    expect(phoneText('Numéro masqué')).toBe('Numéro masqué');
  });

  it.each(['0478123456', '04.78.12.34.56', '04-78-12-34-56', ' 04 78 12 34 56 '])('groups the French digits %j in pairs', (typed) => {
    expect(phoneText(typed)).toBe('04 78 12 34 56');
  });

  it('leaves alone what is not ten French digits', () => {
    expect(phoneText('04 78 12 34')).toBe('04 78 12 34');
    expect(phoneText('047812345678')).toBe('047812345678');
    expect(phoneText('voir standard')).toBe('voir standard');
  });
});

describe('callNumberText', () => {
  it('gives the caller of an inbound call and the called number of an outbound one', () => {
    expect(callNumberText({ direction: 'inbound', fromDisplay: '04 78 12 34 56', toDisplay: '201' })).toBe('04 78 12 34 56');
    expect(callNumberText({ direction: 'outbound', fromDisplay: '201', toDisplay: '+44 20 7946 0958' })).toBe('+44 20 7946 0958');
  });
});
