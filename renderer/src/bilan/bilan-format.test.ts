import { describe, expect, it } from 'vitest';
import { figure, monthName, planMonthLabel, signed } from './bilan-format';
import { canEditBilanSettings, canReadBilan } from './bilan-store';

describe('the Bilan’s figures on screen', () => {
  it('writes « — » for nothing measured, never 0', () => {
    expect(figure(null, 'fr')).toBe('—');
    expect(figure(0, 'fr')).toBe('0');
    expect(signed(null, 'fr')).toBe('—');
  });

  it('writes French decimals and signed NPS', () => {
    expect(figure(7.5, 'fr')).toBe('7,5');
    expect(figure(7.5, 'en')).toBe('7.5');
    expect(signed(40, 'fr')).toBe('+40');
    expect(signed(-12, 'fr')).toBe('−12');
  });

  it('names months and plan months', () => {
    expect(monthName('2026-03', 'fr')).toBe('mars 2026');
    expect(monthName('2026-03', 'en')).toBe('March 2026');
    expect(planMonthLabel(3)).toBe('M3');
    expect(planMonthLabel(-2)).toBe('M−2');
  });

  it('opens to supervisors and administrators, or to a supervisor workstation without an account', () => {
    expect(canReadBilan('supervisor', 'agent')).toBe(true);
    expect(canReadBilan('admin', null)).toBe(true);
    expect(canReadBilan('agent', 'supervisor')).toBe(false);
    expect(canReadBilan(null, 'supervisor')).toBe(true);
    expect(canReadBilan(null, 'agent')).toBe(false);
    expect(canEditBilanSettings(null)).toBe(true);
    expect(canEditBilanSettings('supervisor')).toBe(false);
  });
});
