/** What the mailbox (mail → ticket) says (see error-catalog.ts). */
export const mailboxErrors = {
  'mailbox.security_invalid': {
    fr: 'ACCUEIL_IMAP_SECURITY vaut « {value} » : écrivez tls, starttls ou none.',
    en: 'ACCUEIL_IMAP_SECURITY is « {value} »: write tls, starttls or none.',
  },
  'mailbox.cleartext_refused': {
    fr: 'ACCUEIL_IMAP_SECURITY=none enverrait le mot de passe en clair à {host} : réservé à un serveur sur ce poste (127.0.0.1, localhost). Utilisez tls ou starttls.',
    en: 'ACCUEIL_IMAP_SECURITY=none would send the password in clear to {host}: only for a server on this machine (127.0.0.1, localhost). Use tls or starttls.',
  },
  'mailbox.port_invalid': {
    fr: 'ACCUEIL_IMAP_PORT vaut « {value} » : un numéro de port de 1 à 65535.',
    en: 'ACCUEIL_IMAP_PORT is « {value} »: a port number from 1 to 65535.',
  },
  'mailbox.login_missing': {
    fr: 'La boîte aux lettres a besoin d’ACCUEIL_IMAP_USER et d’ACCUEIL_IMAP_PASSWORD.',
    en: 'The mailbox needs ACCUEIL_IMAP_USER and ACCUEIL_IMAP_PASSWORD.',
  },
  'mailbox.unreachable': {
    fr: 'Boîte aux lettres {server} injoignable ({detail}) : nouvel essai dans {seconds} s.',
    en: 'Mailbox {server} unreachable ({detail}): trying again in {seconds} s.',
  },
  'mailbox.no_address': {
    fr: 'Aucune adresse à qui répondre sur ce ticket : il n’a pas été ouvert par un e-mail et le client n’a pas d’adresse.',
    en: 'No address to reply to on this ticket: it was not opened by an e-mail and the customer has no address.',
  },
  'mailbox.unfilled_fields': {
    fr: 'La réponse contient encore des champs à remplir : {fields}.',
    en: 'The reply still has fields to fill in: {fields}.',
  },
  'mailbox.ticket_not_found': {
    fr: 'Ce ticket n’existe plus (supprimé dans HubSpot ?).',
    en: 'This ticket no longer exists (deleted in HubSpot?).',
  },
} as const;

type MailboxErrors = typeof mailboxErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends MailboxErrors {}
}
