/**
 * The articles a new knowledge base starts with: what customers of a heating / plumbing / renovation
 * company ask most. Claire edits, unpublishes or deletes them like her own (they are seeded once,
 * never put back). Company-specific facts (hours, delays) are marked « à adapter » in the keywords so
 * the list of articles to review finds them.
 */

export interface SeedArticle {
  slug: string;
  title: string;
  category: KnowledgeCategory;
  /** Words customers use that the text may not (« cumulus », « clim »), for search only. */
  keywords: string;
  body: string;
}

export const KNOWLEDGE_CATEGORIES = ['entretien', 'depannage', 'securite', 'devis-factures', 'rendez-vous', 'aides-renovation', 'garanties'] as const;
export type KnowledgeCategory = (typeof KNOWLEDGE_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<KnowledgeCategory, { fr: string; en: string }> = {
  entretien: { fr: 'Entretien', en: 'Maintenance' },
  depannage: { fr: 'Dépannage', en: 'Breakdowns' },
  securite: { fr: 'Sécurité', en: 'Safety' },
  'devis-factures': { fr: 'Devis et factures', en: 'Quotes and invoices' },
  'rendez-vous': { fr: 'Rendez-vous', en: 'Appointments' },
  'aides-renovation': { fr: 'Aides et rénovation', en: 'Grants and renovation' },
  garanties: { fr: 'Garanties et réclamations', en: 'Warranties and complaints' },
};

export const SEED_ARTICLES: readonly SeedArticle[] = [
  {
    slug: 'entretien-annuel-chaudiere-obligatoire',
    title: 'L’entretien annuel de la chaudière est-il obligatoire ?',
    category: 'entretien',
    keywords: 'condensation fréquence tous les ans chaque année révision annuelle chaudière gaz fioul bois obligation loi décret visite contrôle locataire propriétaire',
    body: `Oui. Toute chaudière de **4 à 400 kW** (gaz, fioul, bois, charbon) doit être entretenue **une fois par an** par un professionnel (décret n° 2009-649 du 9 juin 2009).

- **Qui s’en charge ?** L’occupant du logement : le locataire, sauf si le bail ou un contrat collectif dit autre chose ; le propriétaire s’il habite le logement.
- **Ce que fait le technicien :** nettoyage du corps de chauffe et du brûleur, contrôle des sécurités, mesure du monoxyde de carbone et du rendement, conseils de réglage.
- **Après la visite :** vous recevez une **attestation d’entretien** sous 15 jours. Gardez-la au moins 2 ans : votre assureur peut la demander après un sinistre.

Un entretien régulier réduit la consommation et les pannes, et protège de l’intoxication au monoxyde de carbone. Pour prendre rendez-vous, utilisez votre espace client ou appelez-nous.`,
  },
  {
    slug: 'que-faire-en-cas-de-fuite-d-eau',
    title: 'Que faire en cas de fuite d’eau ?',
    category: 'depannage',
    keywords: 'eau par terre salle de bain cuisine tuyau percé fuite eau goutte coule inondation dégât des eaux robinet d’arrêt tuyau canalisation urgence plombier',
    body: `1. **Coupez l’eau** au robinet d’arrêt général (souvent sous l’évier, près du compteur ou dans la gaine technique).
2. **Coupez l’électricité** si l’eau approche des prises, d’un tableau électrique ou d’un appareil.
3. **Épongez et protégez** meubles et objets ; placez un récipient sous la fuite.
4. **Prenez des photos** de la fuite et des dégâts : elles serviront à votre assurance.
5. **Prévenez** votre assureur sous 5 jours ouvrés et, en appartement, le syndic ou le voisin concerné (constat amiable dégât des eaux).
6. **Appelez-nous** ou faites une demande depuis votre espace client en joignant vos photos : une fuite est traitée en priorité.

Une fuite sur la chaudière ou le chauffe-eau ? Coupez aussi l’alimentation électrique de l’appareil et n’essayez pas de l’ouvrir.`,
  },
  {
    slug: 'odeur-de-gaz-les-bons-reflexes',
    title: 'Odeur de gaz : les bons réflexes',
    category: 'securite',
    keywords: 'sent le gaz odeur fuite de gaz danger explosion grdf urgence sécurité gaz',
    body: `**En cas d’odeur de gaz, ne perdez pas de temps :**

- N’allumez rien, n’éteignez rien : ni lumière, ni interrupteur, ni appareil électrique, ni flamme. **Ne téléphonez pas depuis le logement.**
- Ouvrez les fenêtres, fermez le robinet de gaz au compteur si vous le pouvez.
- **Sortez** et faites sortir tout le monde.
- Une fois dehors, appelez **Urgence Sécurité Gaz : 0 800 47 33 33** (gratuit, 24 h/24), ou le **112** / les pompiers (**18**).

Ne rentrez que lorsque les secours vous le disent. Ensuite seulement, appelez-nous pour contrôler et remettre en service votre installation.`,
  },
  {
    slug: 'chaudiere-ne-demarre-plus',
    title: 'Ma chaudière ne démarre plus : que vérifier avant d’appeler ?',
    category: 'depannage',
    keywords: 'se met en sécurité plus de chauffage chaudière en panne ne marche plus ne s’allume pas plus de chauffage code erreur défaut voyant rouge reset',
    body: `Quelques vérifications simples règlent souvent le problème :

- **L’électricité :** la chaudière est-elle sous tension ? Le disjoncteur du tableau est-il enclenché ?
- **La pression :** le manomètre doit indiquer entre **1 et 1,5 bar** à froid (voir l’article sur la pression).
- **Le thermostat :** les piles sont-elles bonnes ? La consigne est-elle au-dessus de la température de la pièce ?
- **Le gaz ou le fioul :** le robinet de gaz est-il ouvert ? La cuve de fioul est-elle vide ?
- **Un code erreur ?** Notez-le : il nous aide à venir avec la bonne pièce. Un seul appui sur « reset » est permis ; si le défaut revient, n’insistez pas.

Si rien n’y fait, appelez-nous ou faites une demande de dépannage depuis votre espace client en indiquant la marque, le modèle et le code affiché.`,
  },
  {
    slug: 'pression-chaudiere',
    title: 'La pression de ma chaudière est trop basse ou trop haute',
    category: 'depannage',
    keywords: 'aiguille rouge pression manomètre bar remplir circuit chauffage soupape robinet de remplissage disconnecteur',
    body: `La pression normale d’un circuit de chauffage est de **1 à 1,5 bar à froid** (un peu plus quand il chauffe).

- **Trop basse (moins de 1 bar) :** ouvrez doucement le robinet de remplissage (sous la chaudière) jusqu’à 1,2–1,5 bar, puis refermez-le bien. Si la pression baisse encore dans la semaine, il y a une fuite sur le circuit : appelez-nous.
- **Trop haute (plus de 2,5 bar) :** la soupape de sécurité peut couler. Purgez un radiateur pour faire baisser la pression ; si elle remonte seule, le vase d’expansion ou le robinet de remplissage est à contrôler.

En cas de doute, ne forcez jamais un robinet et demandez une intervention.`,
  },
  {
    slug: 'purger-ses-radiateurs',
    title: 'Purger ses radiateurs',
    category: 'entretien',
    keywords: 'purge radiateur froid en haut air glouglou bruit clé de purge',
    body: `Un radiateur chaud en bas et froid en haut, ou des bruits de « glouglou », signalent de l’air dans le circuit.

1. Coupez le chauffage et laissez refroidir.
2. Placez un chiffon et un récipient sous la vis de purge (en haut du radiateur, côté opposé à l’arrivée).
3. Ouvrez la vis d’un quart de tour avec une clé de purge ou un tournevis : l’air siffle.
4. Refermez dès que l’eau coule sans bulles.
5. Faites de même sur chaque radiateur, du plus bas au plus haut de la maison.
6. Vérifiez la pression de la chaudière et complétez si besoin (1 à 1,5 bar).

Si un radiateur reste froid après la purge, son robinet est peut-être bloqué ou le circuit embouté : un désembouage peut être nécessaire.`,
  },
  {
    slug: 'plus-d-eau-chaude',
    title: 'Plus d’eau chaude : que faire ?',
    category: 'depannage',
    keywords: 'eau chaude chauffe-eau cumulus ballon électrique thermodynamique en panne froid douche froide groupe de sécurité',
    body: `**Chauffe-eau électrique (cumulus) :**
- Vérifiez le disjoncteur du chauffe-eau au tableau électrique et le contacteur jour/nuit (position « auto » ou « marche forcée »).
- En heures creuses, l’eau chauffe la nuit : un ballon vidé le soir ne sera chaud que le lendemain.
- Le groupe de sécurité (sous le ballon) qui goutte un peu pendant la chauffe est normal ; un écoulement continu ne l’est pas.

**Eau chaude produite par la chaudière :** vérifiez la pression et le code erreur (voir « Ma chaudière ne démarre plus »).

Si l’eau reste froide, faites une demande de dépannage en précisant le type d’appareil et son âge.`,
  },
  {
    slug: 'aides-renovation-energetique',
    title: 'Quelles aides pour la rénovation énergétique ?',
    category: 'aides-renovation',
    keywords: 'aides subventions maprimerenov prime énergie cee éco-ptz tva réduite rge france rénov financement remplacement chaudière pompe à chaleur isolation',
    body: `Plusieurs aides peuvent se cumuler pour remplacer une vieille chaudière, installer une pompe à chaleur ou isoler :

- **MaPrimeRénov’** (État, via France Rénov’) : montant selon vos revenus et les travaux.
- **Primes CEE** (certificats d’économies d’énergie), versées par les fournisseurs d’énergie.
- **Éco-prêt à taux zéro** pour financer le reste à charge.
- **TVA à 5,5 %** sur les travaux d’amélioration énergétique des logements de plus de 2 ans.

Condition commune : les travaux doivent être réalisés par une entreprise **RGE** et la demande faite **avant** de signer le devis pour certaines aides. Nous indiquons sur le devis les aides possibles ; les montants exacts se vérifient sur france-renov.gouv.fr.`,
  },
  {
    slug: 'delai-pour-recevoir-un-devis',
    title: 'Sous quel délai vais-je recevoir mon devis ?',
    category: 'devis-factures',
    keywords: 'j’attends toujours pas reçu payant devis délai attente quand recevoir estimation visite technique chiffrage prix gratuit',
    body: `- **Petits travaux et remplacements courants** (chauffe-eau, robinetterie) : le devis part en général sous **48 heures ouvrées** après votre demande.
- **Travaux qui demandent une visite** (chaudière, pompe à chaleur, salle de bain) : un technicien passe relever les mesures ; le devis suit sous **5 à 10 jours ouvrés**.

Le devis est gratuit, détaillé (matériel, main-d’œuvre, TVA, aides possibles) et valable **3 mois**. Vous le retrouvez dans votre espace client, où vous pouvez aussi l’accepter en ligne. Sans nouvelles au-delà de ces délais, écrivez-nous depuis l’espace client. *(Délais à adapter par l’entreprise.)*`,
  },
  {
    slug: 'accepter-un-devis-en-ligne',
    title: 'Comment accepter un devis ?',
    category: 'devis-factures',
    keywords: 'accepter devis signer signature bon pour accord valider commande acompte en ligne espace client',
    body: `Le plus simple : dans votre **espace client**, ouvrez le devis, vérifiez-le, tapez votre nom, cochez **« Bon pour accord »** et validez. L’acceptation est enregistrée avec la date et la version exacte du devis ; vous recevez une confirmation.

Vous pouvez aussi nous renvoyer le devis daté et signé avec la mention « Bon pour accord ».

Ensuite, nous vous appelons pour planifier le chantier. Un acompte peut être demandé pour commander le matériel ; il est indiqué sur le devis. Une question sur une ligne du devis ? Posez-la avant d’accepter, depuis l’espace client ou par téléphone.`,
  },
  {
    slug: 'payer-ma-facture',
    title: 'Comment payer ma facture ?',
    category: 'devis-factures',
    keywords: 'régler une facture facture payer paiement règlement virement chèque carte bancaire cb échéancier plusieurs fois retard relance',
    body: `Vos factures sont disponibles dans votre **espace client** et jointes à l’e-mail de fin d’intervention.

Moyens de paiement acceptés : **virement** (nos coordonnées bancaires figurent sur la facture ; indiquez le numéro de facture en référence), **chèque** à l’ordre de l’entreprise, **carte bancaire** auprès du technicien.

Le délai de paiement est indiqué sur la facture. Pour un montant important, un **paiement en plusieurs fois** peut être accordé : demandez-le avant l’échéance. Si vous avez déjà payé et recevez une relance, répondez-nous avec la date et le moyen de paiement : nous vérifions.`,
  },
  {
    slug: 'attestation-d-entretien',
    title: 'Où trouver mon attestation d’entretien ?',
    category: 'entretien',
    keywords: 'attestation entretien certificat justificatif assurance propriétaire bailleur document pdf télécharger',
    body: `L’attestation d’entretien est remise après chaque visite d’entretien (chaudière, pompe à chaleur) :

- dans votre **espace client**, rubrique « Documents », à télécharger en PDF ;
- en pièce jointe de l’e-mail envoyé après l’intervention.

Votre assureur ou votre propriétaire peut la demander : gardez-la au moins 2 ans. Une attestation introuvable ? Faites une demande depuis l’espace client, nous vous la renvoyons.`,
  },
  {
    slug: 'deplacer-ou-annuler-un-rendez-vous',
    title: 'Déplacer ou annuler un rendez-vous',
    category: 'rendez-vous',
    keywords: 'déplacer décaler reporter changer annuler rendez-vous rdv intervention date empêchement absent',
    body: `Vous avez un empêchement ? Prévenez-nous **au moins 48 heures avant** si possible :

- depuis votre **espace client**, rubrique « Mes interventions » : choisissez un autre créneau parmi ceux proposés ;
- ou par téléphone.

Un rendez-vous déplacé vous est confirmé par e-mail avec la nouvelle date. Si personne n’est présent au rendez-vous sans avoir prévenu, un déplacement peut être facturé.`,
  },
  {
    slug: 'creneaux-et-arrivee-du-technicien',
    title: 'Comment sont fixés les créneaux de passage du technicien ?',
    category: 'rendez-vous',
    keywords: 'créneau plage horaire heure arrivée technicien passe quand matin après-midi retard prévenir sms',
    body: `Nous donnons une **plage d’arrivée** (par exemple 8 h – 12 h ou 14 h – 16 h) plutôt qu’une heure précise : la durée des interventions précédentes varie.

- La veille, un rappel vous est envoyé avec la plage.
- Le jour même, le technicien vous prévient quand il part vers chez vous.
- En cas de retard important, nous vous appelons.

Votre prochaine intervention est visible à tout moment dans votre espace client, et l’assistant peut vous la donner si vous êtes connecté.`,
  },
  {
    slug: 'entretien-pompe-a-chaleur',
    title: 'L’entretien de la pompe à chaleur est-il obligatoire ?',
    category: 'entretien',
    keywords: 'pompe à chaleur pac air eau air air climatisation clim entretien obligatoire tous les deux ans fluide frigorigène',
    body: `Oui pour les pompes à chaleur et climatisations de **4 à 70 kW** : un entretien par un professionnel est obligatoire **tous les 2 ans** (décret n° 2020-912 du 28 juillet 2020). Une visite annuelle reste conseillée.

Le technicien contrôle l’étanchéité du circuit de fluide frigorigène, nettoie les filtres et l’unité extérieure, vérifie les réglages et les performances, puis vous remet une **attestation d’entretien**.

Entre deux visites : gardez l’unité extérieure dégagée (feuilles, neige) et nettoyez les filtres des unités intérieures d’une climatisation tous les mois en saison.`,
  },
  {
    slug: 'ramonage-des-conduits',
    title: 'Le ramonage est-il obligatoire ?',
    category: 'entretien',
    keywords: 'ramonage conduit cheminée poêle à bois insert fumée certificat de ramonage assurance',
    body: `Oui : les conduits de fumée des chaudières, poêles et inserts doivent être ramonés régulièrement, en général **une à deux fois par an** selon le règlement sanitaire de votre département et le combustible (au moins une fois pendant la saison de chauffe pour le bois).

Après le ramonage, un **certificat de ramonage** vous est remis : gardez-le, votre assureur peut le demander après un incendie.

Un conduit mal entretenu peut causer un feu de cheminée ou une intoxication au monoxyde de carbone.`,
  },
  {
    slug: 'garanties-apres-travaux',
    title: 'Quelles garanties après des travaux ?',
    category: 'garanties',
    keywords: 'garantie sav décennale parfait achèvement biennale bon fonctionnement fabricant pièce défaut après travaux',
    body: `Après des travaux, plusieurs garanties vous protègent :

- **Garantie de parfait achèvement (1 an)** : tout défaut signalé dans l’année qui suit la réception des travaux est repris.
- **Garantie de bon fonctionnement (2 ans)** : elle couvre les équipements qui se démontent sans abîmer l’ouvrage (robinetterie, radiateurs, chaudière…).
- **Garantie décennale (10 ans)** : les dommages qui compromettent la solidité de l’ouvrage ou le rendent impropre à son usage.
- **Garantie du fabricant** sur les appareils (souvent 2 à 5 ans, parfois plus pour certaines pièces).

Un problème sur des travaux que nous avons faits ? Faites une demande depuis l’espace client avec des photos : nous revenons vers vous rapidement.`,
  },
  {
    slug: 'horaires-et-urgences',
    title: 'Horaires, urgences et délais d’intervention',
    category: 'rendez-vous',
    keywords: 'travaillez dimanche samedi jours fériés horaires ouverture fermé joindre téléphone urgence dépannage délai intervention week-end nuit astreinte à adapter',
    body: `Nous vous répondons **du lundi au vendredi, de 8 h à 18 h**. *(Horaires à adapter par l’entreprise.)*

- **Dépannage urgent** (plus de chauffage en hiver, fuite importante) : intervention en priorité, le plus souvent sous 24 à 48 heures.
- **Odeur de gaz** : sortez et appelez Urgence Sécurité Gaz au **0 800 47 33 33**, sans attendre nos horaires.
- En dehors des horaires, laissez un message ou faites une demande depuis votre espace client : elle est traitée à la première heure.`,
  },
  {
    slug: 'thermostat-et-economies',
    title: 'Bien régler son chauffage pour consommer moins',
    category: 'entretien',
    keywords: 'température idéale maison pièce thermostat programmation économies énergie température réglage consigne facture chauffage robinet thermostatique',
    body: `- **19 °C** dans les pièces à vivre, **17 °C** dans les chambres, **16 °C** la nuit ou en absence de quelques heures, **hors-gel** au-delà de 2 jours.
- Un degré de moins, c’est environ **7 % d’économie** sur le chauffage.
- Un **thermostat programmable** et des **robinets thermostatiques** évitent de chauffer pour rien.
- Ne couvrez pas les radiateurs et purgez-les en début de saison.

Un réglage de la chaudière pendant l’entretien annuel améliore aussi son rendement.`,
  },
  {
    slug: 'faire-une-reclamation',
    title: 'Faire une réclamation',
    category: 'garanties',
    keywords: 'réclamation plainte mécontent pas satisfait problème litige médiateur remboursement',
    body: `Vous n’êtes pas satisfait d’une intervention ou d’une facture ? Dites-le-nous :

- depuis votre **espace client** (« Faire une demande ») en décrivant le problème, avec des photos si utile ;
- ou par téléphone, par e-mail ou par courrier.

Chaque réclamation est suivie par une personne de l’entreprise ; nous vous répondons sous **2 jours ouvrés**. Si le désaccord persiste, vous pouvez saisir gratuitement le **médiateur de la consommation** dont les coordonnées figurent sur nos devis et factures.`,
  },
  {
    slug: 'radiateur-froid',
    title: 'Un radiateur reste froid',
    category: 'depannage',
    keywords: 'radiateur froid ne chauffe pas tiède robinet thermostatique bloqué désembouage boues',
    body: `- **Froid en haut, chaud en bas :** il y a de l’air : purgez-le (voir « Purger ses radiateurs »).
- **Complètement froid :** le robinet thermostatique est peut-être bloqué après l’été. Retirez la tête et appuyez plusieurs fois sur la petite tige métallique : elle doit ressortir seule.
- **Froid en bas, chaud en haut, ou plusieurs radiateurs tièdes :** des boues se sont déposées dans le circuit : un **désembouage** est nécessaire.

Si le problème persiste, faites une demande en précisant quels radiateurs sont concernés.`,
  },
  {
    slug: 'contrat-d-entretien',
    title: 'Le contrat d’entretien : ce qu’il comprend',
    category: 'entretien',
    keywords: 'contrat entretien abonnement forfait annuel visite incluse prix tarif dépannage prioritaire résiliation',
    body: `Le contrat d’entretien couvre la **visite annuelle obligatoire** (chaudière) ou **bisannuelle** (pompe à chaleur), avec l’attestation, et selon la formule :

- le **déplacement et la main-d’œuvre** en cas de panne ;
- un **dépannage prioritaire** ;
- une remise sur les pièces.

Nous vous proposons le rendez-vous d’entretien chaque année, sans que vous ayez à y penser. Le contrat est reconductible chaque année et résiliable selon les conditions indiquées. Les tarifs sont sur demande ou dans votre espace client.`,
  },
];
