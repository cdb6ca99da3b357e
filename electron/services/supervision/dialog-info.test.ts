import { describe, expect, it } from 'vitest';
import type { PbxDialog } from './pbx-adapter';
import { applyDialogInfo, DialogInfoError, MAX_DIALOGS, parseDialogInfo, type DialogInfo } from './dialog-info';

const EARLY = `<?xml version="1.0"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="3" state="full" entity="sip:claire@127.0.0.1">
  <dialog id="abc123" call-id="c1" local-tag="l" remote-tag="r" direction="recipient">
    <state>early</state>
    <remote><identity display="Fran&#231;ois &amp; fils">sip:0612345678@127.0.0.1</identity><target uri="sip:0612345678@127.0.0.1:5080"/></remote>
    <local><identity>sip:claire@127.0.0.1</identity><target uri="sip:claire@127.0.0.1"/></local>
  </dialog>
</dialog-info>`;

describe('dialog-info reader', () => {
  it('reads the state, direction, caller and version of each dialog', () => {
    const info = parseDialogInfo(EARLY);
    expect(info).toMatchObject({ state: 'full', version: 3, entityUser: 'claire' });
    expect(info.dialogs).toEqual([
      { id: 'abc123', state: 'early', direction: 'recipient', remote: { user: '0612345678', display: 'François & fils' }, answeredBy: 'claire' },
    ]);
  });

  it('reads prefixed namespaces and an empty full document', () => {
    const info = parseDialogInfo('<d:dialog-info xmlns:d="urn:ietf:params:xml:ns:dialog-info" version="0" state="full" entity="sip:q@x"/>');
    expect(info.dialogs).toEqual([]);
    expect(info.entityUser).toBe('q');
  });

  it.each([
    ['a DOCTYPE with entities (billion laughs)', '<!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><dialog-info state="full">&b;</dialog-info>'],
    ['an external entity', '<dialog-info state="full"><dialog id="1"><state>&xxe;</state></dialog></dialog-info>'],
    ['an unclosed element', '<dialog-info state="full"><dialog id="1"><state>early</state>'],
    ['mismatched tags', '<dialog-info state="full"><dialog id="1"></state></dialog-info>'],
    ['an unknown dialog state', '<dialog-info state="full"><dialog id="1"><state>exploded</state></dialog></dialog-info>'],
    ['another document', '<presence state="full"/>'],
    ['a missing state attribute', '<dialog-info version="1"/>'],
    ['garbage', 'not xml at all'],
    ['CDATA', '<dialog-info state="full"><![CDATA[x]]></dialog-info>'],
    ['two roots', '<dialog-info state="full"/><dialog-info state="full"/>'],
    ['an entity named after an Object.prototype member (&constructor;)', '<dialog-info state="full"><dialog id="1"><state>early</state><remote><identity display="&constructor;">sip:1@x</identity></remote></dialog></dialog-info>'],
    ['&__proto__; in an attribute', '<dialog-info state="full" entity="&__proto__;"/>'],
    ['&toString; in text', '<dialog-info state="full"><dialog id="1"><state>&toString;</state></dialog></dialog-info>'],
    ['a too deep document', `<dialog-info state="full">${'<a>'.repeat(40)}${'</a>'.repeat(40)}</dialog-info>`],
  ])('refuses %s with a DialogInfoError', (_what, body) => {
    expect(() => parseDialogInfo(body)).toThrow(DialogInfoError);
  });

  it('refuses an oversized document before reading it', () => {
    expect(() => parseDialogInfo(`<dialog-info state="full">${' '.repeat(300_000)}</dialog-info>`)).toThrow(/too large/);
  });
});

describe('applying dialog-info to what is known of an extension', () => {
  const dialog = (id: string, state: PbxDialog['state'] = 'early'): PbxDialog => ({ id, state, direction: 'recipient', remote: null, answeredBy: null });
  const partial = (...dialogs: PbxDialog[]): DialogInfo => ({ state: 'partial', version: null, entityUser: 'claire', dialogs });

  it('updates with partial documents, drops terminated dialogs, and replaces everything with a full one', () => {
    const known = new Map<string, PbxDialog>();
    applyDialogInfo(known, partial(dialog('a'), dialog('b')));
    applyDialogInfo(known, partial(dialog('a', 'confirmed'), dialog('b', 'terminated'), dialog('gone', 'terminated')));
    expect([...known.values()]).toEqual([dialog('a', 'confirmed')]);
    applyDialogInfo(known, { ...partial(dialog('c')), state: 'full' });
    expect([...known.keys()]).toEqual(['c']);
  });

  it('never keeps more than MAX_DIALOGS from partial NOTIFYs, dropping the least recently updated', () => {
    const known = new Map<string, PbxDialog>();
    let dropped = 0;
    for (let n = 0; n < 1000; n++) dropped += applyDialogInfo(known, partial(dialog(`d${n}`)));
    // d0, dropped long ago, is updated again: it is the most recent now, with d900 and a new one.
    dropped += applyDialogInfo(known, partial(dialog('d900', 'confirmed'), dialog('d0', 'confirmed'), dialog('late')));
    expect(known.size).toBe(MAX_DIALOGS);
    // 1002 dialogs seen (d0…d999, d0 again, late), 100 kept.
    expect(dropped).toBe(1002 - MAX_DIALOGS);
    expect(known.has('d0')).toBe(true);
    expect(known.has('late')).toBe(true);
    expect(known.has('d901')).toBe(false);
    expect([...known.keys()].slice(-3)).toEqual(['d900', 'd0', 'late']);
  });

  it('caps a single document listing more dialogs than the limit', () => {
    const known = new Map<string, PbxDialog>();
    const many = Array.from({ length: 30 }, (_, n) => dialog(`m${n}`));
    expect(applyDialogInfo(known, { ...partial(...many), state: 'full' }, 10)).toBe(20);
    expect([...known.keys()]).toEqual(many.slice(20).map((d) => d.id));
  });
});
