/**
 * How a customer's French is read for search: the way people type on a phone (no accents, « chaudiere »,
 * « ca fuit », « la clim marche pu », « rdv »), folded to one form per word so « Chaudières » and
 * « chaudiere » meet. Used by the knowledge base's index and by the assistant; pure, no I/O.
 *
 *   foldText('Œuvre d’Été')        → "oeuvre d'ete"
 *   searchWords('Les chaudières fuient !') → ['chaudier', 'fuit']   (stop words gone, light stem, synonyms)
 */

/** Lower case, no diacritics, ligatures spelt out, typographic quotes made plain. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

/** Words that carry no meaning for matching (articles, pronouns, auxiliaries, politeness). */
const STOP_WORDS = new Set(
  `a au aux avec ce ces cet cette c ca d de des du elle en et est etre il ils j je l la le les leur lui m ma mais me mes moi mon
  n ne nos notre nous on ou par pas pour qu que qui s sa se ses si son sur t ta te tes toi ton tu un une vos votre vous y
  suis es sont ai as avons avez ont etait fait faire peut peux pouvez dois doit bonjour bonsoir merci svp stp sil plait
  voudrais voudrait veux veut aimerais souhaite souhaiterais savoir dire est-ce esque estce ya il-y quoi comment alors donc bien tres trop plus
  moins encore deja aussi juste ici la-bas cela ceci ça dans chez quel quelle quels quelles quand ou-est tous tout toute toutes depuis`.split(/\s+/),
);

/**
 * Light French stemming (after Savoy's « light » stemmer): plurals and feminine endings go, so
 * « fuites / fuite / fuit » and « chaudières / chaudiere » meet, without the over-stemming of a full
 * Porter stemmer that would merge unrelated words of a small vocabulary.
 */
export function stemWord(word: string): string {
  let w = word;
  if (w.length > 5 && w.endsWith('aux')) w = `${w.slice(0, -3)}al`;
  if (w.length > 3 && (w.endsWith('s') || w.endsWith('x'))) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('ent') && !w.endsWith('ment')) w = w.slice(0, -3); // fuient → fui(t)
  if (w.length > 5 && w.endsWith('ez')) w = w.slice(0, -2); // travaillez → travaill(e)
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1); // « année » and « an » stay apart; « annee » → « ann »
  // Infinitives and « -ier » nouns meet their other forms (« purger / purge », « chaudière / chaudières »).
  if (w.length > 4 && w.endsWith('er')) w = w.slice(0, -2);
  return w;
}

/**
 * What customers say for the same thing, folded and stemmed on both sides: each key is read as its
 * value. Slang and short forms included (« clim », « pac », « rdv », « cumulus »). Several words may
 * stand for one (« chauffe eau » is read by the phrase table below).
 */
const SYNONYMS: Record<string, string> = {
  clim: 'climatisation',
  climatiseur: 'climatisation',
  pac: 'pompe-chaleur',
  rdv: 'rendez-vou',
  rendezvou: 'rendez-vou',
  rendez: 'rendez-vou',
  cumulu: 'chauffe-eau',
  ballon: 'chauffe-eau',
  chauffeau: 'chauffe-eau',
  tech: 'technicien',
  technico: 'technicien',
  plombi: 'technicien',
  chauffagist: 'technicien',
  depanneur: 'technicien',
  gar: 'technicien',
  mec: 'technicien',
  ouvri: 'technicien',
  artisan: 'technicien',
  goutt: 'fuit',
  coul: 'fuit',
  inond: 'fuit',
  degat: 'fuit',
  fuir: 'fuit',
  fui: 'fuit',
  panne: 'pann',
  hs: 'pann',
  rade: 'pann',
  marche: 'fonctionn',
  march: 'fonctionn',
  fonctionn: 'fonctionn',
  demarr: 'fonctionn',
  allum: 'fonctionn',
  chaud: 'chauff',
  froid: 'chauff',
  gel: 'chauff',
  glac: 'chauff',
  chauffag: 'chauff',
  prix: 'tarif',
  cout: 'tarif',
  cher: 'tarif',
  payer: 'paiement',
  pai: 'paiement',
  reglement: 'paiement',
  cheque: 'paiement',
  virement: 'paiement',
  cb: 'paiement',
  carte: 'paiement',
  subvention: 'aide',
  prime: 'aide',
  maprimerenov: 'aide',
  anah: 'aide',
  cee: 'aide',
  ecopret: 'aide',
  ptz: 'aide',
  attestation: 'certificat',
  certificat: 'certificat',
  justificatif: 'certificat',
  revision: 'entretien',
  visit: 'entretien',
  controle: 'entretien',
  control: 'entretien',
  ramon: 'ramonag',
  cheminee: 'ramonag',
  chemin: 'ramonag',
  conduit: 'ramonag',
  poel: 'ramonag',
  annul: 'annul',
  decal: 'deplac',
  report: 'deplac',
  deplac: 'deplac',
  change: 'deplac',
  chang: 'deplac',
  modifi: 'deplac',
  garanti: 'garanti',
  sav: 'garanti',
  reclam: 'reclamation',
  plaint: 'reclamation',
  mecontent: 'reclamation',
  horair: 'horaire',
  ouvert: 'horaire',
  ferme: 'horaire',
  heure: 'horaire',
  urgenc: 'urgence',
  urgent: 'urgence',
  odeur: 'odeur',
  sent: 'odeur',
  pression: 'pression',
  bar: 'pression',
  thermostat: 'thermostat',
  programmateur: 'thermostat',
  radiateur: 'radiateur',
  radia: 'radiateur',
  purg: 'purg',
  bruit: 'bruit',
  claqu: 'bruit',
  siffl: 'bruit',
};

/** Phrases read as one word before splitting (so « chauffe eau » and « pompe à chaleur » match as such). */
const PHRASES: Array<[RegExp, string]> = [
  [/\bchauffe[\s-]*eaux?\b/g, ' chauffe-eau '],
  [/\bballons?\s+d'?\s*eau\s+chaude\b/g, ' chauffe-eau '],
  [/\beau\s+chaude\b/g, ' chauffe-eau '],
  [/\bpompes?\s+(a|de)\s+chaleur\b/g, ' pompe-chaleur '],
  [/\brendez[\s-]*vous\b/g, ' rendez-vou '],
  [/\bma\s*prime\s*renov\b/g, ' maprimerenov '],
  [/\beco[\s-]*pret\b/g, ' ecopret '],
  [/\bservice\s+apres[\s-]*vente\b/g, ' sav '],
  [/\bmarche\s+(pu|plus|pas)\b/g, ' pann '],
  [/\bfonctionne\s+(pu|plus|pas)\b/g, ' pann '],
  [/\ben\s+panne\b/g, ' pann '],
  [/\bplus\s+d'?\s*eau\s+chaude\b/g, ' chauffe-eau pann '],
  [/\bplus\s+de\s+chauffage\b/g, ' pann chauffage '],
  [/\bgaz\b/g, ' gaz '],
];

export function searchWords(text: string): string[] {
  let folded = ` ${foldText(text)} `;
  for (const [pattern, replacement] of PHRASES) folded = folded.replace(pattern, replacement);
  const words: string[] = [];
  for (const raw of folded.split(/[^a-z0-9-]+/)) {
    const word = raw.replace(/^-+|-+$/g, '');
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    if (word.includes('-') && !SYNONYM_VALUES.has(word)) {
      for (const part of word.split('-')) if (part.length >= 2 && !STOP_WORDS.has(part)) words.push(canonical(part));
      continue;
    }
    words.push(canonical(word));
  }
  return words;
}

const SYNONYM_VALUES = new Set(Object.values(SYNONYMS));

function canonical(word: string): string {
  if (SYNONYM_VALUES.has(word)) return word;
  const stem = stemWord(word);
  return SYNONYMS[word] ?? SYNONYMS[stem] ?? stem;
}

/**
 * Damerau–Levenshtein distance (optimal string alignment), stopping early past `max`: how far a typed
 * word is from a known one (« chaudiere » / « chaudeire » = 1).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current = new Array<number>(cols).fill(0);
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = current;
  }
  return prev[cols - 1]!;
}

/** How many typing mistakes a word of this length may carry and still be recognised. */
export function typoAllowance(word: string): number {
  if (word.length >= 8) return 2;
  if (word.length >= 4) return 1;
  return 0;
}
