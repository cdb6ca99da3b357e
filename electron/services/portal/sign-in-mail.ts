/**
 * The sign-in e-mail: one link, what it is for, how long it lasts, and what to do if the customer
 * asked for nothing. An automatic message (RFC 3834): auto-responders do not answer it.
 */
import { escapeHtml } from '../shared/merge-engine';
import type { OutgoingMessage } from '../templates/email-composer';
import { LINK_MINUTES } from './portal-sign-in';

export const SIGN_IN_SUBJECT = 'Votre lien de connexion à l’espace client';

export function signInMessage(input: { to: string; firstName: string; link: string }): OutgoingMessage {
  const hello = input.firstName.trim() ? `Bonjour ${input.firstName.trim()},` : 'Bonjour,';
  const lines = [
    hello,
    '',
    'Voici votre lien pour ouvrir votre espace client (vos interventions, vos devis, vos factures) :',
    '',
    input.link,
    '',
    `Il fonctionne une seule fois, pendant ${LINK_MINUTES} minutes. Passé ce délai, demandez-en un nouveau sur la page de connexion.`,
    '',
    'Vous n’avez rien demandé ? Ignorez ce message : personne ne peut entrer sans ce lien.',
  ];
  const html = [
    '<!DOCTYPE html>',
    '<html lang="fr"><head><meta charset="utf-8">',
    `<title>${escapeHtml(SIGN_IN_SUBJECT)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2328">',
    `<p>${escapeHtml(hello)}</p>`,
    '<p>Voici votre lien pour ouvrir votre espace client (vos interventions, vos devis, vos factures) :</p>',
    `<p><a href="${escapeHtml(input.link)}" style="display:inline-block;padding:12px 20px;background:#0b57b0;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:bold">Ouvrir mon espace client</a></p>`,
    `<p style="color:#475467">Il fonctionne une seule fois, pendant ${LINK_MINUTES} minutes. Passé ce délai, demandez-en un nouveau sur la page de connexion.</p>`,
    '<p style="color:#475467">Vous n’avez rien demandé ? Ignorez ce message : personne ne peut entrer sans ce lien.</p>',
    '</body></html>',
  ].join('\n');
  return { to: input.to, subject: SIGN_IN_SUBJECT, text: lines.join('\n'), html, headers: { 'Auto-Submitted': 'auto-generated' } };
}
