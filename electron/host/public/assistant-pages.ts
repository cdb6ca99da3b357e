/**
 * The assistant's conversation as HTML, for the two places it lives: the help pages (/aide, anyone,
 * from the articles) and the customer portal (/portail/assistant, a signed-in customer, from their
 * records too). Only the base path, the note on top and what the handover forms already know differ.
 */
import type { AnswerSource } from '../../services/knowledge/assistant';
import type { TurnRow } from '../../services/knowledge/knowledge-repository';
import { html, type SafeHtml } from './public-page';

export type HandoverDone = ReadonlyArray<{ kind: 'callback' | 'ticket' }>;

/** What the handover forms start with: on the portal the customer is known (name, number, address). */
export interface HandoverPrefill {
  /** The customer is signed in: no name nor e-mail asked; the number is theirs to confirm. */
  signedIn: boolean;
  phone: string;
}

export function askForm(action: string, csrf: SafeHtml, label = 'Posez votre question à l’assistant'): SafeHtml {
  return html`<form method="post" action="${action}">
${csrf}
<label for="question">${label}</label>
<textarea id="question" name="question" rows="3" maxlength="500" required></textarea>
<button type="submit">Envoyer</button>
</form>`;
}

function sourceLinks(sources: readonly AnswerSource[], label: string): SafeHtml {
  if (sources.length === 0) return html``;
  return html`<p class="note">${label} ${sources.map((s, i) => html`${i > 0 ? ', ' : ''}${s.href ? html`<a href="${s.href}">${s.label}</a>` : s.label}`)}</p>`;
}

function answerBlock(turn: Pick<TurnRow, 'answerText' | 'sources' | 'suggestions'>): SafeHtml {
  return html`<p>${turn.answerText}</p>
${sourceLinks(turn.sources, 'Source :')}
${turn.suggestions.length > 0 ? html`<ul>${turn.suggestions.map((s) => html`<li><a href="${s.href ?? '#'}">${s.label}</a></li>`)}</ul>` : ''}`;
}

function handoverForms(action: string, csrf: SafeHtml, done: HandoverDone, prefill: HandoverPrefill): SafeHtml {
  if (done.length > 0) {
    return html`<p class="note" role="status">${done.some((d) => d.kind === 'callback') ? 'Votre demande de rappel est transmise : une personne de l’équipe vous appelle dès que possible (jours ouvrés).' : 'Votre demande est transmise à l’équipe, avec cette conversation. Nous vous répondons dès que possible.'}</p>`;
  }
  const nameField = (id: string) =>
    prefill.signedIn ? html`` : html`<label for="${id}">Votre nom</label>
<input type="text" id="${id}" name="name" maxlength="120" autocomplete="name">`;
  return html`<h2 id="relais">Parler à une personne</h2>
<form method="post" action="${action}">
${csrf}
<input type="hidden" name="kind" value="callback">
${nameField('nom-rappel')}
<label for="tel-rappel">${prefill.signedIn ? 'Le numéro où vous rappeler' : 'Votre numéro de téléphone'}</label>
<input type="tel" id="tel-rappel" name="phone" maxlength="30" autocomplete="tel" value="${prefill.phone}" required>
<button type="submit">Être rappelé</button>
</form>
<form method="post" action="${action}">
${csrf}
<input type="hidden" name="kind" value="ticket">
${nameField('nom-demande')}
${
  prefill.signedIn
    ? html``
    : html`<label for="mail-demande">Votre adresse e-mail</label>
<input type="email" id="mail-demande" name="email" maxlength="200" autocomplete="email" required>`
}
<label for="message-demande">Précisez votre demande (facultatif)</label>
<textarea id="message-demande" name="message" rows="3" maxlength="2000"></textarea>
<button type="submit" class="secondary">Laisser une demande écrite</button>
</form>`;
}

/**
 * The conversation, the handover when the last answer offers it (or the visitor asked for a person),
 * and the next question. `base` is the conversation's address (`/aide/assistant/:id`).
 */
export function conversationBody(
  base: string,
  turns: readonly TurnRow[],
  done: HandoverDone,
  csrfFor: (action: string) => SafeHtml,
  error: string | null,
  prefill: HandoverPrefill,
): SafeHtml {
  const last = turns.at(-1);
  return html`<ol class="conversation" aria-label="Conversation">
${turns.map(
  (turn) => html`<li><p><strong>Vous :</strong> ${turn.question}</p>
<div><strong>Assistant :</strong> ${answerBlock(turn)}</div></li>`,
)}
</ol>
${error ? html`<p role="alert">${error}</p>` : ''}
${last?.offerHandover || done.length > 0 ? handoverForms(`${base}/relais`, csrfFor(`${base}/relais`), done, prefill) : ''}
${askForm(base, csrfFor(base), 'Une autre question ?')}
${last && !last.offerHandover && done.length === 0 ? html`<p class="note"><a href="${base}?relais=1#relais">Cette réponse ne m’aide pas : parler à une personne</a></p>` : ''}`;
}

/** The turns as shown: « parler à une personne » asked on the page makes the last one offer the handover. */
export function turnsShown(turns: readonly TurnRow[], wantsPerson: boolean): readonly TurnRow[] {
  return wantsPerson && turns.length > 0 ? [...turns.slice(0, -1), { ...turns.at(-1)!, offerHandover: true }] : turns;
}

/** One CSRF field per form action on a page (two handover forms share one). */
export function csrfPerAction(field: (action: string) => SafeHtml): (action: string) => SafeHtml {
  const forms = new Map<string, SafeHtml>();
  return (action) => forms.get(action) ?? forms.set(action, field(action)).get(action)!;
}
