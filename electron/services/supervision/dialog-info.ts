/**
 * A strict, small reader of RFC 4235 dialog-info documents (application/dialog-info+xml), the body
 * of a dialog-event NOTIFY. The body comes from the network: no DTD, no entity other than XML's
 * five and numeric references (so no "billion laughs" and no external entity), bounded size and
 * depth, and anything malformed is an error the caller logs and ignores — never a crash, never a
 * half-read state applied.
 */
import type { PbxDialog, PbxDialogState } from './pbx-adapter';

export class DialogInfoError extends Error {}

interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  text: string;
}

const MAX_BYTES = 256 * 1024;
const MAX_DEPTH = 16;
const MAX_ELEMENTS = 5_000;
const NAME = /^[A-Za-z_][\w.:-]*$/;
// A Map, not an object literal: `ref in {…}` would also accept `&constructor;` or `&toString;`
// (inherited from Object.prototype) and put a function's source text into the document.
const PREDEFINED = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

function decode(text: string): string {
  return text.replace(/&([^;\s&<]{0,12});|&/g, (match, ref: string | undefined) => {
    if (ref === undefined) throw new DialogInfoError('bare & in text');
    const predefined = PREDEFINED.get(ref);
    if (predefined !== undefined) return predefined;
    const numeric = /^#(x[0-9a-fA-F]{1,6}|[0-9]{1,7})$/.exec(ref);
    if (numeric) {
      const code = numeric[1]!.startsWith('x') ? parseInt(numeric[1]!.slice(1), 16) : parseInt(numeric[1]!, 10);
      if (code > 0x10ffff || code === 0) throw new DialogInfoError('bad character reference');
      return String.fromCodePoint(code);
    }
    throw new DialogInfoError(`entity not allowed: ${match.slice(0, 20)}`);
  });
}

/** Local name: namespaces are not resolved (dialog-info documents use one, sometimes prefixed). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

export function parseXml(source: string): XmlElement {
  if (source.length > MAX_BYTES) throw new DialogInfoError('document too large');
  let i = 0;
  const root: XmlElement = { name: '#root', attributes: new Map(), children: [], text: '' };
  const stack: XmlElement[] = [root];
  let count = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > i) stack[stack.length - 1]!.text += decode(source.slice(i, textEnd));
    if (lt === -1) break;
    if (source.startsWith('<?', lt)) {
      const end = source.indexOf('?>', lt);
      if (end === -1 || !/^<\?xml[\s?]/.test(source.slice(lt, lt + 6)) || stack.length > 1 || root.children.length > 0) throw new DialogInfoError('processing instruction not allowed');
      i = end + 2;
      continue;
    }
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      if (end === -1) throw new DialogInfoError('unterminated comment');
      i = end + 3;
      continue;
    }
    if (source.startsWith('<!', lt)) throw new DialogInfoError('DTD, DOCTYPE and CDATA are not allowed');
    const gt = source.indexOf('>', lt);
    if (gt === -1) throw new DialogInfoError('unterminated tag');
    const inner = source.slice(lt + 1, gt);
    i = gt + 1;
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim();
      const open = stack.pop();
      if (!open || open === root || open.name !== name) throw new DialogInfoError(`mismatched </${name.slice(0, 40)}>`);
      continue;
    }
    const selfClosing = inner.endsWith('/');
    const body = selfClosing ? inner.slice(0, -1) : inner;
    const nameMatch = /^([^\s/>]+)/.exec(body);
    if (!nameMatch || !NAME.test(nameMatch[1]!)) throw new DialogInfoError('bad element name');
    const element: XmlElement = { name: nameMatch[1]!, attributes: new Map(), children: [], text: '' };
    const attributeText = body.slice(nameMatch[1]!.length);
    const attribute = /\s+([^\s=]+)\s*=\s*("([^"<]*)"|'([^'<]*)')/gy;
    let consumed = 0;
    let m: RegExpExecArray | null;
    while ((m = attribute.exec(attributeText))) {
      if (!NAME.test(m[1]!)) throw new DialogInfoError('bad attribute name');
      element.attributes.set(local(m[1]!), decode(m[3] ?? m[4] ?? ''));
      consumed = attribute.lastIndex;
    }
    if (attributeText.slice(consumed).trim() !== '') throw new DialogInfoError('malformed attributes');
    if (++count > MAX_ELEMENTS) throw new DialogInfoError('too many elements');
    const parent = stack[stack.length - 1]!;
    if (parent === root && root.children.length > 0) throw new DialogInfoError('more than one root element');
    parent.children.push(element);
    if (!selfClosing) {
      stack.push(element);
      if (stack.length > MAX_DEPTH) throw new DialogInfoError('too deep');
    }
  }
  if (stack.length !== 1) throw new DialogInfoError('unclosed element');
  const top = root.children[0];
  if (!top) throw new DialogInfoError('empty document');
  if (root.text.trim() !== '') throw new DialogInfoError('text outside the root element');
  return top;
}

const child = (e: XmlElement | undefined, name: string) => e?.children.find((c) => local(c.name) === name);

export interface DialogInfo {
  /** "full": these are all the dialogs; "partial": only the ones that changed. */
  state: 'full' | 'partial';
  version: number | null;
  /** User part of the entity's URI (the watched extension). */
  entityUser: string | null;
  dialogs: PbxDialog[];
}

const STATES = new Set<PbxDialogState>(['trying', 'proceeding', 'early', 'confirmed', 'terminated']);

/** User part of a SIP/tel URI ("sip:0612345678@pbx;user=phone" → "0612345678"). */
export function uriUser(uri: string): string | null {
  const m = /^\s*(?:sips?|tel):([^@;>?\s]+)/i.exec(uri);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1]!;
  }
}

export function parseDialogInfo(body: string): DialogInfo {
  const top = parseXml(body);
  if (local(top.name) !== 'dialog-info') throw new DialogInfoError(`not a dialog-info document (<${top.name.slice(0, 40)}>)`);
  const state = top.attributes.get('state');
  if (state !== 'full' && state !== 'partial') throw new DialogInfoError('dialog-info state must be full or partial');
  const versionText = top.attributes.get('version');
  const version = versionText !== undefined && /^\d{1,10}$/.test(versionText) ? Number(versionText) : null;
  const dialogs: PbxDialog[] = [];
  for (const d of top.children) {
    if (local(d.name) !== 'dialog') continue;
    const id = d.attributes.get('id');
    const stateText = child(d, 'state')?.text.trim() as PbxDialogState | undefined;
    if (!id || !stateText || !STATES.has(stateText)) throw new DialogInfoError('dialog without id or with an unknown state');
    const direction = d.attributes.get('direction');
    const remoteIdentity = child(child(d, 'remote'), 'identity');
    const remoteUser = remoteIdentity ? uriUser(remoteIdentity.text) : null;
    const localTarget = child(child(d, 'local'), 'target')?.attributes.get('uri');
    dialogs.push({
      id: id.slice(0, 300),
      state: stateText,
      direction: direction === 'initiator' || direction === 'recipient' ? direction : null,
      remote: remoteUser ? { user: remoteUser.slice(0, 64), display: remoteIdentity?.attributes.get('display')?.slice(0, 100) ?? null } : null,
      answeredBy: localTarget ? uriUser(localTarget) : null,
    });
  }
  return { state, version, entityUser: uriUser(top.attributes.get('entity') ?? ''), dialogs };
}

/**
 * Most dialogs kept for one watched extension or hunt group. A desk phone has a handful at once and
 * a hunt group a few dozen waiting calls; past this, the PBX's "terminated" NOTIFYs were lost (or
 * it is hostile), and the dialogs updated least recently are the ones dropped.
 */
export const MAX_DIALOGS = 100;

/**
 * Applies a dialog-info document to what is known of one entity: a full document replaces it, a
 * partial one updates the dialogs it names. Terminated dialogs are dropped, never kept, and the
 * list never grows past `max` (partial NOTIFYs alone could grow it without end). Returns how many
 * live dialogs the cap dropped, for a log line.
 */
export function applyDialogInfo(known: Map<string, PbxDialog>, info: DialogInfo, max = MAX_DIALOGS): number {
  if (info.state === 'full') known.clear();
  for (const dialog of info.dialogs) {
    // Deleted then set: a Map keeps insertion order, so the first entry is the least recently updated.
    known.delete(dialog.id);
    if (dialog.state !== 'terminated') known.set(dialog.id, dialog);
  }
  let dropped = 0;
  for (const id of known.keys()) {
    if (known.size <= max) break;
    known.delete(id);
    dropped++;
  }
  return dropped;
}
