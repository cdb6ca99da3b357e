/**
 * The help pages and the assistant on the public surface, for anyone, without JavaScript:
 *
 *   GET  /aide                              the articles by category, a search box, the assistant
 *   GET  /aide/recherche?q=…                search (accents, typos and slang forgiven)
 *   GET  /aide/:article                     an article, « Cet article vous a-t-il aidé ? »
 *   POST /aide/:article/avis                the answer to that question (a form: CSRF)
 *   POST /aide/assistant                    a first question: a conversation starts
 *   GET  /aide/assistant/:conversation      the conversation, the next question, the handover
 *   POST /aide/assistant/:conversation      a next question
 *   POST /aide/assistant/:conversation/relais   « être rappelé » or « laisser une demande »
 *
 * A conversation is reached by its id only: 144 random bits, in the address of its page like a signed
 * link, never listed anywhere public, never sent to another site (the surface's Referrer-Policy is
 * same-origin; not no-referrer, under which a browser posts its forms with « Origin: null »); one begun by a signed-in customer (the portal) is not readable
 * here at all. The help pages say nothing of any customer: the assistant answers from articles here,
 * and from records only on the portal, for the customer signed in.
 */
import { ServiceError } from '../../contract/envelope';
import { CATEGORY_LABELS, KNOWLEDGE_CATEGORIES } from '../../services/knowledge/seed-articles';
import type { TurnRow } from '../../services/knowledge/knowledge-repository';
import { html, raw, type PublicPage, type SafeHtml } from './public-page';
import { askForm, conversationBody, csrfPerAction, turnsShown, type HandoverDone } from './assistant-pages';
import type { PublicArea } from './public-areas';
import type { PublicReply, PublicRequest } from './public-routes';

const ANONYMOUS = { contactId: null, companyId: null, channel: 'aide' as const, facts: null };
const VISITOR = { signedIn: false, phone: '' };

function searchForm(query = ''): SafeHtml {
  return html`<form method="get" action="/aide/recherche" role="search">
<label for="q">Rechercher dans l’aide</label>
<input type="text" id="q" name="q" value="${query}" maxlength="200" autocomplete="off">
<button type="submit">Rechercher</button>
</form>`;
}

function conversationPage(conversationId: string, turns: readonly TurnRow[], done: HandoverDone, csrfFor: (action: string) => SafeHtml, error: string | null): PublicPage {
  return {
    title: 'Assistant',
    body: html`<p class="note"><a href="/aide">← Aide</a></p>
<h1>Assistant</h1>
<p class="note">L’assistant répond à partir de nos articles d’aide. Il ne connaît pas votre dossier ici : pour vos rendez-vous, devis et factures, connectez-vous à votre <a href="/portail">espace client</a>.</p>
${conversationBody(`/aide/assistant/${conversationId}`, turns, done, csrfFor, error, VISITOR)}`,
  };
}

function homePage(groups: Array<{ label: string; articles: Array<{ slug: string; title: string }> }>, csrf: SafeHtml): PublicPage {
  return {
    title: 'Aide',
    noindex: false,
    body: html`<h1>Aide</h1>
${searchForm()}
${askForm('/aide/assistant', csrf)}
<p class="note">Pour vos rendez-vous, devis, factures et attestations : votre <a href="/portail">espace client</a>.</p>
${groups.map((group) => html`<h2>${group.label}</h2><ul>${group.articles.map((a) => html`<li><a href="/aide/${a.slug}">${a.title}</a></li>`)}</ul>`)}`,
  };
}

export const knowledgePublicArea: PublicArea = {
  name: 'knowledge',
  register(routes, { port, logger }) {
    const base = () => port('knowledge');
    const log = logger.child('aide');

    routes.get('/aide', (_request, reply) => {
      const articles = base().published();
      const groups = KNOWLEDGE_CATEGORIES.map((category) => ({
        label: CATEGORY_LABELS[category].fr,
        articles: articles.filter((a) => a.category === category).map((a) => ({ slug: a.slug, title: a.title })),
      })).filter((g) => g.articles.length > 0);
      reply.page(200, homePage(groups, reply.csrfField('/aide/assistant')));
    });

    routes.get('/aide/recherche', (request, reply) => {
      const query = (request.query.get('q') ?? '').slice(0, 200);
      const found = query.trim() ? base().search(query) : [];
      reply.page(200, {
        title: 'Recherche — Aide',
        body: html`<p class="note"><a href="/aide">← Aide</a></p>
<h1>Recherche</h1>
${searchForm(query)}
${
  query.trim() === ''
    ? ''
    : found.length > 0
      ? html`<h2>${found.length} article${found.length > 1 ? 's' : ''}</h2><ul>${found.map((a) => html`<li><a href="/aide/${a.slug}">${a.title}</a></li>`)}</ul>`
      : html`<p role="status">Aucun article ne correspond. Posez votre question à l’assistant, ou parlez à une personne.</p>`
}
${askForm('/aide/assistant', reply.csrfField('/aide/assistant'))}`,
      });
    });

    routes.post(
      '/aide/assistant',
      (request, reply) => {
        const question = request.form.get('question') ?? '';
        if (!question.trim()) return reply.redirect('/aide');
        const { conversationId } = base().ask(null, question, ANONYMOUS);
        reply.redirect(`/aide/assistant/${conversationId}`);
      },
      { csrf: true, maxBodyBytes: 4_096 },
    );

    const showConversation = (request: PublicRequest, reply: PublicReply, error: string | null, status = 200) => {
      const id = request.params['conversation']!;
      const found = base().conversation(id, ANONYMOUS);
      if (!found) return reply.page(404, { title: 'Conversation introuvable', body: html`<h1>Conversation introuvable</h1><p>Cette conversation n’existe pas ou n’est plus disponible.</p><p><a href="/aide">Retour à l’aide</a></p>` });
      reply.header('Cache-Control', 'no-store');
      const turns = turnsShown(found.turns, request.query.get('relais') === '1');
      reply.page(status, conversationPage(id, turns, base().handoverOf(id), csrfPerAction((action) => reply.csrfField(action)), error));
    };

    routes.get('/aide/assistant/:conversation', (request, reply) => showConversation(request, reply, null));

    routes.post(
      '/aide/assistant/:conversation',
      (request, reply) => {
        const id = request.params['conversation']!;
        const question = request.form.get('question') ?? '';
        if (!question.trim()) return reply.redirect(`/aide/assistant/${id}`);
        if (!base().conversation(id, ANONYMOUS)) return showConversation(request, reply, null);
        base().ask(id, question, ANONYMOUS);
        reply.redirect(`/aide/assistant/${id}`);
      },
      { csrf: true, maxBodyBytes: 4_096 },
    );

    routes.post(
      '/aide/assistant/:conversation/relais',
      (request, reply) => {
        const id = request.params['conversation']!;
        const kind = request.form.get('kind') === 'ticket' ? 'ticket' : 'callback';
        try {
          base().handover(
            { conversationId: id, kind, name: request.form.get('name') ?? '', phone: request.form.get('phone') ?? '', email: request.form.get('email') ?? '', message: request.form.get('message') ?? '' },
            ANONYMOUS,
          );
        } catch (error) {
          if (!(error instanceof ServiceError)) throw error;
          log.info('handover refused', { reason: error.reason });
          return showConversation({ ...request, query: new URLSearchParams('relais=1') }, reply, error.message, error.code === 'not_found' ? 404 : 400);
        }
        reply.redirect(`/aide/assistant/${id}`);
      },
      { csrf: true, maxBodyBytes: 8_192 },
    );

    routes.get('/aide/:article', (request, reply) => {
      const article = base().publishedArticle(request.params['article']!);
      if (!article) return reply.page(404, { title: 'Article introuvable', body: html`<h1>Article introuvable</h1><p>Cet article n’existe pas ou n’est plus publié.</p><p><a href="/aide">Retour à l’aide</a></p>` });
      // A HEAD (a link checker) does not count as a reader.
      if (request.method === 'GET') base().recordRead(article, request.clientIp);
      const thanks = request.query.get('merci');
      const action = `/aide/${article.slug}/avis`;
      reply.page(200, {
        title: `${article.title} — Aide`,
        noindex: false,
        body: html`<p class="note"><a href="/aide">← Aide</a> · ${CATEGORY_LABELS[article.category as keyof typeof CATEGORY_LABELS]?.fr ?? ''}</p>
<article>
<h1>${article.title}</h1>
${raw(base().html(article))}
</article>
${
  thanks
    ? html`<p role="status">Merci pour votre réponse !${thanks === 'non' ? ' Dites-nous ce qui manque : posez votre question à l’assistant ou parlez à une personne.' : ''}</p>`
    : html`<form method="post" action="${action}">
${reply.csrfField(action)}
<fieldset>
<legend>Cet article vous a-t-il aidé ?</legend>
<button type="submit" name="aide" value="oui">Oui</button>
<button type="submit" name="aide" value="non" class="secondary">Non</button>
</fieldset>
</form>`
}
${askForm('/aide/assistant', reply.csrfField('/aide/assistant'), 'Une autre question ?')}`,
      });
    });

    routes.post(
      '/aide/:article/avis',
      (request, reply) => {
        const article = base().publishedArticle(request.params['article']!);
        if (!article) return reply.page(404, { title: 'Article introuvable', body: html`<h1>Article introuvable</h1>` });
        const helpful = request.form.get('aide');
        if (helpful !== 'oui' && helpful !== 'non') return reply.redirect(`/aide/${article.slug}`);
        base().recordFeedback(article, request.clientIp, helpful === 'oui');
        reply.redirect(`/aide/${article.slug}?merci=${helpful}`);
      },
      { csrf: true, maxBodyBytes: 1_024 },
    );
  },
};

