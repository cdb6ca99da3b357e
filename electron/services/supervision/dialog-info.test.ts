import { describe, expect, it } from 'vitest';
import { DialogInfoError, parseDialogInfo } from './dialog-info';

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
    ['a too deep document', `<dialog-info state="full">${'<a>'.repeat(40)}${'</a>'.repeat(40)}</dialog-info>`],
  ])('refuses %s with a DialogInfoError', (_what, body) => {
    expect(() => parseDialogInfo(body)).toThrow(DialogInfoError);
  });

  it('refuses an oversized document before reading it', () => {
    expect(() => parseDialogInfo(`<dialog-info state="full">${' '.repeat(300_000)}</dialog-info>`)).toThrow(/too large/);
  });
});
