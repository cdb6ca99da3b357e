/**
 * Offline geocoding of a French address to its commune's centre, from the shipped extract of La
 * Poste's « Base officielle des codes postaux » (resources/geo/communes-fr.json, Licence Ouverte
 * Etalab; rebuilt by scripts/build-geo-extract.mjs). No network, no street-level data: the point is
 * the commune's centre, so a position is good to a few km (more in a large rural commune) — enough
 * to estimate a drive between two visits, never to find a door. Callers say so (`precision`).
 *
 *   « 12 rue Saint-Éloi, 35000 Rennes » ──► postcode 35000 ─► entries of 35000 ─► the one whose
 *                                           name (or a « lieu-dit » of La Poste's line 5) is in the
 *                                           address ─► its centre
 *
 * Names are compared without accents, case or punctuation, « SAINT »/« SAINTE » as La Poste's
 * « ST »/« STE ». Without a postcode, a commune name alone is accepted only when it names one place.
 */
export interface CommuneEntry {
  postcode: string;
  /** As La Poste writes it (capitals, no accents, « ST »). */
  commune: string;
  lat: number;
  lon: number;
  /** Line 5 names (former communes, hamlets) that belong to it, normalised. */
  places: readonly string[];
}

export interface GeocodedAddress {
  postcode: string;
  commune: string;
  lat: number;
  lon: number;
  /** Always the commune centre: the extract has nothing finer. */
  precision: 'commune';
  /**
   * How the commune was found: postcode and name agree; the postcode alone (its only commune, or the
   * first of several when no name matched); the name alone (no postcode in the address, one place by it).
   */
  matchedBy: 'postcode_and_name' | 'postcode' | 'name';
}

/** Upper case, no accents, punctuation as spaces, « SAINT(E) » as « ST(E) », « CEDEX n » dropped. */
export function normalisePlaceName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/Œ/g, 'OE')
    .replace(/Æ/g, 'AE')
    .replace(/[^A-Z0-9]+/g, ' ')
    .replace(/\bSAINTE\b/g, 'STE')
    .replace(/\bSAINT\b/g, 'ST')
    .replace(/\bCEDEX(?: \d+)?\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parses the extract's rows (`postcode;commune;lat;lon;lieu|lieu`). */
export function parseCommuneRows(rows: string): CommuneEntry[] {
  const entries: CommuneEntry[] = [];
  for (const line of rows.split('\n')) {
    if (!line) continue;
    const [postcode, commune, lat, lon, places] = line.split(';');
    if (!postcode || !commune || lat === undefined || lon === undefined) continue;
    entries.push({ postcode, commune, lat: Number(lat), lon: Number(lon), places: places ? places.split('|').map(normalisePlaceName) : [] });
  }
  return entries;
}

/** `needle` appears in `hay` as whole words. */
function containsWords(hay: string, needle: string): boolean {
  if (!needle) return false;
  return ` ${hay} `.includes(` ${needle} `);
}

export class CommuneGeocoder {
  private readonly byPostcode = new Map<string, CommuneEntry[]>();
  private readonly byName = new Map<string, CommuneEntry[]>();

  constructor(entries: readonly CommuneEntry[]) {
    for (const entry of entries) {
      const list = this.byPostcode.get(entry.postcode) ?? [];
      list.push(entry);
      this.byPostcode.set(entry.postcode, list);
      for (const name of [normalisePlaceName(entry.commune), ...entry.places]) {
        const named = this.byName.get(name) ?? [];
        if (!named.includes(entry)) named.push(entry);
        this.byName.set(name, named);
      }
    }
  }

  get size(): number {
    let n = 0;
    for (const list of this.byPostcode.values()) n += list.length;
    return n;
  }

  /** The commune of an address (free text, or its parts joined), or null when none can be told. */
  geocode(address: string): GeocodedAddress | null {
    const text = normalisePlaceName(address);
    if (!text) return null;
    const postcodes = [...text.matchAll(/\b(\d{5})\b/g)].map((m) => m[1]!);
    // The last five-digit group is the postcode (« 12 rue X, 35000 Rennes »); a street number of
    // five digits before it is rare, and one after it rarer still.
    for (const postcode of postcodes.reverse()) {
      const candidates = this.byPostcode.get(postcode);
      if (!candidates) continue;
      const afterCode = text.slice(text.lastIndexOf(postcode) + postcode.length).trim();
      const named = this.bestNamed(candidates, afterCode) ?? this.bestNamed(candidates, text);
      if (named) return this.result(named, 'postcode_and_name');
      return this.result(candidates[0]!, 'postcode');
    }
    // No postcode: the commune's name alone, from the end of the address (« …, Vitré »).
    const parts = address.split(/[,\n]/).map(normalisePlaceName).filter(Boolean).reverse();
    for (const part of parts) {
      const found = this.byName.get(part);
      if (found && found.length > 0 && new Set(found.map((e) => `${e.lat};${e.lon}`)).size === 1) return this.result(found[0]!, 'name');
    }
    return null;
  }

  /** The candidate whose name (or a line 5 place) the text contains; the longest name wins (« ST MALO DE PHILY » over « ST MALO »). */
  private bestNamed(candidates: readonly CommuneEntry[], text: string): CommuneEntry | null {
    let best: CommuneEntry | null = null;
    let bestLength = 0;
    for (const entry of candidates) {
      for (const name of [normalisePlaceName(entry.commune), ...entry.places]) {
        if (name.length > bestLength && containsWords(text, name)) {
          best = entry;
          bestLength = name.length;
        }
      }
    }
    return best;
  }

  private result(entry: CommuneEntry, matchedBy: GeocodedAddress['matchedBy']): GeocodedAddress {
    return { postcode: entry.postcode, commune: entry.commune, lat: entry.lat, lon: entry.lon, precision: 'commune', matchedBy };
  }
}
