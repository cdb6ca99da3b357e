import { describe, expect, it } from 'vitest';
import { CommuneGeocoder, normalisePlaceName, parseCommuneRows } from './commune-geocoder';
import { shippedGeocoder } from './shipped-communes';

describe('normalisePlaceName', () => {
  it('compares names without accents, case, hyphens, and with « SAINT » as La Poste’s « ST »', () => {
    expect(normalisePlaceName('Saint-Étienne')).toBe('ST ETIENNE');
    expect(normalisePlaceName('Sainte-Anne-d’Auray')).toBe('STE ANNE D AURAY');
    expect(normalisePlaceName('ST MALO')).toBe('ST MALO');
    expect(normalisePlaceName('Rennes Cedex 9')).toBe('RENNES');
  });
});

describe('CommuneGeocoder (a small table)', () => {
  const geocoder = new CommuneGeocoder(
    parseCommuneRows(
      [
        '35400;ST MALO;48.640;-1.981;PARAME|ROTHENEUF|ST SERVAN SUR MER',
        '35480;ST MALO DE PHILY;47.868;-1.805;',
        '35500;VITRE;48.112;-1.197;',
        '35500;BALAZE;48.178;-1.183;',
        '58350;ST MALO EN DONZIOIS;47.311;3.277;',
      ].join('\n'),
    ),
  );

  it('finds the commune by postcode and name, accents and « Saint » written out', () => {
    expect(geocoder.geocode('3 allée des Tilleuls, 35500 Vitré')).toMatchObject({ commune: 'VITRE', lat: 48.112, lon: -1.197, matchedBy: 'postcode_and_name', precision: 'commune' });
    expect(geocoder.geocode('1 quai Saint-Louis 35400 Saint-Malo')).toMatchObject({ commune: 'ST MALO', matchedBy: 'postcode_and_name' });
  });

  it('tells two communes of one postcode apart by the name', () => {
    expect(geocoder.geocode('La Gaudinais, 35500 BALAZE')?.commune).toBe('BALAZE');
  });

  it('accepts a former commune of La Poste’s line 5 as its commune', () => {
    expect(geocoder.geocode('rue de la Mer, Rothéneuf, 35400 Saint-Malo')).toMatchObject({ commune: 'ST MALO' });
  });

  it('falls back to the postcode when the name is misspelt, and says so', () => {
    expect(geocoder.geocode('8 rue X, 35400 St-Mallo')).toMatchObject({ commune: 'ST MALO', matchedBy: 'postcode' });
  });

  it('takes a name alone only when it names one place', () => {
    expect(geocoder.geocode('12 rue Pasteur, Vitré')).toMatchObject({ commune: 'VITRE', matchedBy: 'name' });
    expect(geocoder.geocode('12 rue Pasteur, Paris')).toBeNull();
  });

  it('does not take a street number for a postcode it does not know', () => {
    expect(geocoder.geocode('99999 rue Inconnue')).toBeNull();
  });
});

describe('the shipped extract', () => {
  const geocoder = shippedGeocoder();

  it('holds every commune of La Poste’s table with coordinates', () => {
    expect(geocoder.size).toBeGreaterThan(35_000);
  });

  it('places the demo’s towns at their commune centre', () => {
    const rennes = geocoder.geocode('12 rue Saint-Éloi, 35000 Rennes');
    expect(rennes).toMatchObject({ postcode: '35000', commune: 'RENNES' });
    expect(rennes!.lat).toBeCloseTo(48.112, 2);
    expect(rennes!.lon).toBeCloseTo(-1.682, 2);
    expect(geocoder.geocode('3 allée des Tilleuls, 35500 Vitré')?.commune).toBe('VITRE');
    expect(geocoder.geocode('8 rue Saint-Éloi, 69003 Lyon')?.commune).toBe('LYON 03');
    expect(geocoder.geocode('Place de la Mairie 35480 Saint-Malo-de-Phily')?.commune).toBe('ST MALO DE PHILY');
  });
});
