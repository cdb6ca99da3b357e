import { describe, expect, it } from 'vitest';
import { checklistFor } from './job-checklists';

describe('checklists by kind of visit', () => {
  it('gives a boiler service the points of its attestation, whatever the accents and case', () => {
    expect(checklistFor('ENTRETIEN CHAUDIERE GAZ')).toContain('Mesure du monoxyde de carbone (CO)');
    expect(checklistFor('Entretien chaudière fioul')).toEqual(checklistFor('entretien chaudiere fioul'));
  });

  it('gives a repair the shared points, and a chimney sweep its own', () => {
    expect(checklistFor('Dépannage fuite')).toEqual(['Diagnostic posé avec le client', 'Intervention réalisée', 'Essais de fonctionnement', 'Chantier laissé propre']);
    expect(checklistFor('Ramonage')[0]).toBe('Ramonage du conduit');
  });

  it('hands out a fresh list each time (a caller editing it changes nothing for the next)', () => {
    checklistFor('Ramonage').push('x');
    expect(checklistFor('Ramonage')).not.toContain('x');
  });
});
