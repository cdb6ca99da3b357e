import { Grammar } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { repairIdentityHeaders } from './identity-repair';

const sipJsAccepts = (header: 'From' | 'To', value: string) => Grammar.parse(value, header) !== -1;

const invite = (from: string, to = '<sip:claire@127.0.0.1>') =>
  [
    'INVITE sip:claire@127.0.0.1 SIP/2.0',
    'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
    `From: ${from}`,
    `To: ${to}`,
    'Call-ID: call-1@host',
    'CSeq: 1 INVITE',
    'Content-Length: 4',
    '',
    'v=0\n',
  ].join('\r\n');

describe('repairIdentityHeaders', () => {
  it('leaves a message sip.js can parse untouched', () => {
    const message = invite('"Dupont" <sip:0612345678@h>;tag=abc');
    const out = repairIdentityHeaders(message, sipJsAccepts);
    expect(out.message).toBe(message);
    expect(out).toMatchObject({ method: 'INVITE', callId: 'call-1@host', repaired: [] });
  });

  it('swaps a From sip.js would reject for a valid stand-in that keeps the tag, and returns the original', () => {
    const raw = 'Société Dupont <sip:0612345678@h>;tag=abc';
    const out = repairIdentityHeaders(invite(raw), sipJsAccepts);
    expect(out.repaired).toEqual([{ header: 'From', raw }]);
    expect(out.message).toContain('\r\nFrom: <sip:invalid@invalid.invalid>;tag=abc\r\n');
    expect(out.message.endsWith('\r\n\r\nv=0\n')).toBe(true); // body untouched
  });

  it('gives the same made-up tag to the INVITE and the CANCEL of a From without tag', () => {
    const a = repairIdentityHeaders(invite('<img src=x> <sip:1@h>'), sipJsAccepts).message;
    const b = repairIdentityHeaders(invite('<img src=x> <sip:1@h>').replace('INVITE sip', 'CANCEL sip'), sipJsAccepts);
    const tagOf = (m: string) => /From: [^\r]*;tag=([^\r]+)/.exec(m)?.[1];
    expect(tagOf(a)).toMatch(/^repaired[0-9a-f]+$/);
    expect(tagOf(b.message)).toBe(tagOf(a));
    expect(b.method).toBe('CANCEL');
  });

  it('repairs compact and folded headers, and To as well', () => {
    const message = invite('x').replace('From: x', 'f: Dupont, Jean\r\n <sip:1@h>;tag=t1').replace('To: <sip:claire@127.0.0.1>', 't: <<broken');
    const out = repairIdentityHeaders(message, sipJsAccepts);
    expect(out.repaired.map((r) => r.header)).toEqual(['From', 'To']);
    expect(out.repaired[0]?.raw).toBe('Dupont, Jean <sip:1@h>;tag=t1');
    expect(out.message).toContain('To: <sip:unknown@invalid.invalid>\r\n');
  });

  it('leaves responses and garbage alone, and never throws', () => {
    const response = 'SIP/2.0 200 OK\r\nFrom: <<<\r\n\r\n';
    expect(repairIdentityHeaders(response, sipJsAccepts).message).toBe(response);
    for (const junk of ['', '\r\n\r\n', 'INVITE', ':::', 'From: <<<']) {
      expect(() => repairIdentityHeaders(junk, sipJsAccepts)).not.toThrow();
    }
    expect(repairIdentityHeaders(invite('<<'), () => { throw new Error('boom'); }).message).toBe(invite('<<'));
  });
});
