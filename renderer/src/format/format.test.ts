import { describe, expect, it } from 'vitest';
import { addressLine, callTime, contactName, fullDateTime, money, relativeTime, secondsUntil } from './format';
import { registrationText } from './registration';
import type { TelephonyStatus } from '../contract';

// 2025-03-04 is a Tuesday; 14:00 in Paris is 13:00 UTC (winter time).
const NOW = Date.parse('2025-03-04T13:00:00Z');

describe('relativeTime (French, Europe/Paris)', () => {
  const rel = (iso: string) => relativeTime(iso, NOW, 'fr', 'à l’instant');
  it('says "just now" under 45 seconds', () => {
    expect(rel('2025-03-04T12:59:30Z')).toBe('à l’instant');
  });
  it('counts minutes then hours', () => {
    expect(rel('2025-03-04T12:55:00Z')).toBe('il y a 5 minutes');
    expect(rel('2025-03-04T10:00:00Z')).toBe('il y a 3 heures');
  });
  it('uses calendar days in Paris: late yesterday evening is "hier"', () => {
    expect(rel('2025-03-03T22:30:00Z')).toBe('hier'); // 23:30 Paris on Monday
    expect(rel('2025-03-01T09:00:00Z')).toBe('il y a 3 jours');
  });
  it('goes to weeks, months and years', () => {
    expect(rel('2025-02-18T09:00:00Z')).toBe('il y a 2 semaines');
    expect(rel('2024-12-01T09:00:00Z')).toBe('il y a 3 mois');
    expect(rel('2023-01-10T09:00:00Z')).toBe('il y a 2 ans');
  });
  it('handles future dates (planned interventions)', () => {
    expect(rel('2025-03-05T08:00:00Z')).toBe('demain');
    expect(rel('2025-03-07T08:00:00Z')).toBe('dans 3 jours');
  });
  it('speaks English when asked', () => {
    expect(relativeTime('2025-03-03T22:30:00Z', NOW, 'en', 'just now')).toBe('yesterday');
  });
  it('returns an empty string for an unreadable date', () => {
    expect(rel('pas une date')).toBe('');
  });
});

describe('dates in Paris time', () => {
  it('formats the full date in the Paris zone', () => {
    expect(fullDateTime('2025-03-04T13:05:00Z', 'fr')).toBe('mardi 4 mars 2025 à 14:05');
  });
  it('formats call times relative to today', () => {
    expect(callTime('2025-03-04T08:07:00Z', NOW, 'fr')).toBe('09:07');
    expect(callTime('2025-03-03T17:00:00Z', NOW, 'fr')).toBe('hier 18:00');
    expect(callTime('2025-03-01T17:00:00Z', NOW, 'fr')).toBe('sam. 18:00');
    expect(callTime('2025-02-01T17:00:00Z', NOW, 'fr')).toBe('1 févr. 18:00');
  });
  it('counts seconds to a retry, never negative', () => {
    expect(secondsUntil('2025-03-04T13:00:12Z', NOW)).toBe(12);
    expect(secondsUntil('2025-03-04T12:00:00Z', NOW)).toBe(0);
    expect(secondsUntil(null, NOW)).toBeNull();
  });
});

describe('money and names', () => {
  it('formats cents as euros', () => {
    expect(money(123456, 'fr').replace(/\s/g, ' ')).toBe('1 234,56 €');
    expect(money(123456, 'en')).toBe('€1,234.56');
  });
  it('joins names and addresses without stray separators', () => {
    expect(contactName({ firstName: ' ', lastName: 'Durand' })).toBe('Durand');
    expect(contactName({ firstName: 'Marie', lastName: 'Durand' })).toBe('Marie Durand');
    expect(addressLine({ address: '3 rue des Lilas', postalCode: '69003', city: 'Lyon' })).toBe('3 rue des Lilas, 69003 Lyon');
    expect(addressLine({ address: null, postalCode: null, city: 'Lyon' })).toBe('Lyon');
    expect(addressLine({ address: null, postalCode: null, city: null })).toBeNull();
  });
});

describe('registrationText', () => {
  const status = (patch: Partial<TelephonyStatus>): TelephonyStatus => ({
    state: 'registered',
    aor: 'sip:accueil@pbx',
    server: 'wss://pbx',
    detail: null,
    nextRetryAt: null,
    since: '2025-03-04T12:00:00Z',
    ...patch,
  });
  it('maps each state to its sentence and tone', () => {
    expect(registrationText(status({}), NOW)).toEqual({ key: 'registration.registered', tone: 'ok' });
    expect(registrationText(status({ state: 'connecting' }), NOW)).toEqual({ key: 'registration.connecting', tone: 'busy' });
    expect(registrationText(status({ state: 'unconfigured' }), NOW)).toEqual({ key: 'registration.unconfigured', tone: 'idle' });
    expect(registrationText(null, NOW).key).toBe('registration.unknown');
  });
  it('counts down to the next attempt when the PBX is unreachable', () => {
    expect(registrationText(status({ state: 'failed', nextRetryAt: '2025-03-04T13:00:12Z' }), NOW)).toEqual({
      key: 'registration.retryIn',
      params: { seconds: 12 },
      tone: 'error',
    });
    expect(registrationText(status({ state: 'failed', nextRetryAt: '2025-03-04T12:59:00Z' }), NOW).key).toBe('registration.retrying');
    expect(registrationText(status({ state: 'failed' }), NOW).key).toBe('registration.failed');
  });
});
