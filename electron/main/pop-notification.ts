import type { CallRecord, Locale, ScreenPop } from '../contract/model';

export interface IncomingCall {
  call: CallRecord;
  pop: ScreenPop;
}

export interface NotificationText {
  title: string;
  body: string;
  silent: boolean;
}

/** Plain text only: OS notification centres render some markup, and a caller's display name is attacker-controlled. */
const plain = (text: string) => text.replace(/[<>&\p{Cc}]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);

function callerLabel({ call, pop }: IncomingCall, locale: Locale): string {
  const best = pop.matches[0];
  return best ? best.label : call.callerName ? call.callerName : locale === 'fr' ? 'Nouvel appelant' : 'New caller';
}

/** The native notification for a pop. */
export function popNotification(call: CallRecord, pop: ScreenPop, locale: Locale): NotificationText {
  const best = pop.matches[0];
  const who = callerLabel({ call, pop }, locale);
  const company = best?.companyName && best.companyName !== best.label ? ` — ${best.companyName}` : '';
  return {
    title: plain(`${locale === 'fr' ? 'Appel' : 'Call'} : ${who}${company}`),
    body: plain(pop.number.display),
    silent: true, // the desk phone is already ringing
  };
}

/** One notification for calls held during a flood (see services/journal/incoming-call-alerts.ts). */
export function incomingCallsNotification(calls: IncomingCall[], locale: Locale): NotificationText {
  if (calls.length === 1) return popNotification(calls[0]!.call, calls[0]!.pop, locale);
  const names = calls.slice(0, 3).map((incoming) => callerLabel(incoming, locale));
  return {
    title: plain(locale === 'fr' ? `${calls.length} appels entrants` : `${calls.length} incoming calls`),
    body: plain(`${names.join(', ')}${calls.length > names.length ? ', …' : ''}`),
    silent: true,
  };
}
