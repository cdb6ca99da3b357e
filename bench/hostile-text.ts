/**
 * Patterns that read outside text (template bodies, CRM fields, SIP headers), on 1 MB shaped to
 * make a backtracking pattern slow: the worst shape per pattern, in ms. Beside it, the pattern as it
 * was before issue 9, on a small input only (on 1 MB it would run for hours): the growth it had.
 */
import { checkRecipient } from '../electron/services/templates/email-composer';
import { fieldsIn, mergeText } from '../electron/services/shared/merge-engine';
import { normalizeNumber } from '../electron/services/shared/phone-number';
import { toMirror } from '../electron/services/crm/mapping';
import { parseCaller } from '../electron/services/telephony/caller-id';
import { HOSTILE_SIZE, hostile, hostileAddresses, hostileHtml, hostilePhoneNumbers, hostileSipHeaders, hostileTemplates, type HostileCase } from '../test/support/hostile-text';
import { line, ms } from './stats';

interface Pattern {
  key: string;
  label: string;
  cases: HostileCase[];
  run(text: string): unknown;
  /** The former pattern on its worst shape, at a size where it still ends. */
  before?: { size: number; run(size: number): unknown };
}

const AT = '2024-05-14T10:00:00.000Z';
const mappingContext = { ticketStatus: () => 'nouveau' as const, ownerName: () => null };

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** Median of three runs, so one pause of the machine does not become the figure. */
function median3(run: () => unknown): number {
  const samples = [time(run), time(run), time(run)].sort((a, b) => a - b);
  return samples[1]!;
}

const PATTERNS: Pattern[] = [
  {
    key: 'mergeFields',
    label: 'Champs de fusion {{…}} (templates.preview)',
    cases: hostileTemplates(),
    run: (text) => [mergeText(text, { 'contact.prenom': 'François' }, 'body'), fieldsIn(text)],
    before: { size: 4_000, run: (size) => [...hostile(' ', { before: '{{', size }).matchAll(/\{\{\s*([^{}\r\n]{1,80}?)\s*\}\}/g)] },
  },
  {
    key: 'phoneNumber',
    label: 'Numéro de téléphone (poste, <…>)',
    cases: hostilePhoneNumbers(),
    run: (text) => normalizeNumber(text),
    before: { size: 20_000, run: (size) => hostile(' ', { before: '1', after: '!', size }).replace(/\s*(?:poste|ext\.?|extension|p\.|x|#)\s*\d{1,6}\s*$/i, '') },
  },
  {
    key: 'hubspotHtml',
    label: 'Corps HubSpot HTML → texte (notes, e-mails)',
    cases: hostileHtml(),
    run: (text) => toMirror('notes', { id: '1', properties: { hs_note_body: text, hs_timestamp: AT, createdate: AT } }, { contacts: [], companies: [], tickets: [] }, mappingContext),
    before: { size: 20_000, run: (size) => hostile('<', { size }).replace(/<[^>]+>/g, '') },
  },
  {
    key: 'emailAddress',
    label: 'Adresse e-mail (destinataire, expéditeur)',
    cases: hostileAddresses(),
    run: (text) => {
      try {
        checkRecipient(text);
      } catch {
        // Refused, as it should be: the time to say so is what is measured.
      }
    },
    before: { size: 20_000, run: (size) => /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/.test(hostile('.', { before: 'a@', after: '@', size })) },
  },
  {
    key: 'sipHeaders',
    label: 'En-têtes SIP (P-Asserted-Identity, From)',
    cases: hostileSipHeaders(),
    run: (text) => parseCaller({ pai: text, from: text, privacy: text }),
  },
];

export async function benchHostileText() {
  const lines: string[] = [`Motifs sur texte hostile (1 Mo par forme, pire forme, médiane de 3) :`];
  const figures: Record<string, unknown> = {};
  for (const pattern of PATTERNS) {
    let worst = { name: '', ms: 0 };
    for (const { name, text } of pattern.cases) {
      const took = median3(() => pattern.run(text));
      if (took >= worst.ms) worst = { name, ms: took };
    }
    const before = pattern.before ? median3(() => pattern.before!.run(pattern.before!.size)) : null;
    const beforeText = pattern.before && before !== null ? ` (avant : ${ms(before, 0)} sur ${pattern.before.size / 1000} Ko)` : '';
    lines.push(line(pattern.label, `${ms(worst.ms, 1)} « ${worst.name} »${beforeText}`));
    figures[pattern.key] = { worstMs: worst.ms, worstShape: worst.name, sizeChars: HOSTILE_SIZE, ...(pattern.before ? { beforeMs: before, beforeSizeChars: pattern.before.size } : {}) };
  }
  return { lines, figures };
}
