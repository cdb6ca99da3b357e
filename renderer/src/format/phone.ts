/**
 * The one way the console shows a phone number: « 04 78 12 34 56 » for a French number,
 * « +44 20 7946 0958 » for a foreign one, whatever was typed in the CRM or sent by the PBX.
 *
 * The formatting itself is done once, by the services (`displayNumber` in
 * electron/services/shared/phone-number.ts), which send it as `display` with every number
 * (Phone.display, CallRecord.fromDisplay / toDisplay, ScreenPop.number.display, Callback.display,
 * LiveParty.display): the numbering plans are libphonenumber's metadata, which the renderer may not
 * import (eslint layering), and two formatters would drift. What is left here is the choice of text
 * for each place, so that no view shows `raw` by mistake, and a last resort for French digits
 * that reach the screen unformatted.
 */
import type { CallRecord } from '../contract';

/**
 * Ten French digits run together or in dotted or dashed pairs (0478123456, 04.78.12.34.56). Text with
 * spaces is left as it is: that is how the services write, « 0692 12 34 56 » for La Réunion included.
 */
const FRENCH_NATIONAL = /^0[1-9](?:[.-]?\d{2}){4}$/;

/** The text to show for a number: its display form; French digits as they come are grouped in pairs. */
export function phoneText(display: string): string {
  const text = display.trim();
  if (!FRENCH_NATIONAL.test(text)) return text;
  return text.replace(/\D/g, '').replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** The other party's number of a journal call: the caller of an inbound call, the called number of an outbound one. */
export function callNumberText(call: Pick<CallRecord, 'direction' | 'fromDisplay' | 'toDisplay'>): string {
  return phoneText(call.direction === 'outbound' ? call.toDisplay : call.fromDisplay);
}
