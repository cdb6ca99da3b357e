// Builds resources/geo/communes-fr.json, the offline geocoder's table, from La Poste's « Base
// officielle des codes postaux » (Licence Ouverte / Open Licence Etalab 2.0), CSV columns
//   Code_commune_INSEE;Nom_commune;Code_postal;Ligne_5;Libellé_d_acheminement;coordonnees_gps
// Usage: node scripts/build-geo-extract.mjs laposte_hexasmal.csv
// (the copy used: github.com/jaco60/zipcodes, file laposte_hexasmal.csv, commit 33c26433).
//
// One line per (postcode, commune): `postcode;commune;lat;lon;lieux-dits` — names as La Poste
// writes them (capitals, no accents, « ST » for « SAINT »), the commune centre to 3 decimals
// (≈ 100 m, far finer than a commune), the « Ligne 5 » names (former communes, hamlets that have
// their own line in an address) joined by « | ». Rows without coordinates are left out.
import fs from 'node:fs';
import path from 'node:path';

const input = process.argv[2];
if (!input) {
  console.error('usage: node scripts/build-geo-extract.mjs laposte_hexasmal.csv');
  process.exit(1);
}
const lines = fs.readFileSync(input, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
const header = lines.shift().split(';');
const col = (name) => header.indexOf(name);
const [insee, name, postcode, line5, gps] = ['Code_commune_INSEE', 'Nom_commune', 'Code_postal', 'Ligne_5', 'coordonnees_gps'].map(col);
if ([insee, name, postcode, line5, gps].some((i) => i < 0)) throw new Error(`unexpected header: ${header.join(';')}`);

const entries = new Map();
let skipped = 0;
for (const line of lines) {
  const f = line.split(';');
  const [lat, lon] = (f[gps] ?? '').split(',').map((v) => Number(v.trim()));
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || (lat === 0 && lon === 0)) {
    skipped++;
    continue;
  }
  const key = `${f[postcode]};${f[name]}`;
  let entry = entries.get(key);
  if (!entry) entries.set(key, (entry = { postcode: f[postcode], name: f[name], lat, lon, lieux: new Set() }));
  if (f[line5]) entry.lieux.add(f[line5].trim());
}
const rows = [...entries.values()]
  .sort((a, b) => a.postcode.localeCompare(b.postcode) || a.name.localeCompare(b.name))
  .map((e) => `${e.postcode};${e.name};${e.lat.toFixed(3)};${e.lon.toFixed(3)};${[...e.lieux].sort().join('|')}`);

const out = {
  source: 'La Poste, « Base officielle des codes postaux » (datanova.laposte.fr, data.gouv.fr), copie github.com/jaco60/zipcodes laposte_hexasmal.csv (commit 33c26433, 2020)',
  licence: 'Licence Ouverte / Open Licence version 2.0 (Etalab) — réutilisation libre, mention de la source',
  precision: 'centre de la commune (quelques km ; davantage pour les grandes communes rurales)',
  columns: 'postcode;commune;lat;lon;lieux-dits',
  rows: rows.join('\n'),
};
const target = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'resources', 'geo', 'communes-fr.json');
fs.writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`);
console.log(`${rows.length} communes × codes postaux, ${skipped} lignes sans coordonnées ignorées → ${target} (${fs.statSync(target).size} octets)`);
