/**
 * The merge fields a template may use, and their values for one caller. Each field has a French key
 * (`{{contact.prenom}}`), a label for the "Insérer un champ" menu and an example for the README.
 * Values come from the caller's records (contact, entreprise, devis, intervention, ticket) and from the
 * sender settings (agent, société, lien d'avis); `facture.*` has no source in the CRM cache yet and is
 * always typed by Claire in the composer.
 *
 * Dates and times are written for France (Europe/Paris), whatever the machine's time zone: the
 * customer reads "mardi 14 mai 2024 à 14 h 30", not a UTC instant.
 */
import type { Company, Contact, Intervention, Quote, Ticket } from '../../contract/model';

export type MergeFieldGroup = 'contact' | 'entreprise' | 'devis' | 'intervention' | 'ticket' | 'facture' | 'agent' | 'societe' | 'lien' | 'date';

export interface MergeFieldSpec {
  key: string;
  group: MergeFieldGroup;
  label: string;
  example: string;
}

const f = (key: string, label: string, example: string): MergeFieldSpec => ({
  key,
  group: key.split('.')[0] as MergeFieldGroup,
  label,
  example,
});

export const MERGE_FIELDS: readonly MergeFieldSpec[] = [
  f('contact.prenom', 'Prénom du contact', 'François'),
  f('contact.nom', 'Nom du contact', 'Lefèvre'),
  f('contact.nom_complet', 'Prénom et nom du contact', 'François Lefèvre'),
  f('contact.email', 'E-mail du contact', 'f.lefevre@example.fr'),
  f('contact.telephone', 'Téléphone du contact', '06 12 34 56 78'),
  f('contact.adresse', 'Adresse du contact', '12 rue de la Paix, 35000 Rennes'),
  f('entreprise.nom', 'Nom de l’entreprise cliente', 'Syndic Saint-Éloi Gestion'),
  f('entreprise.adresse', 'Adresse de l’entreprise cliente', '4 quai Perrache, 69002 Lyon'),
  f('entreprise.siret', 'SIRET de l’entreprise cliente', '123 456 789 00012'),
  f('devis.numero', 'Numéro du devis', 'DEV-2024-0153'),
  f('devis.titre', 'Objet du devis', 'Remplacement chaudière gaz'),
  f('devis.montant', 'Montant du devis (TTC)', '4 850,00 €'),
  f('devis.date_envoi', 'Date d’envoi du devis', '6 mai 2024'),
  f('devis.validite', 'Date de fin de validité du devis', '5 juin 2024'),
  f('devis.adresse_chantier', 'Adresse du chantier du devis', '3 allée des Tilleuls, Rennes'),
  f('intervention.date', 'Date de l’intervention', 'mardi 14 mai 2024'),
  f('intervention.heure', 'Heure de l’intervention', '14 h 30'),
  f('intervention.technicien', 'Technicien', 'Karim Benali'),
  f('intervention.type', 'Type d’intervention', 'Entretien chaudière'),
  f('intervention.adresse', 'Adresse de l’intervention', '3 allée des Tilleuls, Rennes'),
  f('intervention.compte_rendu', 'Compte-rendu du technicien', 'Brûleur nettoyé, pression réglée.'),
  f('ticket.numero', 'Référence du ticket', 'T-4F2A9C01'),
  f('ticket.sujet', 'Sujet du ticket', 'Fuite sous l’évier'),
  f('facture.numero', 'Numéro de facture (à saisir)', 'FA-2024-0420'),
  f('facture.montant', 'Montant de la facture (à saisir)', '312,40 €'),
  f('agent.prenom', 'Prénom de l’agent', 'Claire'),
  f('agent.nom', 'Nom de l’agent', 'Moreau'),
  f('societe.nom', 'Nom de notre société', 'Durand Chauffage'),
  f('societe.telephone', 'Téléphone de notre société', '02 99 00 11 22'),
  f('lien.avis', 'Lien pour laisser un avis', 'https://g.page/r/…'),
  f('date.jour', 'Date du jour', '14 mai 2024'),
];

const KNOWN = new Map(MERGE_FIELDS.map((field) => [field.key, field]));

export function isKnownField(key: string): boolean {
  return KNOWN.has(key);
}

export function fieldLabel(key: string): string | null {
  return KNOWN.get(key)?.label ?? null;
}

/** What the sender settings give the templates (Paramètres › E-mail). */
export interface SenderIdentity {
  agentName: string;
  companyName: string;
  companyPhone: string;
  reviewUrl: string;
}

export interface MergeContext {
  contact: Contact | null;
  company: Company | null;
  quote: Quote | null;
  intervention: Intervention | null;
  ticket: Ticket | null;
  sender: SenderIdentity;
  now: Date;
}

const PARIS = 'Europe/Paris';
const longDate = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const shortDate = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, day: 'numeric', month: 'long', year: 'numeric' });
const clock = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

function validDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "14 h 30", as French letters write it ("14 h" on the hour). */
export function frenchTime(date: Date): string {
  const parts = clock.formatToParts(date);
  const hour = String(Number(parts.find((p) => p.type === 'hour')?.value ?? '0'));
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return minute === '00' ? `${hour} h` : `${hour} h ${minute}`;
}

export const frenchLongDate = (date: Date): string => longDate.format(date);
export const frenchShortDate = (date: Date): string => shortDate.format(date);
export const frenchAmount = (cents: number): string => euros.format(cents / 100);

function address(record: { address: string | null; postalCode: string | null; city: string | null } | null): string {
  if (!record) return '';
  const place = [record.postalCode, record.city].filter(Boolean).join(' ');
  return [record.address, place].filter((part) => part && part.trim() !== '').join(', ');
}

/** A ticket has no number of its own in the CRM cache: a short, stable reference from its id. */
export function ticketReference(id: string): string {
  return `T-${id.replace(/[^0-9a-z]/gi, '').slice(0, 8).toUpperCase()}`;
}

function splitName(full: string): { first: string; last: string } {
  const words = full.trim().split(/\s+/).filter(Boolean);
  return { first: words[0] ?? '', last: words.slice(1).join(' ') };
}

/** Every known field's value for this context; '' when the record or the value is missing. */
export function mergeValues(context: MergeContext): Record<string, string> {
  const { contact, company, quote, intervention, ticket, sender } = context;
  const when = validDate(intervention?.scheduledAt);
  const sent = validDate(quote?.sentAt);
  const validUntil = validDate(quote?.validUntil);
  const agent = splitName(sender.agentName);
  const firstPhone = contact?.phones[0];
  const values: Record<string, string> = {
    'contact.prenom': contact?.firstName ?? '',
    'contact.nom': contact?.lastName ?? '',
    'contact.nom_complet': contact ? `${contact.firstName} ${contact.lastName}`.trim() : '',
    'contact.email': contact?.email ?? '',
    'contact.telephone': firstPhone ? firstPhone.raw : '',
    'contact.adresse': address(contact),
    'entreprise.nom': company?.name ?? contact?.companyName ?? '',
    'entreprise.adresse': address(company),
    'entreprise.siret': company?.siret ?? '',
    'devis.numero': quote?.number ?? '',
    'devis.titre': quote?.title ?? '',
    'devis.montant': quote ? frenchAmount(quote.amountCents) : '',
    'devis.date_envoi': sent ? frenchShortDate(sent) : '',
    'devis.validite': validUntil ? frenchShortDate(validUntil) : '',
    'devis.adresse_chantier': quote?.siteAddress ?? '',
    'intervention.date': when ? frenchLongDate(when) : '',
    'intervention.heure': when ? frenchTime(when) : '',
    'intervention.technicien': intervention?.technician ?? '',
    'intervention.type': intervention?.kind ?? '',
    'intervention.adresse': intervention?.siteAddress ?? quote?.siteAddress ?? '',
    'intervention.compte_rendu': intervention?.report ?? '',
    'ticket.numero': ticket ? ticketReference(ticket.id) : '',
    'ticket.sujet': ticket?.subject ?? '',
    'facture.numero': '',
    'facture.montant': '',
    'agent.prenom': agent.first,
    'agent.nom': agent.last,
    'societe.nom': sender.companyName,
    'societe.telephone': sender.companyPhone,
    'lien.avis': sender.reviewUrl,
    'date.jour': frenchShortDate(context.now),
  };
  return values;
}
