/**
 * The e-mail templates of the demo workspace (and a sensible default set for a new one). The
 * category names the purpose the template suggester looks for (see directory/template-suggester.ts).
 * Merge fields: {{contact.prenom}} {{contact.nom}} {{contact.civilite}} {{entreprise.nom}}
 * {{devis.numero}} {{devis.titre}} {{devis.montant}} {{devis.date_envoi}}
 * {{intervention.date}} {{intervention.heure}} {{intervention.technicien}} {{intervention.type}}
 * {{intervention.adresse}} {{ticket.sujet}} {{facture.numero}} {{facture.montant}} {{agent.prenom}}
 * {{societe.nom}} {{societe.telephone}} {{lien.avis}}
 */
import type { Template } from '../../contract/model';

const SIGNATURE = `\n\nBien cordialement,\n{{agent.prenom}}\n{{societe.nom}} — {{societe.telephone}}`;

const t = (id: string, name: string, category: string, subject: string, body: string): Template => ({
  id: `tpl-${id}`,
  name,
  category,
  subject,
  body: `Bonjour {{contact.prenom}} {{contact.nom}},\n\n${body}${SIGNATURE}`,
});

export const DEFAULT_TEMPLATES: readonly Template[] = [
  t('confirmation-rdv', 'Confirmation de rendez-vous', 'confirmation_rdv', 'Confirmation de votre rendez-vous du {{intervention.date}}',
    'Nous vous confirmons le passage de {{intervention.technicien}} le {{intervention.date}} à {{intervention.heure}} pour : {{intervention.type}}.\nAdresse : {{intervention.adresse}}.\nMerci de prévoir un accès dégagé à l’appareil. En cas d’empêchement, appelez-nous au {{societe.telephone}}.'),
  t('rappel-rdv-veille', 'Rappel de rendez-vous (la veille)', 'confirmation_rdv', 'Rappel : notre technicien passe demain',
    'Petit rappel : {{intervention.technicien}} passera demain, {{intervention.date}}, entre {{intervention.heure}} et deux heures plus tard.'),
  t('report-rdv', 'Report de rendez-vous', 'report_rdv', 'Votre rendez-vous est déplacé',
    'Suite à notre échange, votre rendez-vous est déplacé au {{intervention.date}} à {{intervention.heure}}. Nous vous prions de nous excuser pour ce changement.'),
  t('retard-technicien', 'Retard du technicien', 'retard_technicien', 'Notre technicien a un peu de retard',
    '{{intervention.technicien}} a été retenu sur une intervention urgente et aura environ 45 minutes de retard. Il vous appellera en chemin. Merci de votre compréhension.'),
  t('relance-devis-j7', 'Relance de devis (J+7)', 'relance_devis_j7', 'Votre devis {{devis.numero}} — avez-vous des questions ?',
    'Nous vous avons adressé le {{devis.date_envoi}} le devis {{devis.numero}} ({{devis.titre}}, {{devis.montant}} TTC).\nAvez-vous pu le consulter ? Nous restons à votre disposition pour en parler ou l’ajuster.'),
  t('relance-devis-j15', 'Relance de devis (J+15)', 'relance_devis_j15', 'Devis {{devis.numero}} : dernière relance',
    'Sauf erreur de notre part, nous n’avons pas reçu de réponse au devis {{devis.numero}} ({{devis.titre}}).\nSes prix sont garantis jusqu’à la fin du mois ; au-delà, nous devrons l’actualiser. Souhaitez-vous que nous en discutions ?'),
  t('devis-envoye', 'Envoi de devis', 'envoi_devis', 'Votre devis {{devis.numero}}',
    'Veuillez trouver ci-joint notre devis {{devis.numero}} pour : {{devis.titre}}, d’un montant de {{devis.montant}} TTC.\nPour l’accepter, il suffit de nous le retourner daté et signé avec la mention « Bon pour accord ».'),
  t('devis-accepte', 'Accusé de réception de devis signé', 'devis_accepte', 'Merci pour votre confiance — devis {{devis.numero}}',
    'Nous avons bien reçu votre devis signé {{devis.numero}}. Notre planning vous contactera sous 48 h pour fixer la date des travaux.'),
  t('compte-rendu', 'Compte-rendu d’intervention', 'compte_rendu', 'Compte-rendu de notre intervention du {{intervention.date}}',
    'Voici le compte-rendu de l’intervention « {{intervention.type}} » réalisée le {{intervention.date}} par {{intervention.technicien}}.\nLe rapport détaillé et, le cas échéant, l’attestation d’entretien sont joints à ce message.'),
  t('attestation-entretien', 'Attestation d’entretien chaudière', 'attestation', 'Votre attestation d’entretien annuel',
    'Vous trouverez ci-jointe l’attestation d’entretien de votre chaudière, à conserver deux ans et à présenter à votre assureur si besoin.'),
  t('demande-avis', 'Demande d’avis client', 'demande_avis', 'Votre avis compte pour nous',
    'Nous espérons que notre intervention du {{intervention.date}} vous a donné satisfaction.\nAuriez-vous deux minutes pour nous laisser un avis ? {{lien.avis}}\nMerci d’avance, cela aide beaucoup une entreprise locale comme la nôtre.'),
  t('pieces-commande', 'Pièces en commande', 'pieces_commande', 'Pièce commandée pour votre dépannage',
    'La pièce nécessaire à la réparation a été commandée auprès du fabricant. Nous vous rappellerons dès sa réception (délai annoncé : 3 à 5 jours ouvrés) pour fixer le rendez-vous.'),
  t('pieces-recues', 'Pièces reçues', 'pieces_recues', 'Votre pièce est arrivée',
    'Bonne nouvelle : la pièce est arrivée. Quand pouvons-nous passer la poser ? Répondez simplement à ce message ou appelez-nous.'),
  t('facture', 'Envoi de facture', 'facture', 'Votre facture {{facture.numero}}',
    'Veuillez trouver ci-jointe la facture {{facture.numero}} d’un montant de {{facture.montant}} TTC, payable à réception par virement ou chèque.'),
  t('relance-facture', 'Relance de facture impayée', 'relance_facture', 'Rappel : facture {{facture.numero}}',
    'Sauf erreur de notre part, la facture {{facture.numero}} ({{facture.montant}} TTC) reste à régler. Si le paiement a été fait entre-temps, merci de ne pas tenir compte de ce message.'),
  t('attestation-tva', 'Attestation de TVA à taux réduit', 'facturation', 'Attestation simplifiée pour la TVA à 10 %',
    'Pour bénéficier du taux de TVA réduit, merci de nous retourner l’attestation simplifiée ci-jointe, complétée et signée, avant le début des travaux.'),
  t('suivi-ticket', 'Suivi de votre demande', 'suivi_ticket', 'Suivi de votre demande : {{ticket.sujet}}',
    'Nous revenons vers vous au sujet de votre demande « {{ticket.sujet}} ». Elle est en cours de traitement et nous vous tiendrons informé(e) de chaque étape.'),
  t('accuse-reclamation', 'Accusé de réception de réclamation', 'reclamation', 'Nous avons bien reçu votre réclamation',
    'Nous avons bien reçu votre réclamation et nous en sommes désolés. Notre responsable technique vous rappellera sous 48 h pour trouver une solution.'),
  t('demande-photos', 'Demande de photos', 'demande_photos', 'Pouvez-vous nous envoyer quelques photos ?',
    'Afin de préparer au mieux notre intervention, pourriez-vous nous envoyer quelques photos de l’appareil et de sa plaque signalétique ?'),
  t('acces-chantier', 'Accès au chantier', 'chantier', 'Organisation du chantier {{intervention.adresse}}',
    'Les travaux démarrent le {{intervention.date}}. Merci de libérer l’accès à la pièce et de prévoir une place de stationnement pour notre véhicule.'),
  t('fin-chantier', 'Fin de chantier', 'chantier', 'Fin des travaux — réception du chantier',
    'Les travaux sont terminés. Nous vous proposons une visite de réception pour vérifier ensemble les finitions et vous remettre les notices.'),
  t('contrat-entretien', 'Proposition de contrat d’entretien', 'contrat', 'Votre contrat d’entretien annuel',
    'Pour éviter les pannes de l’hiver, nous vous proposons notre contrat d’entretien annuel : visite programmée, déplacement offert en cas de panne et priorité d’intervention.'),
  t('aides-renovation', 'Aides à la rénovation', 'information', 'MaPrimeRénov’ et CEE : les aides pour votre projet',
    'Comme évoqué au téléphone, votre projet peut être éligible à MaPrimeRénov’ et aux primes CEE. Nous vous joignons la liste des pièces à fournir.'),
  t('syndic-bon-commande', 'Syndic : demande de bon de commande', 'syndic', 'Intervention en parties communes — bon de commande',
    'Pour intervenir dans les parties communes de la copropriété, merci de nous transmettre un bon de commande signé par le gestionnaire.'),
  t('absence-client', 'Passage sans personne sur place', 'absence', 'Nous sommes passés en votre absence',
    '{{intervention.technicien}} s’est présenté le {{intervention.date}} à {{intervention.heure}} mais personne n’était présent. Merci de nous rappeler pour convenir d’un nouveau rendez-vous.'),
];
