/**
 * The portal's booking pages: « Prendre rendez-vous » (a kind of visit, the address, then the
 * windows offered now), and on a visit booked in Accueil « Déplacer » / « Annuler ». Without
 * JavaScript: a GET form asks for the windows, a POST (CSRF) books the one picked.
 */
import type { Booking } from '../../contract/booking-calls';
import type { OffersResult, PortalOffer } from '../../services/portal/portal-booking';
import { MOVE_NOTICE_HOURS } from '../../services/portal/portal-booking';
import { frenchLongDate } from '../../services/shared/merge-fields';
import { html, type PublicPage, type SafeHtml } from './public-page';
import { page, PORTAL_BOOKING } from './portal-pages';

type Failure = Extract<OffersResult, { ok: false }>['why'] | 'taken';

const FAILURES: Record<Failure, string> = {
  unavailable: 'La prise de rendez-vous en ligne n’est pas ouverte. Faites une demande ou appelez-nous.',
  type_unknown: 'Choisissez le type d’intervention.',
  address_unknown: 'Nous ne trouvons pas cette adresse : indiquez le code postal et la commune (par exemple « 12 rue de la Paix, 35000 Rennes »).',
  no_window: 'Aucun créneau n’est libre dans les trois prochaines semaines pour cette intervention. Faites une demande : nous vous rappelons.',
  no_qualified_technician: 'Cette intervention ne se réserve pas en ligne. Faites une demande : nous vous rappelons.',
  not_movable: 'Ce rendez-vous ne peut pas être modifié en ligne. Faites une demande ou appelez-nous.',
  too_late: `Ce rendez-vous a lieu dans moins de ${MOVE_NOTICE_HOURS} heures : pour le modifier, appelez-nous ou faites une demande.`,
  taken: 'Ce créneau vient d’être pris. Voici les créneaux libres maintenant.',
};

export const failureText = (why: Failure): string => FAILURES[why];

const dayLabel = (day: string) => frenchLongDate(new Date(`${day}T12:00:00Z`));
const hour = (clock: string) => (clock.endsWith(':00') ? `${Number(clock.slice(0, 2))} h` : `${Number(clock.slice(0, 2))} h ${clock.slice(3)}`);
export const windowLabel = (o: { day: string; windowStart: string; windowEnd: string }) => `${dayLabel(o.day)}, arrivée entre ${hour(o.windowStart)} et ${hour(o.windowEnd)}`;

function offerList(offers: readonly PortalOffer[]): SafeHtml {
  return html`<fieldset>
<legend>Choisissez un créneau</legend>
${offers.map(
  (o, i) => html`<p class="choice"><input type="radio" id="creneau-${i}" name="creneau" value="${o.choice}"${i === 0 ? html` checked` : ''} required> <label for="creneau-${i}">${windowLabel(o)}</label></p>`,
)}
</fieldset>`;
}

/** Step 1: the kind of visit and where. */
export function bookingFormPage(banner: SafeHtml, kinds: ReadonlyArray<{ id: string; label: string }>, chosen: { typeId: string; address: string }, error: Failure | null): PublicPage {
  return page(
    'Prendre rendez-vous',
    banner,
    html`<h1>Prendre rendez-vous</h1>
${error ? html`<p role="alert">${failureText(error)}</p>` : ''}
${
  kinds.length === 0
    ? html`<p class="note">${failureText('unavailable')}</p><p><a class="button" href="/portail/demandes/nouvelle">Faire une demande</a></p>`
    : html`<form method="get" action="${PORTAL_BOOKING}/creneaux">
<label for="type">Intervention</label>
<select id="type" name="type" required>
${kinds.map((k) => html`<option value="${k.id}"${k.id === chosen.typeId ? html` selected` : ''}>${k.label}</option>`)}
</select>
<label for="adresse">Adresse de l’intervention</label>
<input type="text" id="adresse" name="adresse" value="${chosen.address}" maxlength="300" autocomplete="street-address" required>
<p class="note">Nous vous proposons les créneaux où un technicien qualifié peut venir sans faire attendre les autres clients.</p>
<button type="submit">Voir les créneaux</button>
</form>
<p class="note">Une installation ou des travaux ? <a href="/portail/demandes/nouvelle">Demandez un devis</a>.</p>`
}`,
  );
}

/** Step 2: the windows offered now; picking one books it (POST, CSRF). */
export function bookingOffersPage(banner: SafeHtml, kind: { id: string; label: string }, result: Extract<OffersResult, { ok: true }>, csrf: SafeHtml, note: Failure | null): PublicPage {
  return page(
    'Choisir un créneau',
    banner,
    html`<p class="back"><a href="${PORTAL_BOOKING}">← Modifier</a></p>
<h1>${kind.label}</h1>
<p>${result.address}</p>
${note ? html`<p role="alert">${failureText(note)}</p>` : ''}
<form method="post" action="${PORTAL_BOOKING}">
${csrf}
<input type="hidden" name="type" value="${kind.id}">
<input type="hidden" name="adresse" value="${result.address}">
${offerList(result.offers)}
<p class="note">Vous recevez la confirmation par e-mail, avec l’invitation pour votre agenda, et un rappel la veille.</p>
<button type="submit">Réserver ce créneau</button>
</form>`,
  );
}

/** On a visit booked in Accueil: what the customer may do with it (or why not online). */
export function visitBookingBlock(visitId: string, state: { movable: true } | { movable: false; why: 'not_movable' | 'too_late' }, flash: 'reserve' | 'deplace' | 'annule' | null): SafeHtml {
  const said = flash
    ? html`<p role="status">${{ reserve: 'C’est réservé : la confirmation part par e-mail, avec l’invitation pour votre agenda.', deplace: 'Votre rendez-vous est déplacé : la nouvelle confirmation part par e-mail.', annule: 'Votre rendez-vous est annulé. L’annulation part par e-mail.' }[flash]}</p>`
    : html``;
  if (!state.movable) return state.why === 'too_late' ? html`${said}<p class="note">${failureText('too_late')}</p>` : said;
  return html`${said}<p><a class="button" href="/portail/interventions/${visitId}/deplacer">Déplacer ou annuler ce rendez-vous</a></p>`;
}

/** Move or cancel a visit: the windows offered now, and the cancellation (a box to tick). */
export function moveVisitPage(banner: SafeHtml, booking: Booking, offers: OffersResult, csrf: { move: SafeHtml; cancel: SafeHtml }, note: Failure | null, cancelNotTicked = false): PublicPage {
  const path = `/portail/interventions/${booking.interventionId}`;
  return page(
    'Déplacer ou annuler',
    banner,
    html`<p class="back"><a href="${path}">← Retour</a></p>
<h1>${booking.kind}</h1>
<p>Prévu le ${windowLabel(booking)}.</p>
${note ? html`<p role="alert">${failureText(note)}</p>` : ''}
<h2>Déplacer</h2>
${
  offers.ok && offers.offers.length > 0
    ? html`<form method="post" action="${path}/deplacer">
${csrf.move}
${offerList(offers.offers)}
<button type="submit">Déplacer à ce créneau</button>
</form>`
    : html`<p class="note">${failureText(offers.ok ? 'no_window' : offers.why)}</p>`
}
<h2>Annuler</h2>
<form method="post" action="${path}/annuler">
${csrf.cancel}
<p class="choice"><input type="checkbox" id="confirmer" name="confirmer" value="1"${cancelNotTicked ? html` aria-describedby="confirmer-erreur" aria-invalid="true"` : ''}> <label for="confirmer">Je confirme l’annulation de ce rendez-vous</label></p>
${cancelNotTicked ? html`<p id="confirmer-erreur" role="alert">Cochez la case pour confirmer l’annulation.</p>` : ''}
<button type="submit" class="secondary">Annuler le rendez-vous</button>
</form>`,
  );
}
