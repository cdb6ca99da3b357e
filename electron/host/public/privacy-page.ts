/**
 * « Confidentialité » (GET /confidentialite): what Accueil keeps about customers, why, for how
 * long, who sees it and whom to write to — in plain French, for a customer who followed a link
 * from an SMS. The company fills in who it is and its own retention periods (the server's
 * configuration); without them the page says what the product does and names no one.
 */
import { html, type PublicPage, type SafeHtml } from './public-page';

export interface PrivacyNotice {
  /** The company, as customers know it (« Dupont Chauffage »). */
  organisation?: string;
  /** Where to write about personal data. */
  contactEmail?: string;
  contactPhone?: string;
  postalAddress?: string;
  /** How long each kind of record is kept, as a phrase (« 3 ans après votre dernier appel »). */
  retention?: Partial<Record<RetainedKind, string>>;
  /** Service providers who handle the data for the company (« HubSpot (outil de suivi clients) »). */
  processors?: readonly string[];
  /** Date the notice was last changed, as written (« 1er mars 2025 »). */
  updatedOn?: string;
}

export type RetainedKind = 'calls' | 'contacts' | 'surveys' | 'messages';

/**
 * The usual French practice (CNIL, customer management): the time of the relationship, then
 * three years from the last contact. The company states its own in the configuration.
 */
export const DEFAULT_RETENTION: Record<RetainedKind, string> = {
  calls: '3 ans après l’appel',
  contacts: 'tant que vous êtes client, puis 3 ans après notre dernier échange',
  surveys: '3 ans après votre réponse',
  messages: '3 ans après le message',
};

export function privacyPage(notice: PrivacyNotice = {}): PublicPage {
  const we = notice.organisation ?? 'l’entreprise qui vous a donné ce lien';
  const retention = { ...DEFAULT_RETENTION, ...notice.retention };
  const contact: SafeHtml[] = [];
  if (notice.contactEmail) contact.push(html`<li>par e-mail : <a href="mailto:${notice.contactEmail}">${notice.contactEmail}</a></li>`);
  if (notice.contactPhone) contact.push(html`<li>par téléphone : <a href="tel:${notice.contactPhone.replace(/[^0-9+]/g, '')}">${notice.contactPhone}</a></li>`);
  if (notice.postalAddress) contact.push(html`<li>par courrier : ${notice.postalAddress}</li>`);

  return {
    title: 'Vos données personnelles',
    noindex: false,
    body: html`<h1>Vos données personnelles</h1>
<p>Cette page explique ce que ${notice.organisation ? html`<strong>${we}</strong>` : we} garde sur vous quand vous l’appelez, lui écrivez ou répondez à ses messages, pourquoi, combien de temps, et comment vous y opposer. Ces informations sont gardées dans Accueil, le logiciel de son service client.</p>

<h2>Ce que nous gardons</h2>
<ul>
<li><strong>Vos appels</strong> : votre numéro, la date, l’heure et la durée de l’appel, qui vous a répondu, et les notes prises pendant l’appel (votre demande, le rappel promis, l’intervention prévue). Accueil n’enregistre pas vos conversations.</li>
<li><strong>Vos coordonnées</strong> : nom, prénom, numéros de téléphone, adresse e-mail, adresse postale et, pour une entreprise ou une copropriété, son nom et vos fonctions.</li>
<li><strong>Vos réponses aux enquêtes de satisfaction</strong> : la note et le commentaire que vous choisissez de donner.</li>
<li><strong>Nos messages</strong> : les e-mails et SMS que nous vous envoyons et ceux que vous nous envoyez.</li>
</ul>

<h2>Pourquoi</h2>
<ul>
<li>Vous reconnaître quand vous appelez, pour ne pas vous faire tout répéter.</li>
<li>Suivre vos demandes, vos devis et nos interventions chez vous, et vous rappeler quand nous l’avons promis.</li>
<li>Vous envoyer les confirmations de rendez-vous et les informations sur nos interventions.</li>
<li>Mesurer si notre service vous satisfait et l’améliorer. Répondre aux enquêtes est toujours facultatif.</li>
</ul>
<p class="note">Ces traitements reposent sur le contrat qui nous lie (ou la demande que vous nous faites) et, pour les enquêtes, sur notre intérêt à savoir si notre service vous convient. Nous ne vendons pas vos données.</p>

<h2>Combien de temps</h2>
<dl>
<dt>Vos appels</dt><dd>${retention.calls}</dd>
<dt>Vos coordonnées</dt><dd>${retention.contacts}</dd>
<dt>Vos réponses aux enquêtes</dt><dd>${retention.surveys}</dd>
<dt>Nos messages</dt><dd>${retention.messages}</dd>
</dl>
<p class="note">Les factures et les documents comptables sont gardés plus longtemps quand la loi l’impose (10 ans).</p>

<h2>Qui les voit</h2>
<p>Les personnes de l’entreprise qui en ont besoin pour vous servir : l’accueil, les techniciens qui interviennent chez vous et leurs responsables.${notice.processors && notice.processors.length > 0
      ? html` Nos prestataires les traitent pour nous, sous contrat et sans droit de s’en servir pour eux-mêmes : ${notice.processors.join(', ')}.`
      : html` Nos prestataires techniques (hébergement, envoi des e-mails et des SMS) les traitent pour nous, sous contrat et sans droit de s’en servir pour eux-mêmes.`}</p>

<h2>Vos droits</h2>
<p>Vous pouvez à tout moment :</p>
<ul>
<li>savoir ce que nous gardons sur vous et en recevoir une copie ;</li>
<li>faire corriger ce qui est faux ;</li>
<li>faire effacer vos données, sauf ce que la loi nous oblige à garder ;</li>
<li>refuser les enquêtes de satisfaction et les messages qui ne concernent pas une intervention en cours : répondez STOP au SMS, ou écrivez-nous.</li>
</ul>

<h2>Qui contacter</h2>
${contact.length > 0
      ? html`<p>Écrivez à ${we} :</p>
<ul>
${contact}
</ul>`
      : html`<p>Adressez-vous à ${we}, par le numéro ou l’adresse e-mail de ses messages.</p>`}
<p>Nous vous répondons dans un délai d’un mois. Si notre réponse ne vous convient pas, vous pouvez vous adresser à la CNIL (<a href="https://www.cnil.fr/fr/plaintes">www.cnil.fr</a>).</p>
${notice.updatedOn ? html`<p class="note">Page mise à jour le ${notice.updatedOn}.</p>` : ''}`,
  };
}
