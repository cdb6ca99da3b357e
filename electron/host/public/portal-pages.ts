/**
 * The customer portal's pages: server-rendered French HTML for a phone first, without JavaScript
 * (the public surface serves no script), each a `PublicPage` with the portal's banner and its own
 * stylesheet. Everything from the records is escaped by `html`.
 */
import type { Intervention, Ticket } from '../../contract/model';
import type { SageOpenItem } from '../../contract/sage-calls';
import type { Customer, PortalDocument, PortalOverview, QuoteView, SurveyLink } from '../../services/portal/portal-desk';
import { MAX_REQUEST_PHOTOS, REQUEST_KINDS, type AcceptRefusal } from '../../services/portal/portal-desk';
import type { PortalQuote } from '../../services/portal/portal-repository';
import { LINK_MINUTES, type LinkState } from '../../services/portal/portal-sign-in';
import { frenchAmount, frenchLongDate, frenchShortDate, frenchTime, ticketReference } from '../../services/shared/merge-fields';
import { html, raw, type PublicPage, type SafeHtml } from './public-page';

export const PORTAL_STYLESHEET_PATH = '/portail/portail.css';
export const PORTAL_HOME = '/portail/';
export const PORTAL_ASSISTANT = '/portail/assistant';
export const PORTAL_BOOKING = '/portail/rendez-vous';

/** The sections of the banner, in order; « Aide » is the help pages and their assistant (/aide). */
export const PORTAL_NAV: ReadonlyArray<{ href: string; label: string }> = [
  { href: PORTAL_HOME, label: 'Accueil' },
  { href: PORTAL_BOOKING, label: 'Prendre rendez-vous' },
  { href: '/portail/demandes/nouvelle', label: 'Faire une demande' },
  { href: '/portail/contact', label: 'Nous écrire' },
  { href: PORTAL_ASSISTANT, label: 'Assistant' },
  { href: '/aide', label: 'Aide' },
];

const INTERVENTION_STATUS: Record<Intervention['status'], string> = { planifiee: 'Prévue', en_cours: 'En cours', terminee: 'Terminée', annulee: 'Annulée' };
const QUOTE_STATUS: Record<PortalQuote['status'], string> = { brouillon: 'En préparation', envoye: 'En attente de votre accord', accepte: 'Accepté', refuse: 'Refusé', expire: 'Expiré' };
const TICKET_STATUS: Record<Ticket['status'], string> = { nouveau: 'Reçue', en_cours: 'En cours de traitement', en_attente: 'En attente de votre réponse', resolu: 'Traitée', ferme: 'Close' };

const when = (iso: string) => {
  const date = new Date(iso);
  return `${frenchLongDate(date)} à ${frenchTime(date)}`;
};
const day = (iso: string) => frenchShortDate(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));

/** The banner of a signed-in customer: the sections and « Se déconnecter » (a form: CSRF). */
export function portalBanner(customer: Customer | null, signOutField: SafeHtml | null, current: string): SafeHtml {
  const name = customer ? `${customer.contact.firstName} ${customer.contact.lastName}`.trim() : '';
  return html`<div class="portal-bar">
<p class="portal-name"><a href="${PORTAL_HOME}">Espace client</a></p>
${
  customer && signOutField
    ? html`<nav aria-label="Espace client"><ul>${PORTAL_NAV.map(
        (item) => html`<li><a href="${item.href}"${item.href === current ? raw(' aria-current="page"') : ''}>${item.label}</a></li>`,
      )}</ul></nav>
<form method="post" action="/portail/deconnexion" class="sign-out">${signOutField}<span class="who">${name}</span> <button type="submit" class="link">Se déconnecter</button></form>`
    : ''
}
</div>`;
}

export function page(title: string, banner: SafeHtml, body: SafeHtml): PublicPage {
  return { title: `${title} — Espace client`, header: banner, body, stylesheets: [PORTAL_STYLESHEET_PATH] };
}

// ── signing in ─────────────────────────────────────────────────────────────────────────────────

export function signInPage(banner: SafeHtml, csrf: SafeHtml, error: 'address' | null = null, value = ''): PublicPage {
  return page(
    'Connexion',
    banner,
    html`<h1>Votre espace client</h1>
<p>Vos interventions, vos devis à accepter, vos factures et vos demandes, au même endroit. Pas de mot de passe : nous vous envoyons un lien par e-mail.</p>
<form method="post" action="/portail/connexion" novalidate>
${csrf}
<label for="email">Votre adresse e-mail</label>
${error === 'address' ? html`<p class="error" id="email-error">Saisissez une adresse e-mail complète, par exemple nom@exemple.fr.</p>` : ''}
<input type="email" id="email" name="email" autocomplete="email" inputmode="email" required value="${value}"${error ? raw(' aria-invalid="true" aria-describedby="email-error"') : ''}>
<button type="submit">Recevoir mon lien de connexion</button>
</form>
<p class="note">Utilisez l’adresse à laquelle nous vous écrivons d’habitude.</p>`,
  );
}

/** The same page for every address, known or not. */
export function linkSentPage(banner: SafeHtml): PublicPage {
  return page(
    'Vérifiez votre messagerie',
    banner,
    html`<h1>Vérifiez votre messagerie</h1>
<p>Si cette adresse est celle que nous connaissons, un e-mail avec votre lien de connexion vient de lui être envoyé.</p>
<p>Le lien fonctionne une seule fois, pendant ${LINK_MINUTES} minutes. Pensez à regarder dans les courriers indésirables.</p>
<p>Rien reçu ? Vérifiez l’adresse et <a href="${PORTAL_HOME}">demandez un nouveau lien</a>, ou appelez-nous.</p>`,
  );
}

export function enterPage(banner: SafeHtml, state: LinkState, token: string, csrf: SafeHtml): PublicPage {
  if (state === 'ok') {
    return page(
      'Se connecter',
      banner,
      html`<h1>Se connecter</h1>
<p>Appuyez sur le bouton pour ouvrir votre espace client sur cet appareil.</p>
<form method="post" action="/portail/entrer/${token}">${csrf}<button type="submit">Ouvrir mon espace client</button></form>`,
    );
  }
  const text = {
    used: { title: 'Ce lien a déjà servi', body: 'Un lien de connexion ne fonctionne qu’une fois.' },
    expired: { title: 'Ce lien a expiré', body: `Un lien de connexion ne fonctionne que ${LINK_MINUTES} minutes.` },
    invalid: { title: 'Ce lien n’est pas valable', body: 'Il est peut-être incomplet : un lien coupé en deux dans un e-mail ne fonctionne pas.' },
  }[state];
  return page(
    text.title,
    banner,
    html`<h1>${text.title}</h1>
<p>${text.body} Demandez-en un nouveau : c’est immédiat.</p>
<p><a class="button" href="${PORTAL_HOME}">Recevoir un nouveau lien</a></p>`,
  );
}

export function signedOutPage(banner: SafeHtml): PublicPage {
  return page(
    'Session terminée',
    banner,
    html`<h1>Votre session a pris fin</h1>
<p>Pour continuer, reconnectez-vous : nous vous envoyons un nouveau lien par e-mail.</p>
<p><a class="button" href="${PORTAL_HOME}">Me reconnecter</a></p>`,
  );
}

export function notFoundPage(banner: SafeHtml): PublicPage {
  return page(
    'Introuvable',
    banner,
    html`<h1>Introuvable</h1>
<p>Cette page n’existe pas dans votre espace client.</p>
<p><a href="${PORTAL_HOME}">Revenir à l’accueil de votre espace</a></p>`,
  );
}

// ── the overview ───────────────────────────────────────────────────────────────────────────────

function visitLine(visit: Intervention): SafeHtml {
  return html`<li class="card"><a href="/portail/interventions/${visit.id}"><strong>${visit.kind}</strong></a>
<span class="meta">${when(visit.scheduledAt)}${visit.technician ? html` · ${visit.technician}` : ''}</span>
<span class="status status-${visit.status}">${INTERVENTION_STATUS[visit.status]}</span>${visit.report ? html` <span class="meta">Compte rendu disponible</span>` : ''}</li>`;
}

function quoteLine(quote: PortalQuote): SafeHtml {
  return html`<li class="card"><a href="/portail/devis/${quote.id}"><strong>Devis ${quote.number}</strong> — ${quote.title}</a>
<span class="meta">${frenchAmount(quote.amountCents)} TTC${quote.sentAt ? html` · envoyé le ${day(quote.sentAt)}` : ''}</span>
<span class="status status-devis-${quote.status}">${QUOTE_STATUS[quote.status]}</span></li>`;
}

function invoiceLine(item: SageOpenItem): SafeHtml {
  const overdue = item.amountCents > 0 && item.overdueDays > 0;
  return html`<li class="card"><strong>${item.label ?? `Facture ${item.piece}`}</strong>
<span class="meta">N° ${item.piece} · ${frenchAmount(item.amountCents)} · échéance le ${day(item.dueDate)}</span>
${overdue ? html`<span class="status status-overdue">À régler — échue depuis ${item.overdueDays} jour${item.overdueDays > 1 ? 's' : ''}</span>` : item.amountCents < 0 ? html`<span class="status">Avoir</span>` : html`<span class="status">À régler avant l’échéance</span>`}</li>`;
}

function requestLine(ticket: Ticket): SafeHtml {
  return html`<li class="card"><a href="/portail/demandes/${ticket.id}"><strong>${ticket.subject}</strong></a>
<span class="meta">${ticketReference(ticket.id)} · ${day(ticket.createdAt)}</span>
<span class="status status-ticket-${ticket.status}">${TICKET_STATUS[ticket.status]}</span></li>`;
}

function surveyLine(survey: SurveyLink): SafeHtml {
  return html`<li class="card"><span>${survey.about}</span>
<span class="meta">${survey.score !== null ? `Votre note : ${survey.score}/10` : 'Pas encore de réponse'}</span>
${survey.path ? html`<a href="${survey.path}">${survey.score !== null ? 'Modifier mon avis' : 'Donner mon avis'}</a>` : ''}</li>`;
}

const DOCUMENT_TYPE: Record<PortalDocument['type'], string> = {
  devis: 'Devis',
  facture: 'Facture',
  attestation_entretien: 'Attestation d’entretien',
  rapport_intervention: 'Rapport d’intervention',
  photo: 'Photo',
  plan: 'Plan',
  autre: 'Document',
};

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} Ko`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`;
}

function documentLine(doc: PortalDocument): SafeHtml {
  return html`<li class="card"><a href="/portail/documents/${doc.id}" download><strong>${DOCUMENT_TYPE[doc.type]}</strong> — ${doc.name}</a>
<span class="meta">${doc.extension.toUpperCase()}, ${size(doc.size)} · ${day(doc.createdAt)}${doc.version > 1 ? ` · version ${doc.version}` : ''}</span></li>`;
}

/** A record's documents, as a section (nothing when there are none). */
export function documentsSection(docs: readonly PortalDocument[], title = 'Documents'): SafeHtml {
  return docs.length > 0 ? html`<h2>${title}</h2><ul class="cards">${docs.map(documentLine)}</ul>` : html``;
}

const list = <T>(items: readonly T[], line: (item: T) => SafeHtml, empty: string): SafeHtml =>
  items.length > 0 ? html`<ul class="cards">${items.map(line)}</ul>` : html`<p class="note">${empty}</p>`;

export function overviewPage(banner: SafeHtml, customer: Customer, view: PortalOverview): PublicPage {
  const next = view.upcoming[0];
  const toSign = view.quotes.filter((q) => q.status === 'envoye');
  return page(
    'Accueil',
    banner,
    html`<h1>Bonjour ${customer.contact.firstName || `${customer.contact.firstName} ${customer.contact.lastName}`.trim()}</h1>
${customer.companies.length > 0 ? html`<p class="note">Vous voyez aussi les dossiers de ${customer.companies.join(', ')}.</p>` : ''}
<section aria-labelledby="prochaine"><h2 id="prochaine">Votre prochaine intervention</h2>
${
  next
    ? html`<div class="highlight" data-testid="next-visit"><p><strong>${next.kind}</strong></p><p>${when(next.scheduledAt)}</p>${next.technician ? html`<p>Technicien : ${next.technician}</p>` : ''}${next.siteAddress ? html`<p>${next.siteAddress}</p>` : ''}<p><a href="/portail/interventions/${next.id}">Voir le détail</a></p></div>`
    : html`<p class="note">Aucune intervention prévue. <a href="${PORTAL_BOOKING}">Prendre rendez-vous</a></p>`
}
${view.upcoming.length > 1 ? html`<h3>Ensuite</h3>${list(view.upcoming.slice(1), visitLine, '')}` : ''}
</section>
<section aria-labelledby="devis"><h2 id="devis">Vos devis</h2>
${toSign.length > 0 ? html`<p><strong>${toSign.length === 1 ? '1 devis attend votre accord.' : `${toSign.length} devis attendent votre accord.`}</strong></p>` : ''}
${list(view.quotes, quoteLine, 'Aucun devis pour l’instant.')}
</section>
<section aria-labelledby="factures"><h2 id="factures">Vos factures à régler</h2>
${list(view.invoices, invoiceLine, 'Aucune facture en attente de règlement.')}
</section>
<section aria-labelledby="demandes"><h2 id="demandes">Vos demandes</h2>
<p><a class="button" href="/portail/demandes/nouvelle">Faire une demande</a></p>
${list(view.requests, requestLine, 'Aucune demande en cours.')}
</section>
<section aria-labelledby="passees"><h2 id="passees">Interventions passées</h2>
${list(view.past, visitLine, 'Aucune intervention passée.')}
</section>
${view.documents.length > 0 ? html`<section aria-labelledby="documents"><h2 id="documents">Vos documents</h2><p class="note">Attestations, rapports, devis et factures : touchez pour télécharger.</p>${list(view.documents, documentLine, '')}</section>` : ''}
${view.surveys.length > 0 ? html`<section aria-labelledby="avis"><h2 id="avis">Vos avis</h2>${list(view.surveys, surveyLine, '')}</section>` : ''}`,
  );
}

// ── the assistant ──────────────────────────────────────────────────────────────────────────────

/** The assistant for a signed-in customer: it reads their visits, quotes and invoices, and the articles. */
export function assistantPage(banner: SafeHtml, content: SafeHtml): PublicPage {
  return page(
    'Assistant',
    banner,
    html`<h1>Assistant</h1>
<p class="note">Posez votre question : l’assistant répond à partir de votre dossier (rendez-vous, devis, factures) et de nos articles d’aide, et cite toujours sa source. S’il n’est pas sûr, il vous le dit et une personne de l’équipe prend le relais.</p>
${content}`,
  );
}

// ── one record ─────────────────────────────────────────────────────────────────────────────────

export function interventionPage(banner: SafeHtml, visit: Intervention, docs: readonly PortalDocument[] = [], booking: SafeHtml = html``): PublicPage {
  return page(
    visit.kind,
    banner,
    html`<p class="back"><a href="${PORTAL_HOME}">← Retour</a></p>
<h1>${visit.kind}</h1>
<dl>
<dt>Date</dt><dd>${when(visit.scheduledAt)}</dd>
<dt>État</dt><dd>${INTERVENTION_STATUS[visit.status]}</dd>
${visit.technician ? html`<dt>Technicien</dt><dd>${visit.technician}</dd>` : ''}
${visit.siteAddress ? html`<dt>Adresse</dt><dd>${visit.siteAddress}</dd>` : ''}
</dl>
${booking}
<h2>Compte rendu</h2>
${visit.report ? html`<div class="report">${visit.report.split(/\n+/).map((p) => html`<p>${p}</p>`)}</div>` : html`<p class="note">${visit.status === 'terminee' ? 'Le compte rendu n’est pas encore disponible.' : 'Le compte rendu sera disponible après le passage du technicien.'}</p>`}
${documentsSection(docs, 'Documents de l’intervention')}
<p><a href="/portail/demandes/nouvelle">Une question sur cette intervention ?</a></p>`,
  );
}

const REFUSALS: Record<AcceptRefusal, string> = {
  not_found: 'Ce devis est introuvable.',
  not_open: 'Ce devis n’attend plus de réponse.',
  expired: 'Ce devis a dépassé sa date de validité : appelez-nous pour le faire mettre à jour.',
  changed: 'Ce devis a été modifié depuis que vous l’avez ouvert. Relisez-le ci-dessous, puis donnez votre accord de nouveau.',
  name_missing: 'Saisissez votre nom et votre prénom.',
  not_agreed: 'Cochez la case « Bon pour accord » pour accepter le devis.',
};

export function quotePage(banner: SafeHtml, view: QuoteView, csrf: SafeHtml, state: { error: AcceptRefusal | null; typedName: string; justAccepted: boolean }, docs: readonly PortalDocument[] = []): PublicPage {
  const { quote, acceptance } = view;
  const error = state.error;
  const fieldError = error === 'name_missing' || error === 'not_agreed';
  return page(
    `Devis ${quote.number}`,
    banner,
    html`<p class="back"><a href="${PORTAL_HOME}">← Retour</a></p>
<h1>Devis ${quote.number}</h1>
${state.justAccepted ? html`<p class="success" role="status">Merci : votre accord est enregistré. Nous vous appelons pour fixer la date des travaux.</p>` : ''}
<dl>
<dt>Objet</dt><dd>${quote.title}</dd>
<dt>Montant</dt><dd><strong>${frenchAmount(quote.amountCents)} TTC</strong></dd>
${quote.siteAddress ? html`<dt>Adresse du chantier</dt><dd>${quote.siteAddress}</dd>` : ''}
${quote.sentAt ? html`<dt>Envoyé le</dt><dd>${day(quote.sentAt)}</dd>` : ''}
${quote.validUntil ? html`<dt>Valable jusqu’au</dt><dd>${day(quote.validUntil)}</dd>` : ''}
<dt>État</dt><dd data-testid="quote-status">${QUOTE_STATUS[quote.status]}</dd>
<dt>Version</dt><dd><code>${view.version.slice(0, 15)}</code></dd>
</dl>
${documentsSection(docs, 'Le devis à lire')}
${
  acceptance
    ? html`<h2>Votre accord</h2>
<p data-testid="acceptance">« Bon pour accord » donné le ${when(acceptance.acceptedAt)} par <strong>${acceptance.typedName}</strong>.</p>
<p class="note">Version acceptée : <code>${acceptance.versionHash}</code></p>`
    : view.blocked === null
      ? html`<h2>Accepter ce devis</h2>
${error && !fieldError ? html`<p class="error" role="alert">${REFUSALS[error]}</p>` : ''}
<form method="post" action="/portail/devis/${quote.id}/accord" novalidate>
${csrf}
<input type="hidden" name="version" value="${view.version}">
<label for="nom">Votre nom et prénom</label>
${error === 'name_missing' ? html`<p class="error" id="nom-error">${REFUSALS.name_missing}</p>` : ''}
<input type="text" id="nom" name="nom" autocomplete="name" required maxlength="200" value="${state.typedName}"${error === 'name_missing' ? raw(' aria-invalid="true" aria-describedby="nom-error"') : ''}>
${error === 'not_agreed' ? html`<p class="error" id="accord-error">${REFUSALS.not_agreed}</p>` : ''}
<label class="choice"><input type="checkbox" name="accord" value="1" required${error === 'not_agreed' ? raw(' aria-invalid="true" aria-describedby="accord-error"') : ''}> Bon pour accord : j’accepte ce devis de ${frenchAmount(quote.amountCents)} TTC.</label>
<button type="submit">Accepter le devis</button>
</form>
<p class="note">Nous enregistrons votre nom, la date et l’heure, votre adresse internet et la version exacte du devis, comme preuve de votre accord.</p>`
      : html`<p class="note">${error ? REFUSALS[error] : view.blocked === 'expired' ? REFUSALS.expired : 'Ce devis n’attend pas de réponse de votre part.'}</p>`
}`,
  );
}

export function requestPage(banner: SafeHtml, ticket: Ticket, justSent: boolean, docs: readonly PortalDocument[] = [], refusedPhotos: number = 0): PublicPage {
  return page(
    ticket.subject,
    banner,
    html`<p class="back"><a href="${PORTAL_HOME}">← Retour</a></p>
${justSent ? html`<p class="success" role="status">Merci : votre demande est bien arrivée. Nous vous répondons au plus vite.</p>` : ''}
${refusedPhotos > 0 ? html`<p class="error" role="alert">${refusedPhotos === 1 ? 'Une photo n’a pas été acceptée' : `${refusedPhotos} photos n’ont pas été acceptées`} (ce n’était pas une image, ou elle était trop lourde). Votre message, lui, est bien arrivé.</p>` : ''}
<h1>${ticket.subject}</h1>
<dl>
<dt>Référence</dt><dd>${ticketReference(ticket.id)}</dd>
<dt>Envoyée le</dt><dd>${when(ticket.createdAt)}</dd>
<dt>État</dt><dd>${TICKET_STATUS[ticket.status]}</dd>
</dl>
${ticket.description ? html`<h2>Votre message</h2><div class="report">${ticket.description.split(/\n+/).map((p) => html`<p>${p}</p>`)}</div>` : ''}
${documentsSection(docs, 'Vos photos et documents')}`,
  );
}

export function newRequestPage(banner: SafeHtml, csrf: SafeHtml, error: 'empty' | 'too_many_photos' | null, text = '', kind = 'panne', photos = false): PublicPage {
  return page(
    'Faire une demande',
    banner,
    html`<p class="back"><a href="${PORTAL_HOME}">← Retour</a></p>
<h1>Faire une demande</h1>
<p>Décrivez ce qui se passe : Claire, au service client, la reçoit tout de suite et vous répond.</p>
<form method="post" action="/portail/demandes" novalidate${photos ? raw(' enctype="multipart/form-data"') : ''}>
${csrf}
<fieldset><legend>C’est pour…</legend>
${Object.entries(REQUEST_KINDS).map(
  ([value, k]) => html`<label class="choice"><input type="radio" name="type" value="${value}"${value === kind ? raw(' checked') : ''}> ${k.label}</label>`,
)}
</fieldset>
<label for="texte">Votre message</label>
${error === 'empty' ? html`<p class="error" id="texte-error">Écrivez quelques mots pour nous dire ce qui se passe.</p>` : ''}
<textarea id="texte" name="texte" rows="6" maxlength="4000" required placeholder="Par exemple : ma chaudière fuit depuis ce matin"${error === 'empty' ? raw(' aria-invalid="true" aria-describedby="texte-error"') : ''}>${text}</textarea>
${
  photos
    ? html`<label for="photos">Des photos ? (facultatif, ${MAX_REQUEST_PHOTOS} au plus)</label>
${error === 'too_many_photos' ? html`<p class="error" id="photos-error">${MAX_REQUEST_PHOTOS} photos au plus : choisissez les plus parlantes.</p>` : ''}
<input type="file" id="photos" name="photos" accept="image/*" multiple${error === 'too_many_photos' ? raw(' aria-invalid="true" aria-describedby="photos-error"') : ''}>`
    : ''
}
<button type="submit">Envoyer ma demande</button>
</form>
<p class="note">Une urgence (fuite importante, odeur de gaz) ? Appelez-nous directement.</p>`,
  );
}

export function contactPage(banner: SafeHtml, csrf: SafeHtml, error: boolean, subject = '', text = ''): PublicPage {
  return page(
    'Nous écrire',
    banner,
    html`<p class="back"><a href="${PORTAL_HOME}">← Retour</a></p>
<h1>Nous écrire</h1>
<form method="post" action="/portail/contact" novalidate>
${csrf}
<label for="objet">Objet (facultatif)</label>
<input type="text" id="objet" name="objet" maxlength="120" value="${subject}">
<label for="message">Votre message</label>
${error ? html`<p class="error" id="message-error">Écrivez votre message.</p>` : ''}
<textarea id="message" name="message" rows="6" maxlength="4000" required${error ? raw(' aria-invalid="true" aria-describedby="message-error"') : ''}>${text}</textarea>
<button type="submit">Envoyer</button>
</form>`,
  );
}

/** The portal's own stylesheet, after the surface's (no inline style: the CSP forbids it). */
export const PORTAL_STYLESHEET = `
header { background: #0b3f7a; color: #fff; }
.portal-bar { max-width: 42rem; margin: 0 auto; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 1rem; }
.portal-name { margin: 0; font-weight: 700; }
.portal-bar a { color: #fff; }
.portal-bar nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; }
.portal-bar nav li { margin: 0; }
.portal-bar nav a { display: inline-block; padding: 0.6rem 0; min-height: 2.75rem; }
.portal-bar nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
.sign-out { margin: 0 0 0 auto; display: flex; align-items: center; gap: 0.5rem; font-size: 0.95rem; }
.sign-out .who { color: #fff; }
button.link { margin: 0; padding: 0.6rem 0.25rem; min-height: 2.75rem; background: none; color: #fff; text-decoration: underline; border: 0; }
a.button { display: inline-block; padding: 0.75rem 1.25rem; min-height: 2.75rem; border-radius: 0.4rem; background: #0b57b0; color: #fff; text-decoration: none; font-weight: 600; }
section { margin-bottom: 1.5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.5rem; }
.cards { list-style: none; padding: 0; margin: 0 0 1rem; }
.card { display: flex; flex-direction: column; gap: 0.15rem; padding: 0.75rem 0; border-bottom: 1px solid #d0d5dd; margin: 0; }
.card a { padding: 0.2rem 0; }
.meta { color: #4a5463; font-size: 0.95rem; }
.status { align-self: flex-start; font-size: 0.9rem; font-weight: 600; padding: 0.1rem 0.5rem; border-radius: 1rem; background: #eef1f5; color: #1d2430; }
.status-devis-envoye, .status-overdue { background: #fdecd2; color: #7a2e0e; }
.status-devis-accepte, .status-terminee { background: #dcf3e5; color: #05603a; }
.highlight { border: 2px solid #0b57b0; border-radius: 0.6rem; padding: 0.75rem 1rem; }
.highlight p { margin: 0 0 0.35rem; }
.error { color: #b42318; font-weight: 600; margin: 0.25rem 0; }
.success { background: #dcf3e5; color: #05603a; padding: 0.75rem 1rem; border-radius: 0.4rem; font-weight: 600; }
.report { background: #f6f7f9; padding: 0.75rem 1rem; border-radius: 0.4rem; }
.back { margin: 0 0 0.5rem; }
code { overflow-wrap: anywhere; }
input[aria-invalid="true"], textarea[aria-invalid="true"] { border: 2px solid #b42318; }
`;
