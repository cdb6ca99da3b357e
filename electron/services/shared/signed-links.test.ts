import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySecrets } from '../../../test/support/memory-secrets';
import { FileSecretStore } from '../settings/secret-store';
import { createLinkSigner, LINK_KEYS_SECRET } from './signed-links';

const NOW = new Date('2025-03-10T09:00:00Z');
const IN_A_WEEK = new Date('2025-03-17T09:00:00Z');
const link = { purpose: 'survey', subject: 'call-1234', expiresAt: IN_A_WEEK };

/** The token with one character of part `index` changed. */
function tamper(token: string, index: number): string {
  const parts = token.split('.');
  const part = parts[index]!;
  parts[index] = (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
  return parts.join('.');
}

describe('signed links', () => {
  it('gives back the subject of a link it signed, until it expires', () => {
    const signer = createLinkSigner(new MemorySecrets(), { now: () => NOW });
    const token = signer.sign(link);
    expect(token).toMatch(/^k1\.survey\.[0-9a-z]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const check = signer.verify(token, 'survey');
    expect(check).toMatchObject({ ok: true, subject: 'call-1234', purpose: 'survey', keyId: 'k1', expiresAt: IN_A_WEEK });
    expect(signer.verify(token, 'survey', new Date(IN_A_WEEK.getTime() - 1000)).ok).toBe(true);
  });

  it('refuses a link past its expiry as expired', () => {
    const signer = createLinkSigner(new MemorySecrets());
    const token = signer.sign(link);
    expect(signer.verify(token, 'survey', IN_A_WEEK)).toEqual({ ok: false, refusal: 'expired' });
  });

  it('refuses a link made for another purpose', () => {
    const signer = createLinkSigner(new MemorySecrets());
    expect(signer.verify(signer.sign(link), 'portal-login', NOW)).toEqual({ ok: false, refusal: 'wrong_purpose' });
  });

  it('refuses as forged a link whose subject, expiry, purpose or mac was edited', () => {
    const signer = createLinkSigner(new MemorySecrets());
    const token = signer.sign(link);
    const [keyId, , expiry, subject, mac] = token.split('.');
    // Another subject with the same mac; a later expiry; the purpose swapped to pass the purpose check.
    expect(signer.verify([keyId, 'survey', expiry, Buffer.from('call-9999').toString('base64url'), mac].join('.'), 'survey', NOW)).toEqual({ ok: false, refusal: 'forged' });
    expect(signer.verify([keyId, 'survey', (parseInt(expiry!, 36) + 86_400).toString(36), subject, mac].join('.'), 'survey', NOW)).toEqual({ ok: false, refusal: 'forged' });
    expect(signer.verify([keyId, 'portal-login', expiry, subject, mac].join('.'), 'portal-login', NOW)).toEqual({ ok: false, refusal: 'forged' });
    expect(signer.verify(tamper(token, 4), 'survey', NOW)).toEqual({ ok: false, refusal: 'forged' });
    expect(signer.verify(tamper(token, 3), 'survey', NOW)).toEqual({ ok: false, refusal: 'forged' });
  });

  it('refuses as forged what is not a token at all', () => {
    const signer = createLinkSigner(new MemorySecrets());
    const token = signer.sign(link);
    for (const junk of ['', 'abc', token.slice(0, -1), `${token}.x`, token.replace(/\.[^.]+$/, '.'), token.replace(/^k1/, 'K1'), `${token}=`, token.replace(/\.[^.]+$/, `.${'A'.repeat(44)}`)]) {
      expect(signer.verify(junk, 'survey', NOW), junk).toEqual({ ok: false, refusal: 'forged' });
    }
  });

  it("refuses a link signed with another server's key", () => {
    const ours = createLinkSigner(new MemorySecrets());
    const theirs = createLinkSigner(new MemorySecrets());
    expect(ours.verify(theirs.sign(link), 'survey', NOW)).toEqual({ ok: false, refusal: 'forged' });
  });

  it('keeps verifying links of older keys after a rotation, signs with the newest, and refuses a retired key', () => {
    const signer = createLinkSigner(new MemorySecrets());
    const before = signer.sign(link);
    expect(signer.rotate()).toBe('k2');
    const after = signer.sign(link);
    expect(after.startsWith('k2.')).toBe(true);
    expect(signer.verify(before, 'survey', NOW).ok).toBe(true);
    expect(signer.verify(after, 'survey', NOW).ok).toBe(true);
    signer.retire('k1');
    expect(signer.keyIds()).toEqual(['k2']);
    expect(signer.verify(before, 'survey', NOW)).toEqual({ ok: false, refusal: 'unknown_key' });
    expect(signer.verify(after, 'survey', NOW).ok).toBe(true);
    expect(() => signer.retire('k2')).toThrow(/last signing key/);
  });

  it('keeps its keys in the secret store: a restart verifies the links it sent, and sees a rotation by another process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-links-'));
    try {
      const first = createLinkSigner(new FileSecretStore(dir));
      const token = first.sign(link);
      const restarted = createLinkSigner(new FileSecretStore(dir));
      expect(restarted.verify(token, 'survey', NOW).ok).toBe(true);
      restarted.rotate();
      expect(first.verify(restarted.sign(link), 'survey', NOW).ok).toBe(true);
      // The keys are in secrets.json only (mode 0600), not in settings or the database.
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8'))[LINK_KEYS_SECRET]).toContain('"k2"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('carries any text as subject, and gives each token its own link id', () => {
    const signer = createLinkSigner(new MemorySecrets());
    const subject = 'client:0042/devis.é"\n';
    const a = signer.sign({ ...link, subject });
    const b = signer.sign({ ...link, subject, expiresAt: new Date(IN_A_WEEK.getTime() + 1000) });
    const checkA = signer.verify(a, 'survey', NOW);
    const checkB = signer.verify(b, 'survey', NOW);
    expect(checkA.ok && checkA.subject).toBe(subject);
    expect(checkA.ok && checkB.ok && checkA.linkId !== checkB.linkId).toBe(true);
  });

  it('refuses to sign a link with a bad purpose, subject or expiry', () => {
    const signer = createLinkSigner(new MemorySecrets());
    expect(() => signer.sign({ ...link, purpose: 'Survey.x' })).toThrow(RangeError);
    expect(() => signer.sign({ ...link, subject: '' })).toThrow(RangeError);
    expect(() => signer.sign({ ...link, expiresAt: new Date('nope') })).toThrow(RangeError);
  });

  it('does not replace an unreadable key set (every link sent would be refused)', () => {
    const secrets = new MemorySecrets();
    secrets.set(LINK_KEYS_SECRET, '{not json');
    expect(() => createLinkSigner(secrets)).toThrow(/illisible/);
    expect(secrets.get(LINK_KEYS_SECRET)).toBe('{not json');
  });
});
