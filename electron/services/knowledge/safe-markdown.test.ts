import { describe, expect, it } from 'vitest';
import { renderMarkdown, safeHref } from './safe-markdown';

describe('an article’s Markdown as customers see it', () => {
  it('renders paragraphs, headings, lists, bold, italics and links', () => {
    const out = renderMarkdown('Intro **gras** et *italique*.\n\n## Étapes\n1. Couper l’eau\n2. Appeler [nous](tel:+33299000000)\n\n- un\n- deux');
    expect(out).toBe(
      '<p>Intro <strong>gras</strong> et <em>italique</em>.</p>\n<h2>Étapes</h2>\n<ol><li>Couper l’eau</li><li>Appeler <a href="tel:+33299000000">nous</a></li></ol>\n<ul><li>un</li><li>deux</li></ul>',
    );
  });

  it('lets no markup of the source through: a script stays text', () => {
    const out = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> "quoted"');
    expect(out).not.toMatch(/<script|<img/);
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('&quot;quoted&quot;');
  });

  it('keeps dangerous link targets as text', () => {
    for (const target of ['javascript:alert(1)', 'data:text/html,hi', '//evil.example/x', 'vbscript:x']) {
      expect(safeHref(target)).toBeNull();
      expect(renderMarkdown(`[clic](${target})`)).not.toContain('<a ');
    }
    expect(renderMarkdown('[aide](/aide/purger-ses-radiateurs)')).toBe('<p><a href="/aide/purger-ses-radiateurs">aide</a></p>');
  });

  it('cannot break out of an attribute with a quote in a link', () => {
    const out = renderMarkdown('[x](https://a.example/"onmouseover="alert(1))');
    expect(out).not.toMatch(/href="[^"]*"onmouseover/);
  });
});
