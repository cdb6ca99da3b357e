/**
 * The assistant's held-out questions: written as customers type them (typos, slang, no accents, SMS
 * style), each with what a good answer is. They are NOT used to tune the assistant (its thresholds and
 * word lists were set on the development questions of electron/services/knowledge/assistant.test.ts);
 * the bench reads them to measure it against a plain keyword search.
 *
 *   expect: an article's slug prefix  → the answer must cite that article first
 *           'handover'                → the assistant must not answer from an article: unsure, or handover
 *           'safety' / 'person'       → the safety advice / the handover at once
 *           'record:<intent>'         → signed in: the customer's record; not signed in: « connectez-vous »
 */
export interface BenchQuestion {
  q: string;
  expect: string;
  /** Asked by a signed-in customer of the portal (record questions only). */
  signedIn?: boolean;
}

export const HELD_OUT_QUESTIONS: readonly BenchQuestion[] = [
  // Entretien annuel
  { q: 'est ce que l entretien de la chaudiere c obligatoire', expect: 'entretien-annuel-chaudiere' },
  { q: 'faut il faire reviser sa chaudiere tous les ans ?', expect: 'entretien-annuel-chaudiere' },
  { q: 'je suis locataire qui doit payer l entretien chaudiere', expect: 'entretien-annuel-chaudiere' },
  { q: 'chaudiere gaz entretient obligatoir loi', expect: 'entretien-annuel-chaudiere' },
  { q: 'Mon proprio dit que c a moi de faire la revision de la chaudière, c vrai ?', expect: 'entretien-annuel-chaudiere' },
  { q: 'Entretien chaudière fioul obligatoire ?', expect: 'entretien-annuel-chaudiere' },
  // Fuite d'eau
  { q: 'y a de l eau qui coule sous l evier que faire', expect: 'que-faire-en-cas-de-fuite' },
  { q: 'fuite d eau urgent !!!', expect: 'que-faire-en-cas-de-fuite' },
  { q: 'ca goutte du plafond c quoi les premiers gestes', expect: 'que-faire-en-cas-de-fuite' },
  { q: 'j ai une fuite sur un tuyau comment je coupe l eau', expect: 'que-faire-en-cas-de-fuite' },
  { q: 'degat des eaux chez le voisin du dessous que faire', expect: 'que-faire-en-cas-de-fuite' },
  { q: 'Inondation dans la cuisine, une canalisation a lâché', expect: 'que-faire-en-cas-de-fuite' },
  // Gaz
  { q: 'ca sent le gaz dans la cuisine', expect: 'safety' },
  { q: 'odeur de gaz forte que faire', expect: 'safety' },
  { q: 'je crois qu il y a une fuite de gaz', expect: 'safety' },
  { q: 'Ça sent bizarre le gaz près de la chaudière', expect: 'safety' },
  { q: 'mon detecteur de monoxyde sonne', expect: 'safety' },
  // Chaudière en panne
  { q: 'ma chaudiere ne demarre plus', expect: 'chaudiere-ne-demarre-plus' },
  { q: 'chaudiere en panne plus de chauffage', expect: 'chaudiere-ne-demarre-plus' },
  { q: 'la chaudiere s allume pas voyant rouge', expect: 'chaudiere-ne-demarre-plus' },
  { q: 'code erreur sur ma chaudiere que faire', expect: 'chaudiere-ne-demarre-plus' },
  { q: 'chaudière marche pu depuis ce matin', expect: 'chaudiere-ne-demarre-plus' },
  { q: 'chaudeire en rade', expect: 'chaudiere-ne-demarre-plus' },
  // Pression
  { q: 'pression chaudiere trop basse', expect: 'pression-chaudiere' },
  { q: 'le manometre est a 0.5 bar c normal ?', expect: 'pression-chaudiere' },
  { q: 'comment remettre de la pression dans le circuit', expect: 'pression-chaudiere' },
  { q: 'la soupape de la chaudière fuit et la pression monte a 3 bars', expect: 'pression-chaudiere' },
  { q: 'pression qui baisse tout le temps', expect: 'pression-chaudiere' },
  // Purge
  { q: 'comment purger un radiateur', expect: 'purger-ses-radiateurs' },
  { q: 'radiateur qui fait glouglou', expect: 'purger-ses-radiateurs' },
  { q: 'purge radiateurs mode d emploi', expect: 'purger-ses-radiateurs' },
  { q: 'il y a de l air dans mes radiateurs', expect: 'purger-ses-radiateurs' },
  // Eau chaude
  { q: 'plus d eau chaude', expect: 'plus-d-eau-chaude' },
  { q: 'mon cumulus chauffe plus', expect: 'plus-d-eau-chaude' },
  { q: 'douche froide ce matin le ballon marche pas', expect: 'plus-d-eau-chaude' },
  { q: 'chauffe eau electrique en panne', expect: 'plus-d-eau-chaude' },
  { q: 'le groupe de securite du chauffe-eau coule', expect: 'plus-d-eau-chaude' },
  // Aides
  { q: 'quelles aides pour changer ma chaudiere', expect: 'aides-renovation' },
  { q: 'ma prime renov ca marche comment', expect: 'aides-renovation' },
  { q: 'y a des subventions pour une pompe a chaleur ?', expect: 'aides-renovation' },
  { q: 'eco pret taux zero travaux', expect: 'aides-renovation' },
  { q: 'vous etes rge ?', expect: 'aides-renovation' },
  { q: 'tva reduite renovation energetique', expect: 'aides-renovation' },
  // Délai devis
  { q: 'combien de temps pour avoir un devis', expect: 'delai-pour-recevoir' },
  { q: 'delai devis salle de bain', expect: 'delai-pour-recevoir' },
  { q: 'le devis est gratuit ?', expect: 'delai-pour-recevoir' },
  { q: 'il est valable combien de temps le devis', expect: 'delai-pour-recevoir' },
  // Accepter un devis
  { q: 'comment je signe le devis', expect: 'accepter-un-devis' },
  { q: 'accepter devis en ligne', expect: 'accepter-un-devis' },
  { q: 'bon pour accord comment faire', expect: 'accepter-un-devis' },
  { q: 'faut il verser un acompte', expect: 'accepter-un-devis' },
  // Payer
  { q: 'comment payer la facture', expect: 'payer-ma-facture' },
  { q: 'vous prenez la carte bleue ?', expect: 'payer-ma-facture' },
  { q: 'paiement en plusieurs fois possible', expect: 'payer-ma-facture' },
  { q: 'je peux payer par cheque ?', expect: 'payer-ma-facture' },
  { q: 'rib pour virement', expect: 'payer-ma-facture' },
  // Attestation
  { q: 'ou trouver mon attestation d entretien', expect: 'attestation-d-entretien' },
  { q: 'mon assurance me demande le certificat d entretien de la chaudiere', expect: 'attestation-d-entretien' },
  { q: 'j ai perdu l attestation', expect: 'attestation-d-entretien' },
  { q: 'telecharger attestation', expect: 'attestation-d-entretien' },
  // Déplacer
  { q: 'je peux decaler mon rdv ?', expect: 'record:move_visit' },
  { q: 'annuler le rendez vous de jeudi', expect: 'record:move_visit' },
  { q: 'comment deplacer une intervention', expect: 'record:move_visit' },
  { q: 'je dois reporter le passage du technicien', expect: 'record:move_visit', signedIn: true },
  // Créneaux
  { q: 'pourquoi vous donnez une plage horaire et pas une heure precise', expect: 'creneaux-et-arrivee' },
  { q: 'le technicien previent il avant d arriver', expect: 'creneaux-et-arrivee' },
  // PAC
  { q: 'entretien pompe a chaleur obligatoire ?', expect: 'entretien-pompe-a-chaleur' },
  { q: 'tous les combien faut il entretenir une pac', expect: 'entretien-pompe-a-chaleur' },
  { q: 'ma clim doit etre entretenue ?', expect: 'entretien-pompe-a-chaleur' },
  { q: 'nettoyer filtres climatisation', expect: 'entretien-pompe-a-chaleur' },
  // Ramonage
  { q: 'ramonage obligatoire ?', expect: 'ramonage' },
  { q: 'il faut ramoner combien de fois par an', expect: 'ramonage' },
  { q: 'certificat de ramonage poele a bois', expect: 'ramonage' },
  // Garanties
  { q: 'c est quoi la garantie decennale', expect: 'garanties-apres-travaux' },
  { q: 'garantie apres travaux combien de temps', expect: 'garanties-apres-travaux' },
  { q: 'le robinet installe l an dernier fuit deja, c est garanti ?', expect: 'garanties-apres-travaux' },
  // Horaires
  { q: 'vous etes ouvert le samedi', expect: 'horaires-et-urgences' },
  { q: 'horaires d ouverture', expect: 'horaires-et-urgences' },
  { q: 'en cas d urgence le week end', expect: 'horaires-et-urgences' },
  // Thermostat
  { q: 'a combien regler le thermostat', expect: 'thermostat-et-economies' },
  { q: 'comment faire des economies de chauffage', expect: 'thermostat-et-economies' },
  { q: 'quelle temperature la nuit', expect: 'thermostat-et-economies' },
  // Réclamation
  { q: 'je veux faire une reclamation', expect: 'faire-une-reclamation' },
  { q: 'pas content du tout de l intervention', expect: 'faire-une-reclamation' },
  { q: 'mediateur de la consommation', expect: 'faire-une-reclamation' },
  // Radiateur froid
  { q: 'un radiateur reste froid', expect: 'radiateur-froid' },
  { q: 'radiateur tiede en bas', expect: 'radiateur-froid' },
  { q: 'robinet thermostatique bloque', expect: 'radiateur-froid' },
  { q: 'desembouage c est quoi', expect: 'radiateur-froid' },
  // Contrat
  { q: 'que comprend le contrat d entretien', expect: 'contrat-d-entretien' },
  { q: 'prix abonnement entretien annuel', expect: 'contrat-d-entretien' },
  { q: 'resilier mon contrat', expect: 'contrat-d-entretien' },
  // Records
  { q: 'quand passe le technicien ?', expect: 'record:next_visit', signedIn: true },
  { q: 'c est quand mon prochain rdv', expect: 'record:next_visit', signedIn: true },
  { q: 'a quelle heure vient le plombier demain', expect: 'record:next_visit', signedIn: true },
  { q: 'le technicien arrive quand', expect: 'record:next_visit' },
  { q: 'ou en est mon devis', expect: 'record:quote', signedIn: true },
  { q: 'vous avez recu mon devis signe ?', expect: 'record:quote', signedIn: true },
  { q: 'combien je dois encore', expect: 'record:invoice', signedIn: true },
  { q: 'ma facture est elle payee', expect: 'record:invoice', signedIn: true },
  // A person
  { q: 'je veux parler a quelqu un', expect: 'person' },
  { q: 'rappelez moi svp', expect: 'person' },
  { q: 'un conseiller humain please', expect: 'person' },
  // Out of scope or too vague: no article should be claimed
  { q: 'vous vendez des voitures ?', expect: 'handover' },
  { q: 'recette de la blanquette de veau', expect: 'handover' },
  { q: 'quel temps fera t il demain', expect: 'handover' },
  { q: 'est ce que vous recrutez', expect: 'handover' },
  { q: 'probleme', expect: 'handover' },
  { q: 'j ai une question', expect: 'handover' },
  { q: 'vous faites les toitures en ardoise ?', expect: 'handover' },
  { q: 'mon chien a mange une chaussette', expect: 'handover' },
  { q: 'pouvez vous installer une borne de recharge', expect: 'handover' },
];
