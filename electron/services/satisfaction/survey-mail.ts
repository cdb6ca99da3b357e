/**
 * The survey e-mail: the « Votre avis » template merged for the customer (editable like the
 * others), then what the template cannot break — eleven one-click scores 0–10, each a signed
 * link bound to this survey, a line saying what the survey is about, and the unsubscribe link.
 * Marked as automatic mail (RFC 3834) with a one-click unsubscribe (RFC 8058), so mailbox
 * providers and auto-responders treat it as such.
 */
import { escapeHtml } from '../shared/merge-engine';
import type { OutgoingMessage } from '../templates/email-composer';

export interface SurveyLinks {
  /** `…/avis/<token>`: the score is `?note=N`. */
  answer: string;
  /** `…/avis/<token>/desabonnement`. */
  unsubscribe: string;
}

export const scoreLink = (answer: string, score: number) => `${answer}?note=${score}`;

/** Red to green, as customers expect on a 0–10 scale; each colour keeps white text readable (≥ 4.5:1). */
const SCORE_COLOURS = ['#b42318', '#b42318', '#b42318', '#b93815', '#b93815', '#b54708', '#b54708', '#6b6f14', '#6b6f14', '#067647', '#067647'];

export function surveyMessage(input: { to: string; subject: string; text: string; about: string; links: SurveyLinks }): OutgoingMessage {
  const { links } = input;
  const scores = Array.from({ length: 11 }, (_, score) => score);
  const text = [
    input.text.trim(),
    '',
    input.about,
    '',
    'Votre note, de 0 (pas du tout) à 10 (tout à fait) — un clic suffit :',
    ...scores.map((score) => `${score} : ${scoreLink(links.answer, score)}`),
    '',
    `Ne plus recevoir ces enquêtes : ${links.unsubscribe}`,
  ].join('\n');

  const paragraphs = input.text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p style="margin:0 0 1em 0">${p.split('\n').map(escapeHtml).join('<br>\n')}</p>`);
  const cells = scores
    .map(
      (score) =>
        `<td style="padding:2px"><a href="${escapeHtml(scoreLink(links.answer, score))}" aria-label="Note ${score} sur 10" ` +
        `style="display:inline-block;min-width:28px;padding:10px 4px;border-radius:4px;background:${SCORE_COLOURS[score]};color:#ffffff;` +
        `font-weight:bold;text-align:center;text-decoration:none">${score}</a></td>`,
    )
    .join('');
  const html = [
    '<!DOCTYPE html>',
    '<html lang="fr"><head><meta charset="utf-8">',
    `<title>${escapeHtml(input.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1f2328">',
    ...paragraphs,
    `<p style="margin:0 0 1em 0;color:#475467">${escapeHtml(input.about)}</p>`,
    '<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse"><tr>',
    cells,
    '</tr></table>',
    '<table role="presentation" width="100%" style="max-width:420px;font-size:12px;color:#475467"><tr>',
    '<td style="text-align:left">0 = pas du tout</td><td style="text-align:right">10 = tout à fait</td></tr></table>',
    `<p style="margin:2em 0 0 0;font-size:12px;color:#475467"><a href="${escapeHtml(links.unsubscribe)}" style="color:#475467">Ne plus recevoir ces enquêtes</a></p>`,
    '</body></html>',
  ].join('\n');

  return {
    to: input.to,
    subject: input.subject,
    text,
    html,
    headers: {
      'Auto-Submitted': 'auto-generated',
      'List-Unsubscribe': `<${links.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
