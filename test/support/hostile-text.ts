/**
 * Text built to make a backtracking pattern slow: long runs that a pattern starts on and then
 * rejects at the very end. Used by the unit tests (each must finish on 1 MB of it) and by
 * `npm run bench` (the worst case per pattern, in ms).
 *
 * Each list holds the shapes that made the old patterns quadratic or worse, plus the nearest
 * well-formed input (so the work done on a match is measured too).
 */

/** 1 MB (UTF-16 code units: one character each here). */
export const HOSTILE_SIZE = 1 << 20;

/** `unit` repeated to `size` characters in all, between `before` and `after`. */
export function hostile(unit: string, { before = '', after = '', size = HOSTILE_SIZE }: { before?: string; after?: string; size?: number } = {}): string {
  const room = Math.max(0, size - before.length - after.length);
  return before + unit.repeat(Math.ceil(room / unit.length)).slice(0, room) + after;
}

export interface HostileCase {
  name: string;
  text: string;
}

const cases = (list: Array<[string, string]>): HostileCase[] => list.map(([name, text]) => ({ name, text }));

/** Template bodies and subjects: `{{…}}` merge fields (templates.preview, fieldsIn). */
export const hostileTemplates = (size = HOSTILE_SIZE): HostileCase[] =>
  cases([
    ['{{ then spaces', hostile(' ', { before: '{{', size })],
    ['{{ then spaces then x', hostile(' ', { before: '{{', after: 'x', size })],
    ['{{a, spaces, one }', hostile(' ', { before: '{{a', after: '}', size })],
    ['{{ repeated', hostile('{{', { size })],
    ['{{ a  repeated', hostile('{{ a ', { size })],
    ['tabs and a line break', hostile('\t', { before: '{{ a', after: '\n}}', size })],
    ['one 1 MB key', hostile('a', { before: '{{', after: '}}', size })],
    ['fields back to back', hostile('{{contact.prenom}}', { size })],
  ]);

/** Phone numbers from a CRM field or a SIP header (normalizeNumber, userPart). */
export const hostilePhoneNumbers = (size = HOSTILE_SIZE): HostileCase[] =>
  cases([
    ['digit, spaces, letter', hostile(' ', { before: '1', after: '!', size })],
    ['spaces then x', hostile(' ', { after: 'x', size })],
    ['x, spaces, digit, letter', hostile(' ', { before: 'x', after: '1a', size })],
    ['poste repeated', hostile('poste ', { after: '1234567', size })],
    ['extension after 1 MB of spaces', hostile(' ', { before: '06 12 34 56 78 x', after: '12', size })],
    ['< repeated', hostile('<', { size })],
    ['<sip: repeated', hostile('<sip:', { size })],
    ['digits and spaces', hostile('1 ', { size })],
  ]);

/** HubSpot e-mail and note bodies (HTML turned into text). */
export const hostileHtml = (size = HOSTILE_SIZE): HostileCase[] =>
  cases([
    ['< repeated', hostile('<', { size })],
    ['<a repeated', hostile('<a', { size })],
    ['<br then spaces', hostile(' ', { before: '<br', size })],
    ['</p> then spaces', hostile(' ', { before: '</p>', after: '<p', size })],
    ['</p><p repeated', hostile('</p><p', { size })],
    ['tags back to back', hostile('<b>x</b>&amp;', { size })],
  ]);

/** E-mail addresses: a recipient from the CRM, the sender from Settings. */
export const hostileAddresses = (size = HOSTILE_SIZE): HostileCase[] =>
  cases([
    ['a@ then dots then @', hostile('.', { before: 'a@', after: '@', size })],
    ['a@b then dots then space', hostile('.', { before: 'a@b', after: ' ', size })],
    ['letters then @', hostile('a', { after: '@', size })],
    ['a.b@ then a.', hostile('a.', { before: 'a.b@', after: ' ', size })],
  ]);

/** P-Asserted-Identity and From headers of an incoming INVITE. */
export const hostileSipHeaders = (size = HOSTILE_SIZE): HostileCase[] =>
  cases([
    ['< repeated', hostile('<', { size })],
    ['< and a space repeated', hostile('< ', { size })],
    ['unclosed quote', hostile('a', { before: '"', size })],
    ['quotes and brackets', hostile('"<sip:', { size })],
    ['commas', hostile(',', { size })],
    ['display name of spaces', hostile(' ', { before: '"', after: '" <sip:0612345678@pbx>', size })],
  ]);
