/**
 * The geocoder over the shipped extract (resources/geo/communes-fr.json: its source, licence and
 * precision are in the file), built once on first use (≈ 35 000 rows, a few tens of ms).
 */
import extract from '../../../../resources/geo/communes-fr.json';
import { CommuneGeocoder, parseCommuneRows } from './commune-geocoder';

let shared: CommuneGeocoder | null = null;

export function shippedGeocoder(): CommuneGeocoder {
  shared ??= new CommuneGeocoder(parseCommuneRows(extract.rows));
  return shared;
}

/** Where the table comes from, for the README and the settings screen. */
export const SHIPPED_GEO_SOURCE = { source: extract.source, licence: extract.licence, precision: extract.precision };
