/**
 * Every sentence a service says to a person, keyed by a stable reason, in French and English.
 *
 * Services speak codes: a failure is `{ reason, params }` (`new ServiceError('not_found', { reason:
 * 'call.not_found' })`). The envelope carries the reason and its parameters, plus the French
 * sentence as `message` for the CLI, the logs and older clients. The renderer words the reason in
 * the user's language through its i18n (renderer/src/i18n), and falls back to `message` for a
 * reason it does not know (a newer or older server). This is the only copy of these sentences.
 *
 * `{name}` marks a parameter: a string or a number, inserted as text. A parameter that is itself
 * free text from elsewhere (an SMTP server's reply, HubSpot's detail, a file path) is passed through
 * as it came. Both languages name the same parameters; the type of a reason's parameters is read
 * from its French sentence (`ReasonParams`), so a missing or misspelt parameter does not compile.
 *
 * Variants with `_no_detail` / `_uncoded` exist where the French sentence fills a missing detail
 * with words of its own (« adresse refusée », « erreur de lecture »): those words must be translated
 * too, so they live in the sentence, not in a parameter.
 *
 * Besides failures, the catalog holds the two connection tests' answers (HubSpot, SMTP), which come
 * from the same checks and are shown in the same place.
 */
import type { Locale } from './model';
import { mergeTables, tablesOf } from './call-spec';

const coreErrors = {
  // The contract itself (dispatcher): calls the services never saw.
  'contract.unknown_call': { fr: 'Appel inconnu : {name}', en: 'Unknown call: {name}' },
  'contract.read_only': { fr: 'Cet accès est en lecture seule.', en: 'This access is read-only.' },
  'contract.role_refused': { fr: 'Votre rôle ne permet pas cette action.', en: 'Your role does not allow this action.' },
  'contract.invalid_input': { fr: '{field} : {detail}', en: 'Invalid value for {field}: {detail}' },
  'contract.invalid_input_root': { fr: '(entrée) : {detail}', en: 'Invalid request: {detail}' },
  'contract.invalid_inputs': { fr: '{field} : {detail} ; {rest}', en: 'Invalid value for {field}: {detail}; {rest}' },
  // A refused field, in words (the field by its label when it has one: INPUT_FIELD_LABELS).
  'contract.field_too_small': { fr: '{field} : au moins {limit}.', en: '{field}: at least {limit}.' },
  'contract.field_too_big': { fr: '{field} : au plus {limit}.', en: '{field}: at most {limit}.' },
  'contract.field_too_short': { fr: '{field} : au moins {limit} caractères.', en: '{field}: at least {limit} characters.' },
  'contract.field_too_long': { fr: '{field} : au plus {limit} caractères.', en: '{field}: at most {limit} characters.' },
  'contract.field_missing': { fr: '{field} : à remplir.', en: '{field}: required.' },
  'contract.field_not_whole': { fr: '{field} : un nombre entier est attendu.', en: '{field}: a whole number is expected.' },
  'contract.field_refused': { fr: '{field} : valeur non acceptée.', en: '{field}: value not accepted.' },
  'contract.invalid_output': { fr: 'Réponse invalide de {name}', en: 'Invalid answer from {name}' },
  'contract.internal': { fr: 'Erreur interne : voir le journal de l’application.', en: 'Internal error: see the application log.' },
  // The transports' own refusals (web host, Electron main).
  'contract.too_many_calls': {
    fr: 'Trop d’appels en attente sur cette connexion ({max}) : réessayez dans un instant.',
    en: 'Too many calls waiting on this connection ({max}): try again in a moment.',
  },
  'contract.origin_refused': { fr: 'Origine refusée', en: 'Origin refused' },

  // Calls, the journal and wrap-up.
  'call.not_found': { fr: 'Appel introuvable', en: 'Call not found' },
  'call.not_found_deleted': {
    fr: 'Appel introuvable : il a peut-être été supprimé du journal.',
    en: 'Call not found: it may have been removed from the log.',
  },
  'journal.record_required': { fr: 'Choisissez un contact ou une entreprise', en: 'Choose a contact or a company' },
  'wrapup.changed_meanwhile': {
    fr: 'Quelqu’un d’autre a modifié la synthèse de cet appel entre-temps : votre texte est gardé à l’écran, relisez la version enregistrée avant d’enregistrer à nouveau.',
    en: 'Someone else changed this call’s wrap-up meanwhile: your text stays on screen; read the saved version before saving again.',
  },
  'wrapup.call_still_ringing': {
    fr: 'L’appel sonne encore : notez pendant l’appel, la synthèse s’enregistre une fois décroché.',
    en: 'The call is still ringing: take notes during the call; the wrap-up is saved once it is answered.',
  },
  'note.target_required': {
    fr: 'Rattachez la note à un appel, un ticket, un contact ou une entreprise.',
    en: 'Attach the note to a call, a ticket, a contact or a company.',
  },
  'note.contact_not_found': { fr: 'Contact introuvable pour cette note.', en: 'Contact not found for this note.' },
  'note.company_not_found': { fr: 'Entreprise introuvable pour cette note.', en: 'Company not found for this note.' },

  // Directory.
  'contact.not_found': { fr: 'Contact introuvable', en: 'Contact not found' },
  'contact.not_found_deleted': { fr: 'Contact introuvable : il a peut-être été supprimé.', en: 'Contact not found: it may have been deleted.' },
  'company.not_found': { fr: 'Entreprise introuvable', en: 'Company not found' },
  'phone.owner_one': { fr: 'Choisissez un contact ou une entreprise (un seul).', en: 'Choose a contact or a company (only one).' },
  'phone.withheld_not_saved': { fr: 'Numéro masqué : il ne peut pas être enregistré.', en: 'Withheld number: it cannot be saved.' },

  // Tickets.
  'ticket.not_found': { fr: 'Ticket introuvable : il a peut-être été supprimé.', en: 'Ticket not found: it may have been deleted.' },
  'ticket.changed_meanwhile': {
    fr: 'Quelqu’un d’autre a modifié ce ticket entre-temps : voici la version à jour (voir l’historique). Refaites votre modification si elle tient toujours.',
    en: 'Someone else changed this ticket meanwhile: here is the current version (see its history). Make your change again if it still applies.',
  },
  'ticket.contact_not_found': { fr: 'Contact introuvable pour ce ticket.', en: 'Contact not found for this ticket.' },
  'ticket.company_not_found': { fr: 'Entreprise introuvable pour ce ticket.', en: 'Company not found for this ticket.' },

  // Callbacks.
  'callback.not_found': {
    fr: 'Rappel introuvable : la liste a peut-être été rechargée ailleurs.',
    en: 'Callback not found: the list may have been reloaded elsewhere.',
  },
  'callback.already_closed': {
    fr: 'Ce rappel est déjà clos (il a peut-être abouti entre-temps) : la liste est à jour.',
    en: 'This callback is already closed (it may have succeeded in the meantime): the list is up to date.',
  },

  // Telephony and click-to-call.
  'phone.line_not_connected': {
    fr: 'Ligne téléphonique non connectée : appel impossible. Vérifiez le voyant du standard ou les Paramètres.',
    en: 'Phone line not connected: cannot call. Check the phone system indicator or the Settings.',
  },
  'dial.withheld': { fr: 'Numéro masqué : il ne peut pas être rappelé.', en: 'Withheld number: it cannot be called back.' },
  'dial.number_unreadable': {
    fr: 'Numéro illisible : « {number} ». Corrigez-le dans la fiche, puis rappelez.',
    en: 'Unreadable number: “{number}”. Correct it on the record, then call back.',
  },
  'dial.not_logged': { fr: 'Appel sortant non journalisé', en: 'Outgoing call not logged' },

  // Demo workspace and simulated calls.
  'demo.already_present': { fr: "L’espace de démonstration existe déjà dans cette base.", en: 'The demo workspace already exists in this database.' },
  'simulation.caller_invalid': {
    fr: 'Numéro de l’appel simulé manquant ou trop long (64 caractères au plus).',
    en: 'Simulated call number missing or too long (64 characters at most).',
  },
  'simulation.too_many': {
    fr: 'Trop d’appels simulés en cours : attendez la fin de l’un d’eux.',
    en: 'Too many simulated calls in progress: wait for one of them to end.',
  },

  // Settings: the PBX account, the settings and secrets files.
  'sip.ws_url_invalid': {
    fr: 'Adresse WebSocket du standard invalide : « {url} » (exemple : wss://pbx.example.fr:8089/ws)',
    en: 'Invalid phone system WebSocket address: “{url}” (example: wss://pbx.example.fr:8089/ws)',
  },
  'sip.ws_url_scheme': {
    fr: 'L’adresse du standard doit commencer par ws:// ou wss:// (reçu {protocol})',
    en: 'The phone system address must start with ws:// or wss:// (got {protocol})',
  },
  'sip.uri_invalid': {
    fr: 'Identité SIP invalide : « {uri} » (exemple : sip:claire@pbx.example.fr)',
    en: 'Invalid SIP identity: “{uri}” (example: sip:claire@pbx.example.fr)',
  },
  'sip.password_owner_changed': {
    fr: 'L’adresse du standard ou l’identifiant SIP a changé ({wsUrl}, {user}) : le mot de passe enregistré pour {ownerWsUrl} n’y sera pas envoyé. Saisissez le mot de passe de ce compte, ou cochez « Supprimer le mot de passe enregistré ».',
    en: 'The phone system address or the SIP user changed ({wsUrl}, {user}): the password saved for {ownerWsUrl} will not be sent there. Type this account’s password, or tick “Remove the saved password”.',
  },
  'settings.file_unreadable': {
    fr: 'Fichier des réglages illisible ({code}) : {file}. Fermez le programme qui le bloque (antivirus, sauvegarde) ou rendez-le lisible, puis relancez Accueil. Rien n’a été modifié.',
    en: 'Settings file unreadable ({code}): {file}. Close the program locking it (antivirus, backup) or make it readable, then restart Accueil. Nothing was changed.',
  },
  'settings.file_unreadable_uncoded': {
    fr: 'Fichier des réglages illisible (erreur de lecture) : {file}. Fermez le programme qui le bloque (antivirus, sauvegarde) ou rendez-le lisible, puis relancez Accueil. Rien n’a été modifié.',
    en: 'Settings file unreadable (read error): {file}. Close the program locking it (antivirus, backup) or make it readable, then restart Accueil. Nothing was changed.',
  },
  'secrets.file_unreadable': {
    fr: 'Fichier des secrets illisible ({code}) : {file}. Fermez le programme qui le bloque (antivirus, sauvegarde) ou rendez-le lisible, puis réessayez. Rien n’a été modifié.',
    en: 'Secrets file unreadable ({code}): {file}. Close the program locking it (antivirus, backup) or make it readable, then try again. Nothing was changed.',
  },
  'secrets.file_unreadable_uncoded': {
    fr: 'Fichier des secrets illisible (erreur de lecture) : {file}. Fermez le programme qui le bloque (antivirus, sauvegarde) ou rendez-le lisible, puis réessayez. Rien n’a été modifié.',
    en: 'Secrets file unreadable (read error): {file}. Close the program locking it (antivirus, backup) or make it readable, then try again. Nothing was changed.',
  },
  'secrets.file_damaged': {
    fr: 'Fichier des secrets abîmé (contenu illisible) : il est conservé sous {aside}, rien n’est effacé. Ressaisissez les mots de passe et le jeton HubSpot dans Paramètres, ou faites restaurer ce fichier par le service informatique.',
    en: 'Secrets file damaged (unreadable content): it is kept as {aside}, nothing is erased. Type the passwords and the HubSpot token again in Settings, or have IT restore this file.',
  },
  'secrets.write_failed': {
    fr: 'Enregistrement du secret impossible ({code}) : {file}. Le fichier précédent est intact ; fermez le programme qui le bloque (antivirus, sauvegarde) ou libérez de la place, puis réessayez.',
    en: 'Cannot save the secret ({code}): {file}. The previous file is intact; close the program locking it (antivirus, backup) or free some space, then try again.',
  },
  'secrets.write_failed_uncoded': {
    fr: 'Enregistrement du secret impossible (erreur d’écriture) : {file}. Le fichier précédent est intact ; fermez le programme qui le bloque (antivirus, sauvegarde) ou libérez de la place, puis réessayez.',
    en: 'Cannot save the secret (write error): {file}. The previous file is intact; close the program locking it (antivirus, backup) or free some space, then try again.',
  },
  'secrets.damaged_not_moved': {
    fr: 'Fichier des secrets abîmé et impossible à mettre de côté ({code}) : {file}. Rien n’a été modifié ; demandez au service informatique de le déplacer, puis ressaisissez les mots de passe.',
    en: 'Secrets file damaged and cannot be set aside ({code}): {file}. Nothing was changed; ask IT to move it, then type the passwords again.',
  },
  'secrets.damaged_not_moved_uncoded': {
    fr: 'Fichier des secrets abîmé et impossible à mettre de côté (erreur) : {file}. Rien n’a été modifié ; demandez au service informatique de le déplacer, puis ressaisissez les mots de passe.',
    en: 'Secrets file damaged and cannot be set aside (error): {file}. Nothing was changed; ask IT to move it, then type the passwords again.',
  },

  // Templates.
  'template.not_found': { fr: 'Modèle introuvable : il a peut-être été supprimé.', en: 'Template not found: it may have been deleted.' },
  'template.already_deleted': { fr: 'Modèle introuvable : il a peut-être déjà été supprimé.', en: 'Template not found: it may already have been deleted.' },
  'template.name_missing': { fr: 'Donnez un nom au modèle.', en: 'Give the template a name.' },
  'template.category_missing': { fr: 'Choisissez ou saisissez une catégorie.', en: 'Choose or type a category.' },
  'template.subject_empty': { fr: 'L’objet du modèle est vide.', en: 'The template’s subject is empty.' },
  'template.body_empty': { fr: 'Le texte du modèle est vide.', en: 'The template’s text is empty.' },
  'template.unknown_field': {
    fr: 'Champ inconnu : {fields}. Utilisez le menu « Insérer un champ ».',
    en: 'Unknown field: {fields}. Use the “Insert a field” menu.',
  },
  'template.unknown_fields': {
    fr: 'Champs inconnus : {fields}. Utilisez le menu « Insérer un champ ».',
    en: 'Unknown fields: {fields}. Use the “Insert a field” menu.',
  },
  'mail.subject_one_line': { fr: 'L’objet doit tenir sur une seule ligne.', en: 'The subject must fit on one line.' },

  // Composing and sending an e-mail.
  'email.recipient_multiline': {
    fr: 'Adresse du destinataire refusée : elle contient un retour à la ligne.',
    en: 'Recipient address refused: it contains a line break.',
  },
  'email.recipient_missing': { fr: 'Indiquez l’adresse e-mail du destinataire.', en: 'Enter the recipient’s e-mail address.' },
  'email.recipient_invalid': {
    fr: 'Adresse du destinataire invalide : « {address} » (une seule adresse, par exemple nom@exemple.fr).',
    en: 'Invalid recipient address: “{address}” (a single address, for example name@example.com).',
  },
  'email.recipient_no_address': {
    fr: 'Aucune adresse e-mail pour ce destinataire : saisissez-la.',
    en: 'No e-mail address for this recipient: type it in.',
  },
  'email.field_missing': {
    fr: 'Envoi impossible : un champ n’est pas rempli : {fields}. Complétez-les dans l’aperçu ou retirez-les du texte ; le brouillon est conservé.',
    en: 'Cannot send: a field is not filled in: {fields}. Fill it in the preview or remove it from the text; the draft is kept.',
  },
  'email.fields_missing': {
    fr: 'Envoi impossible : {count} champs ne sont pas remplis : {fields}. Complétez-les dans l’aperçu ou retirez-les du texte ; le brouillon est conservé.',
    en: 'Cannot send: {count} fields are not filled in: {fields}. Fill them in the preview or remove them from the text; the draft is kept.',
  },
  'email.subject_empty': { fr: 'L’objet de l’e-mail est vide.', en: 'The e-mail’s subject is empty.' },
  'email.body_empty': { fr: 'Le texte de l’e-mail est vide.', en: 'The e-mail’s text is empty.' },

  // Mail settings.
  'smtp.host_invalid': {
    fr: 'Serveur d’envoi invalide : « {host} » (exemple : smtp.example.fr, sans « smtp:// » ni port).',
    en: 'Invalid mail server: “{host}” (example: smtp.example.com, without “smtp://” or a port).',
  },
  'smtp.from_invalid': {
    fr: 'Adresse d’expéditeur invalide : « {address} » (exemple : accueil@example.fr).',
    en: 'Invalid sender address: “{address}” (example: reception@example.com).',
  },
  'mail.review_url_invalid': { fr: 'Le lien d’avis doit commencer par https://', en: 'The review link must start with https://' },
  'smtp.user_multiline': { fr: 'Identifiant : pas de retour à la ligne.', en: 'User name: no line breaks.' },
  'smtp.from_name_multiline': { fr: 'Nom de l’expéditeur : pas de retour à la ligne.', en: 'Sender name: no line breaks.' },
  'smtp.cleartext_refused': {
    fr: 'Le mode « aucun chiffrement » est réservé à un relais installé sur ce poste (localhost, 127.0.0.1, [::1]) : avec « {host} », le message et le mot de passe passeraient en clair sur le réseau. Choisissez STARTTLS (port 587) ou TLS (port 465) dans Paramètres › E-mail.',
    en: 'The “no encryption” mode is for a relay installed on this computer only (localhost, 127.0.0.1, [::1]): with “{host}”, the message and the password would cross the network in clear. Choose STARTTLS (port 587) or TLS (port 465) in Settings › E-mail.',
  },
  'smtp.password_owner_changed': {
    fr: 'Le serveur d’envoi, le port ou l’identifiant a changé ({host}:{port}, {user}) : le mot de passe enregistré pour {ownerHost}:{ownerPort} n’y sera pas envoyé. Saisissez le mot de passe de ce compte, puis enregistrez.',
    en: 'The mail server, the port or the user name changed ({host}:{port}, {user}): the password saved for {ownerHost}:{ownerPort} will not be sent there. Type this account’s password, then save.',
  },
  'smtp.no_server': {
    fr: 'Aucun serveur d’envoi configuré : renseignez-le dans Paramètres › E-mail.',
    en: 'No mail server configured: enter it in Settings › E-mail.',
  },
  'smtp.no_sender': {
    fr: 'Adresse d’expéditeur manquante : renseignez-la dans Paramètres › E-mail.',
    en: 'Sender address missing: enter it in Settings › E-mail.',
  },
  'smtp.ca_unreadable': {
    fr: 'Certificat d’autorité illisible : {file} (ACCUEIL_SMTP_CA_FILE).',
    en: 'Certificate authority file unreadable: {file} (ACCUEIL_SMTP_CA_FILE).',
  },

  // SMTP failures while sending (the draft is kept)…
  'smtp.auth_refused': {
    fr: 'Le serveur d’envoi {server} a refusé l’identifiant ou le mot de passe : vérifiez-les dans Paramètres › E-mail. Le brouillon est conservé.',
    en: 'The mail server {server} refused the user name or the password: check them in Settings › E-mail. The draft is kept.',
  },
  'smtp.auth_required': {
    fr: 'Le serveur d’envoi {server} demande un identifiant : renseignez-le dans Paramètres › E-mail. Le brouillon est conservé.',
    en: 'The mail server {server} asks for a user name: enter it in Settings › E-mail. The draft is kept.',
  },
  'smtp.recipient_refused': {
    fr: 'Le serveur d’envoi a refusé le destinataire ({detail}) : vérifiez l’adresse. Le brouillon est conservé.',
    en: 'The mail server refused the recipient ({detail}): check the address. The draft is kept.',
  },
  'smtp.recipient_refused_no_detail': {
    fr: 'Le serveur d’envoi a refusé le destinataire (adresse refusée) : vérifiez l’adresse. Le brouillon est conservé.',
    en: 'The mail server refused the recipient (address refused): check the address. The draft is kept.',
  },
  'smtp.starttls_missing': {
    fr: 'Le serveur d’envoi {server} ne propose pas STARTTLS : le mot de passe ne sera pas envoyé en clair. Choisissez « TLS » (port 465) ou demandez au service informatique. Le brouillon est conservé.',
    en: 'The mail server {server} does not offer STARTTLS: the password will not be sent in clear. Choose “TLS” (port 465) or ask IT. The draft is kept.',
  },
  'smtp.tls_failed': {
    fr: 'Connexion chiffrée impossible avec {server} ({detail}) : vérifiez le mode de sécurité et le port (STARTTLS : 587, TLS : 465) ou le certificat du serveur. Le brouillon est conservé.',
    en: 'Cannot open an encrypted connection with {server} ({detail}): check the security mode and the port (STARTTLS: 587, TLS: 465) or the server’s certificate. The draft is kept.',
  },
  'smtp.tls_failed_no_detail': {
    fr: 'Connexion chiffrée impossible avec {server} (échec TLS) : vérifiez le mode de sécurité et le port (STARTTLS : 587, TLS : 465) ou le certificat du serveur. Le brouillon est conservé.',
    en: 'Cannot open an encrypted connection with {server} (TLS failure): check the security mode and the port (STARTTLS: 587, TLS: 465) or the server’s certificate. The draft is kept.',
  },
  'smtp.connection_refused': {
    fr: 'Connexion refusée par {server} : le serveur d’envoi est arrêté ou l’adresse et le port sont faux (Paramètres › E-mail). Le brouillon est conservé.',
    en: 'Connection refused by {server}: the mail server is stopped or the address and port are wrong (Settings › E-mail). The draft is kept.',
  },
  'smtp.host_not_found': {
    fr: 'Serveur d’envoi introuvable : « {host} » n’existe pas ou le réseau est coupé. Le brouillon est conservé.',
    en: 'Mail server not found: “{host}” does not exist or the network is down. The draft is kept.',
  },
  'smtp.timeout': {
    fr: 'Le serveur d’envoi {server} ne répond pas (délai dépassé). Réessayez dans un instant ; le brouillon est conservé.',
    en: 'The mail server {server} does not answer (timed out). Try again in a moment; the draft is kept.',
  },
  'smtp.message_refused': {
    fr: 'Le serveur d’envoi a refusé le message ({detail}). Le brouillon est conservé.',
    en: 'The mail server refused the message ({detail}). The draft is kept.',
  },
  'smtp.message_refused_no_detail': {
    fr: 'Le serveur d’envoi a refusé le message (refus). Le brouillon est conservé.',
    en: 'The mail server refused the message (refused). The draft is kept.',
  },
  'smtp.send_failed': {
    fr: 'Échec de l’envoi par {server} ({detail}). Réessayez ; le brouillon est conservé.',
    en: 'Sending through {server} failed ({detail}). Try again; the draft is kept.',
  },
  'smtp.send_failed_no_detail': {
    fr: 'Échec de l’envoi par {server}. Réessayez ; le brouillon est conservé.',
    en: 'Sending through {server} failed. Try again; the draft is kept.',
  },

  // …and the same failures in the connection test (Paramètres › E-mail › Tester), where no draft exists.
  'smtp.test.auth_refused': {
    fr: 'Le serveur d’envoi {server} a refusé l’identifiant ou le mot de passe : vérifiez-les dans Paramètres › E-mail.',
    en: 'The mail server {server} refused the user name or the password: check them in Settings › E-mail.',
  },
  'smtp.test.auth_required': {
    fr: 'Le serveur d’envoi {server} demande un identifiant : renseignez-le dans Paramètres › E-mail.',
    en: 'The mail server {server} asks for a user name: enter it in Settings › E-mail.',
  },
  'smtp.test.recipient_refused': {
    fr: 'Le serveur d’envoi a refusé le destinataire ({detail}) : vérifiez l’adresse.',
    en: 'The mail server refused the recipient ({detail}): check the address.',
  },
  'smtp.test.recipient_refused_no_detail': {
    fr: 'Le serveur d’envoi a refusé le destinataire (adresse refusée) : vérifiez l’adresse.',
    en: 'The mail server refused the recipient (address refused): check the address.',
  },
  'smtp.test.starttls_missing': {
    fr: 'Le serveur d’envoi {server} ne propose pas STARTTLS : le mot de passe ne sera pas envoyé en clair. Choisissez « TLS » (port 465) ou demandez au service informatique.',
    en: 'The mail server {server} does not offer STARTTLS: the password will not be sent in clear. Choose “TLS” (port 465) or ask IT.',
  },
  'smtp.test.tls_failed': {
    fr: 'Connexion chiffrée impossible avec {server} ({detail}) : vérifiez le mode de sécurité et le port (STARTTLS : 587, TLS : 465) ou le certificat du serveur.',
    en: 'Cannot open an encrypted connection with {server} ({detail}): check the security mode and the port (STARTTLS: 587, TLS: 465) or the server’s certificate.',
  },
  'smtp.test.tls_failed_no_detail': {
    fr: 'Connexion chiffrée impossible avec {server} (échec TLS) : vérifiez le mode de sécurité et le port (STARTTLS : 587, TLS : 465) ou le certificat du serveur.',
    en: 'Cannot open an encrypted connection with {server} (TLS failure): check the security mode and the port (STARTTLS: 587, TLS: 465) or the server’s certificate.',
  },
  'smtp.test.connection_refused': {
    fr: 'Connexion refusée par {server} : le serveur d’envoi est arrêté ou l’adresse et le port sont faux (Paramètres › E-mail).',
    en: 'Connection refused by {server}: the mail server is stopped or the address and port are wrong (Settings › E-mail).',
  },
  'smtp.test.host_not_found': {
    fr: 'Serveur d’envoi introuvable : « {host} » n’existe pas ou le réseau est coupé.',
    en: 'Mail server not found: “{host}” does not exist or the network is down.',
  },
  'smtp.test.timeout': {
    fr: 'Le serveur d’envoi {server} ne répond pas (délai dépassé). Réessayez dans un instant',
    en: 'The mail server {server} does not answer (timed out). Try again in a moment.',
  },
  'smtp.test.message_refused': {
    fr: 'Le serveur d’envoi a refusé le message ({detail}).',
    en: 'The mail server refused the message ({detail}).',
  },
  'smtp.test.message_refused_no_detail': {
    fr: 'Le serveur d’envoi a refusé le message (refus).',
    en: 'The mail server refused the message (refused).',
  },
  'smtp.test.send_failed': {
    fr: 'Échec de l’envoi par {server} ({detail}). Réessayez',
    en: 'Sending through {server} failed ({detail}). Try again.',
  },
  'smtp.test.send_failed_no_detail': {
    fr: 'Échec de l’envoi par {server}. Réessayez',
    en: 'Sending through {server} failed. Try again.',
  },
  'smtp.test.ok': { fr: 'Connexion réussie à {server}.', en: 'Connected to {server}.' },
  'smtp.test.ok_user': { fr: 'Connexion réussie à {server} (identifiant {user} accepté).', en: 'Connected to {server} (user name {user} accepted).' },

  // HubSpot: its answers (hubspot-client.ts), the connection test and the sync.
  'hubspot.token_refused': {
    fr: 'HubSpot a refusé le jeton (401) : il est invalide ou a été révoqué. Collez un nouveau jeton d’application privée dans Paramètres › HubSpot.',
    en: 'HubSpot refused the token (401): it is invalid or was revoked. Paste a new private app token in Settings › HubSpot.',
  },
  'hubspot.scopes_missing': {
    fr: 'Le jeton HubSpot n’a pas les autorisations nécessaires (403) : ajoutez {scopes} à l’application privée dans HubSpot, puis recopiez le jeton.',
    en: 'The HubSpot token lacks the permissions it needs (403): add {scopes} to the private app in HubSpot, then copy the token again.',
  },
  'hubspot.forbidden': {
    fr: 'HubSpot refuse cet accès (403) : vérifiez les autorisations (scopes) de l’application privée.',
    en: 'HubSpot refuses this access (403): check the private app’s permissions (scopes).',
  },
  'hubspot.daily_limit': {
    fr: 'Le quota quotidien d’appels HubSpot est épuisé : la synchronisation reprendra après minuit (heure du compte).',
    en: 'The daily HubSpot API quota is used up: sync will resume after midnight (the account’s time).',
  },
  'hubspot.rate_limited': {
    fr: 'HubSpot limite le débit (429) : nouvel essai dans quelques secondes.',
    en: 'HubSpot is rate limiting (429): trying again in a few seconds.',
  },
  'hubspot.unavailable': {
    fr: 'HubSpot est indisponible pour le moment ({status}) : nouvel essai automatique.',
    en: 'HubSpot is unavailable for now ({status}): it will be retried automatically.',
  },
  'hubspot.not_found': { fr: 'Enregistrement introuvable dans HubSpot (404).', en: 'Record not found in HubSpot (404).' },
  'hubspot.duplicate': { fr: 'HubSpot signale un doublon (409) : {detail}', en: 'HubSpot reports a duplicate (409): {detail}' },
  'hubspot.duplicate_no_detail': { fr: 'HubSpot signale un doublon (409) :', en: 'HubSpot reports a duplicate (409).' },
  'hubspot.request_refused': { fr: 'HubSpot a refusé la requête ({status}) : {detail}', en: 'HubSpot refused the request ({status}): {detail}' },
  'hubspot.request_refused_no_detail': {
    fr: 'HubSpot a refusé la requête ({status}) : données non valides',
    en: 'HubSpot refused the request ({status}): invalid data',
  },
  'hubspot.unreachable': {
    fr: 'HubSpot est injoignable (réseau) : vérifiez la connexion Internet ou le proxy. ({detail})',
    en: 'HubSpot cannot be reached (network): check the Internet connection or the proxy. ({detail})',
  },
  'hubspot.unreadable_answer': {
    fr: 'HubSpot a renvoyé une réponse illisible : nouvel essai automatique. ({detail})',
    en: 'HubSpot sent back an unreadable answer: it will be retried automatically. ({detail})',
  },
  'hubspot.internal': {
    fr: 'Erreur interne d’Accueil pendant la synchronisation HubSpot ({detail}) : nouvel essai automatique ; si elle revient, transmettez le journal au support.',
    en: 'Internal Accueil error during the HubSpot sync ({detail}): it will be retried automatically; if it comes back, send the log to support.',
  },
  'hubspot.created_not_returned': {
    fr: 'HubSpot n’a pas renvoyé l’enregistrement {type} créé.',
    en: 'HubSpot did not send back the {type} record it created.',
  },
  'hubspot.pipelines_not_synced': {
    fr: 'Les pipelines de tickets HubSpot ne sont pas encore synchronisés : nouvel essai après la prochaine synchronisation.',
    en: 'The HubSpot ticket pipelines are not synced yet: trying again after the next sync.',
  },
  'hubspot.no_token': {
    fr: 'Aucun jeton HubSpot : collez-le dans Paramètres › HubSpot, ou définissez ACCUEIL_HUBSPOT_TOKEN.',
    en: 'No HubSpot token: paste it in Settings › HubSpot, or set ACCUEIL_HUBSPOT_TOKEN.',
  },
  'hubspot.test.no_token': {
    fr: 'Aucun jeton HubSpot : collez le jeton de l’application privée (Paramètres HubSpot › Intégrations › Applications privées).',
    en: 'No HubSpot token: paste the private app’s token (HubSpot Settings › Integrations › Private apps).',
  },
  'hubspot.test.scopes_missing': {
    fr: 'Jeton accepté, mais il manque des autorisations : ajoutez {scopes} à l’application privée HubSpot (Paramètres HubSpot › Intégrations › Applications privées), puis recopiez le jeton.',
    en: 'Token accepted, but permissions are missing: add {scopes} to the HubSpot private app (HubSpot Settings › Integrations › Private apps), then copy the token again.',
  },
  'hubspot.test.ok': {
    fr: 'Connexion à HubSpot réussie : le jeton est valide et a toutes les autorisations nécessaires.',
    en: 'Connected to HubSpot: the token is valid and has every permission needed.',
  },
} as const satisfies Readonly<Record<string, Readonly<Record<Locale, string>>>>;

type CoreErrors = typeof coreErrors;

/**
 * Every reason: the core's above and each area's. An area's sentences live beside its contract
 * module, in `contract/<area>-errors.ts`, exported as `<area>Errors` (same shape) and added to this
 * type from that file:
 *   type AccountsErrors = typeof accountsErrors;
 *   declare module './error-catalog' { interface ErrorCatalog extends AccountsErrors {} }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ErrorCatalog extends CoreErrors {}

export const errorCatalog = mergeTables(coreErrors, ...tablesOf(import.meta.glob('./*-errors.ts', { eager: true }), 'Errors')) as unknown as ErrorCatalog;

type Catalog = ErrorCatalog;

/** A stable identifier of what happened, e.g. 'smtp.auth_refused'. */
export type ErrorReason = keyof Catalog;

/** Parameters as they cross the wire: JSON-safe, inserted as text. */
export type ErrorParams = Readonly<Record<string, string | number>>;

/** The `{name}`s of a sentence, as a union of names. */
export type PlaceholderNames<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | PlaceholderNames<Rest> : never;

/** The parameters a reason takes: exactly the `{name}`s of its sentence. */
export type ReasonParams<R extends ErrorReason> = { readonly [K in PlaceholderNames<Catalog[R]['fr']>]: string | number };

/**
 * What a service says: a reason, with its parameters when its sentence has some. A union over every
 * reason, so `{ reason: 'smtp.auth_refused', params: { server } }` is checked against its sentence.
 */
export type Explanation = {
  [R in ErrorReason]: [PlaceholderNames<Catalog[R]['fr']>] extends [never] ? { reason: R; params?: undefined } : { reason: R; params: ReasonParams<R> };
}[ErrorReason];

/** The same, as read from the wire: a reason this build may not know. */
export interface ReasonAndParams {
  reason: string;
  params: ErrorParams;
}

/** Every reason whose English names other parameters than its French (checked at compile time). */
type MismatchedParams = {
  [R in ErrorReason]: [PlaceholderNames<Catalog[R]['fr']>] extends [PlaceholderNames<Catalog[R]['en']>]
    ? [PlaceholderNames<Catalog[R]['en']>] extends [PlaceholderNames<Catalog[R]['fr']>]
      ? never
      : R
    : R;
}[ErrorReason];
/** Fails to compile, naming the reason, when a translation drops or adds a parameter. */
const _everyTranslationHasTheSameParams: [MismatchedParams] extends [never] ? true : MismatchedParams = true;

export function isErrorReason(reason: unknown): reason is ErrorReason {
  return typeof reason === 'string' && Object.prototype.hasOwnProperty.call(errorCatalog, reason);
}

/** Fills `{name}` with its value, as text; an unknown name stays visible. */
export function fillPlaceholders(template: string, params: ErrorParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}

/**
 * The fields of the forms a person fills, by the name they have in the contract: a refused value
 * names the field as the form labels it, never `wrapUpSeconds`.
 */
export const INPUT_FIELD_LABELS: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  wrapUpSeconds: { fr: 'Durée de l’après-appel (secondes)', en: 'Wrap-up time (seconds)' },
  queueNumber: { fr: 'Numéro du groupe d’appel', en: 'Call group number' },
  extensions: { fr: 'Postes suivis', en: 'Watched extensions' },
  extension: { fr: 'Poste', en: 'Extension' },
  targetMinutes: { fr: 'Délai de rappel visé (minutes)', en: 'Callback target (minutes)' },
  delayMinutes: { fr: 'Délai après l’intervention (minutes)', en: 'Delay after the visit (minutes)' },
  capDays: { fr: 'Une enquête par client au plus tous les (jours)', en: 'At most one survey per customer every (days)' },
  wsUrl: { fr: 'Adresse WebSocket du standard', en: 'PBX WebSocket address' },
  uri: { fr: 'Adresse SIP', en: 'SIP address' },
  user: { fr: 'Utilisateur', en: 'User' },
  displayName: { fr: 'Nom affiché', en: 'Display name' },
  host: { fr: 'Serveur', en: 'Server' },
  port: { fr: 'Port', en: 'Port' },
  fromAddress: { fr: 'Adresse d’expéditeur', en: 'Sender address' },
  fromName: { fr: 'Nom d’expéditeur', en: 'Sender name' },
  companyName: { fr: 'Nom de la société', en: 'Company name' },
  companyPhone: { fr: 'Téléphone de la société', en: 'Company phone' },
  reviewUrl: { fr: 'Lien pour laisser un avis', en: 'Review link' },
  login: { fr: 'Identifiant', en: 'Login' },
  password: { fr: 'Mot de passe', en: 'Password' },
  name: { fr: 'Nom', en: 'Name' },
  subject: { fr: 'Objet', en: 'Subject' },
  body: { fr: 'Texte', en: 'Text' },
  description: { fr: 'Description', en: 'Description' },
  reason: { fr: 'Motif', en: 'Reason' },
  to: { fr: 'Destinataire', en: 'Recipient' },
  firstName: { fr: 'Prénom', en: 'First name' },
  lastName: { fr: 'Nom', en: 'Last name' },
  email: { fr: 'E-mail', en: 'E-mail' },
  phone: { fr: 'Téléphone', en: 'Phone' },
  number: { fr: 'Numéro', en: 'Number' },
  token: { fr: 'Jeton', en: 'Token' },
  url: { fr: 'Adresse', en: 'Address' },
};

/** A field path as a person reads it (`extensions.2.name` → « Postes suivis »); the path itself when unknown. */
export function fieldLabel(locale: Locale, path: string): string {
  const named = path.split('.').filter((part) => !/^\d+$/.test(part));
  for (let i = named.length - 1; i >= 0; i--) {
    const label = INPUT_FIELD_LABELS[named[i]!];
    if (label) return label[locale];
  }
  return path;
}

/** The sentence for a reason in a language (the services' `message` is the French one). */
export function errorSentence(locale: Locale, reason: ErrorReason, params?: ErrorParams): string {
  return fillPlaceholders(errorCatalog[reason][locale], localizedParams(locale, params));
}

/** The parameters as a sentence in `locale` shows them: a field by its label. */
export function localizedParams(locale: Locale, params: ErrorParams | undefined): ErrorParams | undefined {
  if (!params || typeof params['field'] !== 'string') return params;
  return { ...params, field: fieldLabel(locale, params['field']) };
}

/** The wire form of an explanation: the parameters always present, {} when there are none. */
export function reasonAndParams(explanation: Explanation): { reason: ErrorReason; params: ErrorParams } {
  return { reason: explanation.reason, params: explanation.params ?? {} };
}
