/**
 * The public surface's pages: server-rendered HTML in French that works without JavaScript, read on
 * a phone as well as on a desk (viewport meta, one column, text at the reader's size). Everything
 * interpolated is escaped by `html` unless it is already `SafeHtml`.
 */

/** HTML that is safe to insert as is: made by `html`, or by `raw` for a constant. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Interpolated = SafeHtml | string | number | null | undefined | false | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** A template whose every `${value}` is escaped (arrays are joined, SafeHtml kept, null dropped). */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => (out += render(value) + strings[i + 1]!));
  return new SafeHtml(out);
}

/** A constant of this code, never text from a request. */
export const raw = (text: string) => new SafeHtml(text);

export const STYLESHEET_PATH = '/public.css';

export interface PublicPage {
  title: string;
  body: SafeHtml;
  /** `noindex` for pages behind a signed link (default true: only the privacy page is for everyone). */
  noindex?: boolean;
  /** A banner above the main content (a section's name, its navigation), as `<header>`. */
  header?: SafeHtml;
  /** Stylesheets of this surface after the common one (a section's own, e.g. the portal's). */
  stylesheets?: readonly string[];
}

export function renderPage(page: PublicPage): string {
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${page.noindex === false ? '' : raw('<meta name="robots" content="noindex, nofollow">\n')}<title>${page.title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
${(page.stylesheets ?? []).map((href) => html`<link rel="stylesheet" href="${href}">
`)}<link rel="icon" href="data:,">
</head>
<body>
${page.header ? html`<header>
${page.header}
</header>
` : ''}<main>
${page.body}
</main>
</body>
</html>
`.text;
}

/** The pages the surface itself answers with, whatever the route. */
export const errorPages = {
  notFound: (): PublicPage => ({
    title: 'Page introuvable',
    body: html`<h1>Page introuvable</h1>
<p>Cette adresse ne mène à aucune page. Si vous l’avez reçue dans un message, vérifiez qu’elle est complète : un lien coupé en deux ne fonctionne pas.</p>`,
  }),
  tooMany: (seconds: number): PublicPage => ({
    title: 'Trop de demandes',
    body: html`<h1>Trop de demandes</h1>
<p>Vous avez fait beaucoup de demandes en peu de temps. Réessayez dans ${seconds} seconde${seconds > 1 ? 's' : ''}.</p>`,
  }),
  formRefused: (): PublicPage => ({
    title: 'Formulaire expiré',
    body: html`<h1>Ce formulaire a expiré</h1>
<p>Votre réponse n’a pas été enregistrée : le formulaire était ouvert depuis trop longtemps, ou il a été envoyé depuis un autre site. Revenez à la page précédente, rechargez-la, puis envoyez-le de nouveau.</p>`,
  }),
  tooLarge: (): PublicPage => ({
    title: 'Envoi trop volumineux',
    body: html`<h1>Envoi trop volumineux</h1>
<p>Ce que vous avez envoyé dépasse la taille permise. Raccourcissez votre texte et réessayez.</p>`,
  }),
  methodNotAllowed: (): PublicPage => ({
    title: 'Demande non permise',
    body: html`<h1>Demande non permise</h1>
<p>Cette page ne s’utilise pas ainsi.</p>`,
  }),
  failed: (): PublicPage => ({
    title: 'Erreur',
    body: html`<h1>Une erreur est survenue</h1>
<p>Votre demande n’a pas abouti. Réessayez dans quelques minutes ; si cela continue, appelez-nous.</p>`,
  }),
};

/** The one stylesheet (no inline style: the CSP forbids it). Sized in rem: the reader's own text size. */
export const STYLESHEET = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1.0625rem;
  line-height: 1.55;
  color: #1d2430;
  background: #f6f7f9;
}
main {
  max-width: 42rem;
  margin: 0 auto;
  padding: 1.25rem 1rem 3rem;
  background: #fff;
  min-height: 100vh;
  overflow-wrap: anywhere;
}
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.2rem; line-height: 1.3; margin: 2rem 0 0.5rem; }
p, ul, dl { margin: 0 0 1rem; }
ul { padding-left: 1.25rem; }
li { margin-bottom: 0.35rem; }
a { color: #0b57b0; }
dt { font-weight: 600; }
dd { margin: 0 0 0.75rem; }
.note { color: #4a5463; font-size: 0.95rem; }
label { display: block; font-weight: 600; margin: 1rem 0 0.35rem; }
input, textarea, select, button { font: inherit; max-width: 100%; }
input[type="text"], input[type="email"], input[type="tel"], textarea { width: 100%; padding: 0.6rem; border: 1px solid #8a94a3; border-radius: 0.4rem; }
button { margin-top: 1.25rem; padding: 0.75rem 1.25rem; min-height: 2.75rem; border: 0; border-radius: 0.4rem; background: #0b57b0; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #0b57b0; border: 1px solid #0b57b0; }
fieldset { border: 0; padding: 0; margin: 1rem 0 0; }
legend { font-weight: 600; padding: 0; }
label.choice { display: flex; align-items: center; gap: 0.5rem; font-weight: 400; margin: 0.5rem 0; min-height: 2.75rem; }
label.choice input { width: 1.25rem; height: 1.25rem; }
blockquote { margin: 0 0 1rem; padding: 0.5rem 1rem; border-left: 4px solid #8a94a3; color: #364152; }
/* The eleven scores: one row on a phone in portrait (11 × 2.75 rem fits 360 px), red to green, white text ≥ 4.5:1. */
.scores { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; padding: 0; margin: 1rem 0 0.25rem; }
.scores li { margin: 0; flex: 1 0 2.5rem; max-width: 3.5rem; }
.score { display: flex; align-items: center; justify-content: center; min-height: 2.75rem; border-radius: 0.4rem; color: #fff; font-weight: 700; text-decoration: none; border: 3px solid transparent; }
.score:focus-visible, .score:hover { outline: 3px solid #1d2430; outline-offset: 2px; }
.score.chosen { border-color: #1d2430; box-shadow: 0 0 0 2px #fff inset; }
.score-0, .score-1, .score-2 { background: #b42318; }
.score-3, .score-4 { background: #b93815; }
.score-5, .score-6 { background: #b54708; }
.score-7, .score-8 { background: #6b6f14; }
.score-9, .score-10 { background: #067647; }
.scale { display: flex; justify-content: space-between; color: #4a5463; font-size: 0.9rem; }
@media (min-width: 48rem) { main { margin-top: 2rem; min-height: 0; border-radius: 0.75rem; padding: 2rem 2.5rem 2.5rem; } }
`;
