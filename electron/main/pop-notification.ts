import type { CallRecord, Locale, ScreenPop } from '../contract/model';

/**
 * The native notification for a pop. Plain text only: OS notification centres render some
 * markup, and a caller's display name is attacker-controlled.
 */
export function popNotification(call: CallRecord, pop: ScreenPop, locale: Locale): { title: string; body: string; silent: boolean } {
  const plain = (text: string) => text.replace(/[<>&\p{Cc}]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
  const best = pop.matches[0];
  const who = best ? best.label : call.callerName ? call.callerName : locale === 'fr' ? 'Nouvel appelant' : 'New caller';
  const company = best?.companyName && best.companyName !== best.label ? ` — ${best.companyName}` : '';
  return {
    title: plain(`${locale === 'fr' ? 'Appel' : 'Call'} : ${who}${company}`),
    body: plain(pop.number.display),
    silent: true, // the desk phone is already ringing
  };
}
