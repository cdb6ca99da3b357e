/**
 * The points a technician checks on site, by kind of visit. A boiler service follows the points of
 * the arrêté du 15 septembre 2009 (entretien annuel des chaudières) that the attestation reports;
 * the other kinds get the points every visit shares. Pure: a kind in, labels out.
 */

const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

const BOILER_SERVICE = [
  'Nettoyage du corps de chauffe et du brûleur',
  'Contrôle des organes de sécurité',
  'Vérification du tirage et de l’évacuation des fumées',
  'Mesure du monoxyde de carbone (CO)',
  'Contrôle de la pression et du vase d’expansion',
  'Conseils d’utilisation donnés au client',
];
const HEAT_PUMP = ['Contrôle de l’étanchéité du circuit frigorifique', 'Nettoyage des filtres et de l’unité extérieure', 'Contrôle des pressions et températures', 'Essais de fonctionnement'];
const SWEEP = ['Ramonage du conduit', 'Contrôle de la vacuité du conduit', 'Certificat de ramonage remis'];
const COMMON = ['Diagnostic posé avec le client', 'Intervention réalisée', 'Essais de fonctionnement', 'Chantier laissé propre'];

export function checklistFor(kind: string): string[] {
  const k = fold(kind);
  if (k.includes('entretien') && (k.includes('chaudiere') || k.includes('boiler'))) return [...BOILER_SERVICE];
  if (k.includes('pompe a chaleur') || k.includes('pac') || k.includes('climatisation')) return [...HEAT_PUMP];
  if (k.includes('ramonage')) return [...SWEEP];
  return [...COMMON];
}
