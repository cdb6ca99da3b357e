import { describe, expect, it } from 'vitest';
import { MemorySecrets } from '../../../test/support/memory-secrets';
import { FormProtection, formCookie, formKey, postFromOrigins, readCookies } from './form-protection';

const start = new Date('2025-03-10T09:00:00Z');

function protection() {
  let now = start;
  const forms = new FormProtection(formKey(new MemorySecrets()), { now: () => now });
  return { forms, at: (date: Date) => (now = date) };
}

describe('form protection (CSRF)', () => {
  it("accepts a form's token with the cookie it was made for, on the action it was made for", () => {
    const { forms } = protection();
    const cookie = forms.cookieFor(undefined);
    expect(cookie.fresh).toBe(true);
    const token = forms.tokenFor(cookie.value, '/enquete/abc');
    expect(forms.check(cookie.value, token, '/enquete/abc')).toBe('ok');
  });

  it('refuses a missing cookie or token', () => {
    const { forms } = protection();
    const cookie = forms.cookieFor(undefined).value;
    expect(forms.check(undefined, forms.tokenFor(cookie, '/f'), '/f')).toBe('missing');
    expect(forms.check(cookie, undefined, '/f')).toBe('missing');
    expect(forms.check(cookie, '', '/f')).toBe('missing');
  });

  it("refuses a token from another visitor's page, another form, or made up", () => {
    const { forms } = protection();
    const mine = forms.cookieFor(undefined).value;
    const theirs = forms.cookieFor(undefined).value;
    expect(forms.check(mine, forms.tokenFor(theirs, '/f'), '/f')).toBe('forged');
    expect(forms.check(mine, forms.tokenFor(mine, '/other'), '/f')).toBe('forged');
    const token = forms.tokenFor(mine, '/f');
    // One character of the MAC changed (its first: the last one of base64url may only carry padding bits).
    const macStart = token.indexOf('.') + 1;
    const flipped = token.slice(0, macStart) + (token[macStart] === 'A' ? 'B' : 'A') + token.slice(macStart + 1);
    expect(forms.check(mine, flipped, '/f')).toBe('forged');
    expect(forms.check(mine, 'abc.def', '/f')).toBe('forged');
    // Double submit alone is not enough: a cookie equal to the token proves nothing.
    expect(forms.check(token, token, '/f')).toBe('forged');
  });

  it('refuses a token made with another key (another server)', () => {
    const a = protection().forms;
    const b = protection().forms;
    const cookie = a.cookieFor(undefined).value;
    expect(b.check(cookie, a.tokenFor(cookie, '/f'), '/f')).toBe('forged');
  });

  it('refuses a token older than a day', () => {
    const { forms, at } = protection();
    const cookie = forms.cookieFor(undefined).value;
    const token = forms.tokenFor(cookie, '/f');
    at(new Date(start.getTime() + 23 * 3_600_000));
    expect(forms.check(cookie, token, '/f')).toBe('ok');
    at(new Date(start.getTime() + 24 * 3_600_000));
    expect(forms.check(cookie, token, '/f')).toBe('expired');
  });

  it('keeps a cookie of its own, replaces anything else', () => {
    const { forms } = protection();
    const cookie = forms.cookieFor(undefined).value;
    expect(forms.cookieFor(cookie)).toEqual({ value: cookie, fresh: false });
    expect(forms.cookieFor('x').fresh).toBe(true);
  });

  it('keeps its key in the secret store, so a restart accepts the forms already open', () => {
    const secrets = new MemorySecrets();
    const before = new FormProtection(formKey(secrets));
    const cookie = before.cookieFor(undefined).value;
    expect(new FormProtection(formKey(secrets)).check(cookie, before.tokenFor(cookie, '/f'), '/f')).toBe('ok');
  });

  it('sets a Strict, HttpOnly cookie, Secure over https', () => {
    expect(formCookie('v', true)).toMatch(/^accueil_formulaire=v; Path=\/; HttpOnly; SameSite=Strict; Secure; Max-Age=86400$/);
    expect(formCookie('v', false)).not.toContain('Secure');
    expect(readCookies('a=1; accueil_formulaire=x; accueil_formulaire=y').get('accueil_formulaire')).toBe('x');
  });

  it("checks a post's Origin, or its Referer when there is no Origin", () => {
    const ours = ['https://accueil.example.fr', 'http://127.0.0.1:8443'];
    expect(postFromOrigins({ origin: 'https://accueil.example.fr' }, ours)).toBe(true);
    expect(postFromOrigins({ origin: 'https://evil.example' }, ours)).toBe(false);
    expect(postFromOrigins({ origin: 'null' }, ours)).toBe(false);
    expect(postFromOrigins({ origin: 'https://accueil.example.fr.evil.example' }, ours)).toBe(false);
    expect(postFromOrigins({ referer: 'https://accueil.example.fr/enquete/abc' }, ours)).toBe(true);
    expect(postFromOrigins({ referer: 'https://evil.example/https://accueil.example.fr/' }, ours)).toBe(false);
    expect(postFromOrigins({}, ours)).toBe(false);
  });
});
