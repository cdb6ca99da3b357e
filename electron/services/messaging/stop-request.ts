/**
 * « STOP » in a customer's message, as people write it: any case, with or without accents, with
 * words around it (« Stop merci », « ARRÊT SVP », « stop ! », « Merci de ne plus m'écrire, STOP »),
 * or the words French senders are told to accept (« désabonner », « désinscrire »), and the English
 * ones. A word that only contains it does not count (« stoppé », « arrêter le chauffage » : the
 * customer talks about their boiler).
 */
const STOP_WORDS = new Set(['STOP', 'STOPP', 'ARRET', 'ARRETEZ', 'DESABONNER', 'DESABONNEMENT', 'DESINSCRIRE', 'DESINSCRIPTION', 'UNSUBSCRIBE', 'STOPALL']);

/** Upper case without accents, words of letters only. */
function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .split(/[^A-Z]+/)
    .filter((w) => w !== '');
}

export function isStopRequest(text: string): boolean {
  const all = words(text);
  if (all.length === 0) return false;
  // « Arrêtez » alone or first is a request; further in a long sentence it is about something else
  // (« pouvez-vous arrêter la chaudière »): only STOP-like words count anywhere.
  if (all[0] === 'ARRETEZ' || all[0] === 'ARRET') return true;
  return all.some((w) => STOP_WORDS.has(w) && w !== 'ARRETEZ' && w !== 'ARRET') || (all.length <= 3 && all.some((w) => STOP_WORDS.has(w)));
}
