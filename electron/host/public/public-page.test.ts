import { describe, expect, it } from 'vitest';
import { html, raw, renderPage } from './public-page';
import { privacyPage } from './privacy-page';

describe('public pages', () => {
  it('escapes everything interpolated, keeps what is already HTML', () => {
    const name = '<script>alert(1)</script>" onload="x';
    expect(html`<p title="${name}">${name}</p>${raw('<br>')}`.text).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x">&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x</p><br>',
    );
    expect(html`${[html`<li>${'a&b'}</li>`, null, false, 2]}`.text).toBe('<li>a&amp;b</li>2');
  });

  it('is French, sized for a phone, with no inline script or style', () => {
    const page = renderPage(privacyPage());
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  it("names the company, its contacts and its retention periods when the configuration gives them", () => {
    const page = renderPage(
      privacyPage({ organisation: 'Dupont Chauffage', contactEmail: 'rgpd@dupont-chauffage.fr', contactPhone: '01 23 45 67 89', retention: { calls: '1 an' } }),
    );
    expect(page).toContain('<strong>Dupont Chauffage</strong>');
    expect(page).toContain('<a href="mailto:rgpd@dupont-chauffage.fr">');
    expect(page).toContain('<a href="tel:0123456789">01 23 45 67 89</a>');
    expect(page).toContain('<dt>Vos appels</dt><dd>1 an</dd>');
    expect(page).toContain('3 ans après votre réponse');
  });
});
