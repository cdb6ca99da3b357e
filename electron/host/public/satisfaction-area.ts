/**
 * The survey's pages on the public surface, for a customer on a phone, without JavaScript:
 *
 *   GET  /avis/:jeton?note=N           the score clicked in the e-mail: recorded (clicking another
 *                                      changes it), then « Merci » with the optional comment form
 *   GET  /avis/:jeton                  the eleven scores, for a link opened without one
 *   POST /avis/:jeton                  the comment and « may we call you back? » (a form: CSRF)
 *   GET  /avis/:jeton/merci            after the comment
 *   GET  /avis/:jeton/desabonnement    « Ne plus recevoir ces enquêtes », one button
 *   POST /avis/:jeton/desabonnement    the button, or a mail client's one-click (RFC 8058: no
 *                                      form token is possible there; the signed link is the proof)
 *
 * Everything hangs on the signed link (shared/signed-links.ts): a forged, edited or expired one
 * gets a polite page and changes nothing; a survey's link reaches that survey only, and the pages
 * show nothing of the customer beyond what the survey is about. A HEAD request records nothing
 * (link checkers use it).
 */
import { html, raw, type PublicPage, type SafeHtml } from './public-page';
import type { PublicArea } from './public-areas';
import type { PublicReply } from './public-routes';
import type { SurveyView } from '../../services/satisfaction/survey-desk';

const SCORES = Array.from({ length: 11 }, (_, score) => score);

function scoreLinks(token: string, chosen: number | null): SafeHtml {
  return html`<ol class="scores" aria-label="Votre note de 0 à 10">${SCORES.map(
    (score) =>
      html`<li><a class="score score-${score}${score === chosen ? ' chosen' : ''}" href="/avis/${token}?note=${score}" aria-label="${score} sur 10"${score === chosen ? raw(' aria-current="true"') : ''}>${score}</a></li>`,
  )}</ol>
<p class="scale"><span>0 = pas du tout</span><span>10 = tout à fait</span></p>`;
}

const refused = (why: 'invalid' | 'expired'): PublicPage =>
  why === 'expired'
    ? {
        title: 'Enquête close',
        body: html`<h1>Cette enquête est close</h1>
<p>Le lien que vous avez suivi a expiré : les réponses ne sont plus reçues. Merci d’avoir pris le temps de le suivre.</p>
<p>Vous pouvez toujours nous dire ce que vous pensez de notre passage en nous appelant.</p>`,
      }
    : {
        title: 'Lien non valable',
        body: html`<h1>Ce lien n’est pas valable</h1>
<p>Il est peut-être incomplet : un lien coupé en deux dans un e-mail ne fonctionne pas. Copiez-le en entier depuis le message reçu, ou appelez-nous.</p>
<p>Rien n’a été enregistré.</p>`,
      };

function answered(view: Extract<SurveyView, { ok: true }>, token: string, csrf: SafeHtml): PublicPage {
  const { survey } = view;
  return {
    title: 'Merci pour votre note',
    body: html`<h1>Merci !</h1>
<p>Votre note : <strong>${survey.score ?? ''}/10</strong>. ${view.about}</p>
<form method="post" action="/avis/${token}">
${csrf}
<label for="commentaire">Un mot pour nous expliquer ? (facultatif)</label>
<textarea id="commentaire" name="commentaire" rows="5" maxlength="2000">${survey.comment ?? ''}</textarea>
<fieldset>
<legend>Souhaitez-vous que nous vous rappelions ?</legend>
<label class="choice"><input type="radio" name="rappel" value="oui"${survey.wantsCallback ? raw(' checked') : ''}> Oui, rappelez-moi</label>
<label class="choice"><input type="radio" name="rappel" value="non"${survey.wantsCallback ? '' : raw(' checked')}> Non merci</label>
</fieldset>
<button type="submit">Envoyer</button>
</form>
<h2>Changer votre note</h2>
${scoreLinks(token, survey.score)}`,
  };
}

function choose(view: Extract<SurveyView, { ok: true }>, token: string): PublicPage {
  return {
    title: 'Votre avis',
    body: html`<h1>Votre avis</h1>
<p>${view.about}</p>
<p>Sur une échelle de 0 à 10, recommanderiez-vous notre entreprise à un proche ?</p>
${scoreLinks(token, view.survey.score)}`,
  };
}

function optOutPage(view: Extract<SurveyView, { ok: true }>, token: string, done: 'out' | 'in' | null): PublicPage {
  const action = `/avis/${token}/desabonnement`;
  if (view.optedOut) {
    return {
      title: 'Désabonnement enregistré',
      body: html`<h1>C’est noté</h1>
<p>${done === 'out' ? 'Vous ne recevrez plus nos enquêtes de satisfaction.' : 'Vous ne recevez plus nos enquêtes de satisfaction.'} Nos autres messages (confirmations de rendez-vous, factures) ne changent pas.</p>
<form method="post" action="${action}"><input type="hidden" name="reabonner" value="1"><button type="submit" class="secondary">Finalement, je veux bien les recevoir</button></form>`,
    };
  }
  return {
    title: 'Ne plus recevoir nos enquêtes',
    body: html`<h1>Ne plus recevoir nos enquêtes</h1>
${done === 'in' ? html`<p>Vous recevrez de nouveau nos enquêtes. Merci !</p>` : html`<p>Un clic sur le bouton suffit : nous ne vous enverrons plus d’enquête de satisfaction après nos interventions.</p>
<form method="post" action="${action}"><button type="submit">Ne plus recevoir ces enquêtes</button></form>`}`,
  };
}

function sendRefusal(reply: PublicReply, view: Extract<SurveyView, { ok: false }>): void {
  reply.page(view.why === 'expired' ? 410 : 404, refused(view.why));
}

export const satisfactionPublicArea: PublicArea = {
  name: 'satisfaction',
  register(routes, { port }) {
    const desk = () => port('surveys');

    routes.get('/avis/:jeton', (request, reply) => {
      const token = request.params['jeton']!;
      const note = request.query.get('note');
      const score = note !== null && /^(10|[0-9])$/.test(note) ? Number(note) : null;
      // A HEAD (a link checker) reads; only a GET records.
      const view = score !== null && request.method === 'GET' ? desk().answer(token, score) : desk().view(token);
      if (!view.ok) return sendRefusal(reply, view);
      reply.header('Cache-Control', 'no-store');
      if (view.survey.score === null) return reply.page(200, choose(view, token));
      reply.page(200, answered(view, token, reply.csrfField(`/avis/${token}`)));
    });

    routes.post(
      '/avis/:jeton',
      (request, reply) => {
        const token = request.params['jeton']!;
        const current = desk().view(token);
        if (!current.ok) return sendRefusal(reply, current);
        if (current.survey.score === null) return reply.redirect(`/avis/${token}`);
        const view = desk().comment(token, request.form.get('commentaire') ?? '', request.form.get('rappel') === 'oui');
        if (!view.ok) return sendRefusal(reply, view);
        reply.redirect(`/avis/${token}/merci`);
      },
      { csrf: true, maxBodyBytes: 16_384 },
    );

    routes.get('/avis/:jeton/merci', (request, reply) => {
      const token = request.params['jeton']!;
      const view = desk().view(token);
      if (!view.ok) return sendRefusal(reply, view);
      reply.header('Cache-Control', 'no-store');
      reply.page(200, {
        title: 'Merci',
        body: html`<h1>Merci pour votre réponse</h1>
<p>Votre note : <strong>${view.survey.score ?? ''}/10</strong>.${view.survey.wantsCallback ? ' Nous vous rappelons très vite.' : ''}</p>
${view.survey.comment ? html`<blockquote>${view.survey.comment}</blockquote>` : ''}
<p class="note"><a href="/avis/${token}?note=${view.survey.score ?? ''}">Modifier ma réponse</a></p>`,
      });
    });

    routes.get('/avis/:jeton/desabonnement', (request, reply) => {
      const token = request.params['jeton']!;
      const view = desk().view(token, 'survey-optout');
      if (!view.ok) return sendRefusal(reply, view);
      reply.header('Cache-Control', 'no-store');
      reply.page(200, optOutPage(view, token, null));
    });

    routes.post(
      '/avis/:jeton/desabonnement',
      (request, reply) => {
        const token = request.params['jeton']!;
        const oneClick = request.form.get('List-Unsubscribe') === 'One-Click';
        const view = request.form.get('reabonner') === '1' ? desk().optIn(token) : desk().optOut(token, oneClick ? 'one-click' : 'page');
        if (!view.ok) return sendRefusal(reply, view);
        reply.page(200, optOutPage(view, token, view.optedOut ? 'out' : 'in'));
      },
      // The signed link is the proof: a mail client's one-click post cannot carry a form token.
      { csrf: false, maxBodyBytes: 1_024 },
    );
  },
};
