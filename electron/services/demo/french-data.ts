/**
 * Word lists for the demo workspace: French names (with the accents, apostrophes and hyphens real
 * customer files have), real cities with their postcodes, and the vocabulary of a heating-plumbing-
 * renovation business.
 */

export const FIRST_NAMES = [
  'François', 'Hélène', 'Jérôme', 'Gaëlle', 'Zoé', 'Anaïs', 'Noël', 'Mathéo', 'Léa', 'Chloé', 'Benoît', 'Agnès',
  'Jean-Pierre', 'Marie-Claude', 'Jean-Luc', 'Anne-Sophie', 'Pierre', 'Nathalie', 'Isabelle', 'Philippe', 'Sylvie',
  'Thierry', 'Valérie', 'Stéphane', 'Céline', 'Frédéric', 'Sandrine', 'Laurent', 'Christelle', 'Nicolas', 'Émilie',
  'Julien', 'Camille', 'Sébastien', 'Aurélie', 'Mamadou', 'Fatoumata', 'Karim', 'Yasmine', 'Mehdi', 'Inès', 'Thi Lan',
  'Manon', 'Hugo', 'Louise', 'Gabriel', 'Élodie', 'Raphaël', 'Maëlle', 'Loïc', 'Josiane', 'Gérard', 'Monique',
  'Bernard', 'Michèle', 'Daniel', 'Françoise', 'Alain', 'Brigitte', 'Patrick', 'Martine', 'Yannick', 'Soizic',
] as const;

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon',
  'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard',
  'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc',
  'Guérin', 'Muller', 'Henry', 'Roussel', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Fontaine',
  'Chevalier', 'Robin', "N'Diaye", 'Diallo', 'Benali', 'Nguyen', "D'Almeida", 'Le Goff', 'Le Gall', 'Martin-Dubois',
  'Lemaître', 'Hervé', 'Bréchet', 'Saint-Éloi', 'Kerbrat', 'Le Bihan', 'Pérez', 'Ferré', 'Noël', "O'Neill", 'Lacroix',
] as const;

export interface City {
  name: string;
  postalCode: string;
  /** First two digits of landlines there (01 Île-de-France … 05 Sud-Ouest). */
  zone: '01' | '02' | '03' | '04' | '05';
}

export const CITIES: readonly City[] = [
  { name: 'Paris', postalCode: '75011', zone: '01' },
  { name: 'Paris', postalCode: '75015', zone: '01' },
  { name: 'Boulogne-Billancourt', postalCode: '92100', zone: '01' },
  { name: 'Versailles', postalCode: '78000', zone: '01' },
  { name: 'Saint-Denis', postalCode: '93200', zone: '01' },
  { name: 'Créteil', postalCode: '94000', zone: '01' },
  { name: 'Rennes', postalCode: '35000', zone: '02' },
  { name: 'Nantes', postalCode: '44000', zone: '02' },
  { name: 'Brest', postalCode: '29200', zone: '02' },
  { name: 'Caen', postalCode: '14000', zone: '02' },
  { name: 'Rouen', postalCode: '76000', zone: '02' },
  { name: 'Tours', postalCode: '37000', zone: '02' },
  { name: 'Angers', postalCode: '49000', zone: '02' },
  { name: 'Vitré', postalCode: '35500', zone: '02' },
  { name: 'Saint-Malo', postalCode: '35400', zone: '02' },
  { name: 'Orléans', postalCode: '45000', zone: '02' },
  { name: 'Lille', postalCode: '59000', zone: '03' },
  { name: 'Strasbourg', postalCode: '67000', zone: '03' },
  { name: 'Reims', postalCode: '51100', zone: '03' },
  { name: 'Metz', postalCode: '57000', zone: '03' },
  { name: 'Nancy', postalCode: '54000', zone: '03' },
  { name: 'Dijon', postalCode: '21000', zone: '03' },
  { name: 'Amiens', postalCode: '80000', zone: '03' },
  { name: 'Besançon', postalCode: '25000', zone: '03' },
  { name: 'Lyon', postalCode: '69003', zone: '04' },
  { name: 'Villeurbanne', postalCode: '69100', zone: '04' },
  { name: 'Marseille', postalCode: '13008', zone: '04' },
  { name: 'Nice', postalCode: '06000', zone: '04' },
  { name: 'Grenoble', postalCode: '38000', zone: '04' },
  { name: 'Montpellier', postalCode: '34000', zone: '04' },
  { name: 'Saint-Étienne', postalCode: '42000', zone: '04' },
  { name: 'Aix-en-Provence', postalCode: '13100', zone: '04' },
  { name: 'Annecy', postalCode: '74000', zone: '04' },
  { name: 'Clermont-Ferrand', postalCode: '63000', zone: '04' },
  { name: 'Bordeaux', postalCode: '33000', zone: '05' },
  { name: 'Toulouse', postalCode: '31000', zone: '05' },
  { name: 'Pau', postalCode: '64000', zone: '05' },
  { name: 'La Rochelle', postalCode: '17000', zone: '05' },
  { name: 'Limoges', postalCode: '87000', zone: '05' },
  { name: 'Bayonne', postalCode: '64100', zone: '05' },
  { name: 'Poitiers', postalCode: '86000', zone: '05' },
];

export const STREETS = [
  'rue de la République', 'avenue Jean-Jaurès', 'boulevard Victor-Hugo', 'rue Pasteur', "place de l'Église",
  'impasse des Lilas', 'allée des Tilleuls', 'rue du Général-de-Gaulle', 'chemin des Vignes', 'rue Saint-Éloi',
  'rue des Écoles', 'avenue de la Gare', 'rue Émile-Zola', "rue de l'Abbé-Grégoire", 'quai des Chartrons',
  'rue Nationale', 'résidence Les Glycines', 'rue du Moulin', 'avenue Foch', 'rue Sainte-Anne',
] as const;

export const EMAIL_DOMAINS = ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'wanadoo.fr', 'hotmail.fr', 'outlook.fr'] as const;

/** Kinds of business customers, with how their name is made and who the contacts there are. */
export interface CompanyKind {
  name: (surname: string, city: string, pick: <T>(items: readonly T[]) => T) => string;
  roles: readonly string[];
  /** Relative frequency. */
  weight: number;
}

const RESIDENCES = ['Les Tilleuls', 'Du Parc', 'Les Glycines', 'Belle-Île', 'Saint-Éloi', 'Les Cèdres', "L'Orangerie", 'Le Clos Fleuri'] as const;

export const COMPANY_KINDS: readonly CompanyKind[] = [
  { name: (s) => `Syndic ${s} Gestion`, roles: ['Gestionnaire de copropriété', 'Comptable', 'Assistante de gestion'], weight: 4 },
  { name: (s, _c, pick) => pick([`Cabinet ${s} Immobilier`, `${s} & Associés — Syndic`]), roles: ['Gestionnaire de copropriété', 'Assistant'], weight: 2 },
  { name: (_s, _c, pick) => `SCI ${pick(RESIDENCES)}`, roles: ['Gérant', 'Associée'], weight: 2 },
  { name: (s, _c, pick) => pick([`Boulangerie ${s}`, 'Boulangerie Saint-Éloi', 'Au Pain Doré', "La Fournée d'Antan"]), roles: ['Gérant', 'Responsable boutique'], weight: 2 },
  { name: (_s, c) => `Mairie de ${c}`, roles: ['Responsable des services techniques', 'Secrétaire de mairie', 'Adjoint aux travaux'], weight: 2 },
  { name: (s, c, pick) => pick([`Agence ${s} Immobilier`, `Agence du Centre — ${c}`, `${c} Habitat Transactions`]), roles: ['Négociatrice', 'Responsable gestion locative'], weight: 3 },
  { name: (_s, _c, pick) => `Restaurant ${pick(['Le Bistrot du Marché', "L'Escale", 'La Table de Léon', 'Le Comptoir'])}`, roles: ['Gérant', 'Chef de cuisine'], weight: 1 },
  { name: (_s, _c, pick) => `EHPAD ${pick(RESIDENCES)}`, roles: ['Directrice', "Responsable de l'entretien"], weight: 1 },
  { name: (_s, c) => `${c} Habitat (bailleur social)`, roles: ['Chargé de patrimoine', 'Gardien'], weight: 1 },
  { name: (_s, _c, pick) => `Hôtel ${pick(['du Commerce', 'de la Gare', 'Les Remparts', 'Le Saint-Éloi'])}`, roles: ['Directeur', 'Gouvernante'], weight: 1 },
];

export const TECHNICIANS = ['Karim Bensaïd', 'Julien Moreau', 'Kévin Le Floch', 'Sébastien Durand', 'Anthony Ferreira', 'Loïc Tanguy', 'Mickaël Perrot', 'Dylan Caron'] as const;

/** What we quote: title and a plausible amount range in euros. */
export const QUOTE_KINDS: ReadonlyArray<{ title: string; min: number; max: number }> = [
  { title: 'Remplacement chaudière gaz à condensation', min: 3500, max: 6500 },
  { title: 'Installation pompe à chaleur air/eau', min: 9000, max: 16000 },
  { title: 'Rénovation complète salle de bain', min: 6000, max: 18000 },
  { title: 'Réparation fuite sous évier et remplacement siphon', min: 150, max: 600 },
  { title: 'Chauffe-eau thermodynamique 200 L', min: 2500, max: 4000 },
  { title: 'Remplacement de 6 radiateurs', min: 1500, max: 4000 },
  { title: "Contrat d'entretien annuel chaudière", min: 150, max: 250 },
  { title: 'Mise aux normes installation gaz', min: 800, max: 2000 },
  { title: 'Douche à l’italienne PMR', min: 4500, max: 9000 },
  { title: 'Désembouage circuit de chauffage', min: 450, max: 1200 },
  { title: 'Adoucisseur d’eau', min: 1200, max: 2500 },
  { title: 'Plancher chauffant rez-de-chaussée', min: 5000, max: 11000 },
];

export const INTERVENTION_KINDS = [
  'Entretien chaudière gaz', 'Dépannage chaudière', 'Recherche de fuite', 'Installation pompe à chaleur',
  'Remplacement chauffe-eau', 'Débouchage canalisation', 'Rénovation salle de bain', 'Mise en service PAC',
  'Ramonage', 'Désembouage radiateurs', 'Remplacement robinetterie', 'Visite technique avant devis',
] as const;

export const INTERVENTION_REPORTS = [
  'Entretien réalisé, brûleur nettoyé, combustion conforme. Attestation remise au client.',
  'Fuite localisée sur raccord cuivre sous évier, raccord remplacé, essai en pression OK.',
  'Carte électronique de la chaudière HS, pièce commandée, retour prévu sous 5 jours.',
  'Canalisation débouchée au furet, conseillé un entretien préventif annuel.',
  'Chauffe-eau remplacé, ancien appareil repris. Groupe de sécurité neuf.',
  'PAC mise en service, réglage de la loi d’eau, explications données au client.',
  'Radiateurs purgés et désembouage effectué, pression remise à 1,5 bar.',
  'Visite technique faite : métrés relevés pour le devis salle de bain.',
] as const;

export const TICKET_SUBJECTS: Record<'depannage' | 'demande_devis' | 'rdv_intervention' | 'reclamation' | 'facturation' | 'autre', readonly string[]> = {
  depannage: ['Plus d’eau chaude', 'Chaudière en sécurité', 'Fuite au plafond de la cuisine', 'Radiateurs froids à l’étage', 'WC bouchés', 'Odeur de gaz signalée'],
  demande_devis: ['Devis remplacement chaudière', 'Devis salle de bain', 'Devis pompe à chaleur', 'Devis adoucisseur'],
  rdv_intervention: ['Prise de RDV entretien annuel', 'Déplacer le RDV de jeudi', 'RDV mise en service PAC'],
  reclamation: ['Trace d’eau après intervention', 'Technicien arrivé en retard', 'Bruit anormal depuis l’installation'],
  facturation: ['Facture non reçue', 'Erreur sur le montant de la facture', 'Demande d’attestation TVA 10 %', 'Échéancier de paiement'],
  autre: ['Question sur MaPrimeRénov’', 'Demande de documentation', 'Changement d’adresse'],
};

export const NOTE_BODIES = [
  'Client très satisfait de la dernière intervention, souhaite un contrat d’entretien.',
  'Code portail : 1457B. Chien dans le jardin, prévenir avant de passer.',
  'Préfère être appelé le matin avant 10 h.',
  'Locataire sur place, le propriétaire règle les factures.',
  'Demande un devis comparatif chaudière / PAC pour l’an prochain.',
  'A relancé pour le devis, attend le passage de l’expert de l’assurance.',
  'Accès par la cour intérieure, digicode 24A08, 3e étage sans ascenseur.',
  'Dossier MaPrimeRénov’ en cours, attend l’accord de l’ANAH.',
  'Paiement en trois fois accepté par la direction.',
  'Ne pas passer le mercredi (garde des enfants).',
  'Syndic : toute intervention en parties communes sur bon de commande.',
  'Chaudière ancienne (2004), pièces de plus en plus difficiles à trouver.',
] as const;

export const INBOUND_EMAIL_SUBJECTS = [
  'Question sur votre devis', 'Photos de la fuite', 'Disponibilités pour le rendez-vous', 'Re: Confirmation de votre rendez-vous',
  'Attestation pour mon assurance', 'Facture — règlement effectué',
] as const;
