/**
 * « Base de connaissances »: the articles customers read on the help pages (/aide) with who read
 * them and whether they helped, the questions the assistant could not answer (what to write next),
 * an editor with the preview customers will see, and a box to try the assistant.
 */
import { useEffect, useState } from 'react';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { BackButton, useFocusOnOpen } from '../app/view-toolbar';
import { errorText, useT } from '../i18n/use-t';
import { fullDateTime } from '../format/format';
import { figuresLists, useKnowledgeStore, type KnowledgeArticle } from './knowledge-store';

const CATEGORIES = ['entretien', 'depannage', 'securite', 'devis-factures', 'rendez-vous', 'aides-renovation', 'garanties'] as const;

export function KnowledgeView() {
  const { t, locale } = useT();
  const overview = useKnowledgeStore((s) => s.overview);
  const draft = useKnowledgeStore((s) => s.draft);
  const error = useKnowledgeStore((s) => s.error);
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const heading = useFocusOnOpen<HTMLHeadingElement>('knowledge');
  useEffect(() => {
    if (linkUp) void useKnowledgeStore.getState().load();
  }, [linkUp]);
  const { mostRead, leastHelpful } = figuresLists(overview?.articles ?? []);

  return (
    <article className="knowledge" data-testid="knowledge">
      <div className="view-toolbar">
        <BackButton />
        <h1 className="view-kicker" tabIndex={-1} ref={heading}>
          {t('knowledge.title')}
        </h1>
        {overview && <span className="muted">{t('knowledge.publicAt', { path: overview.publicPath })}</span>}
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {overview && (
        <p className="muted" data-testid="knowledge-figures">
          {t('knowledge.figures', overview.figures)}
        </p>
      )}
      <div className="knowledge-columns">
        <section aria-labelledby="knowledge-articles">
          <div className="knowledge-heading">
            <h2 id="knowledge-articles">{t('knowledge.articles')}</h2>
            <NewArticleButton />
          </div>
          {CATEGORIES.map((category) => {
            const articles = (overview?.articles ?? []).filter((a) => a.category === category);
            if (articles.length === 0) return null;
            return (
              <div key={category}>
                <h3>{t(`knowledge.category.${category}`)}</h3>
                <ul className="knowledge-list">
                  {articles.map((a) => (
                    <ArticleRow key={a.id} article={a} selected={draft?.id === a.id} />
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
        <div>
          {draft ? <ArticleEditor /> : <AssistantTrial />}
          <section aria-labelledby="knowledge-most-read">
            <h2 id="knowledge-most-read">{t('knowledge.mostRead')}</h2>
            {mostRead.length === 0 ? <p className="muted">{t('knowledge.noFigures')}</p> : <FigureList articles={mostRead} />}
            <h2>{t('knowledge.leastHelpful')}</h2>
            {leastHelpful.length === 0 ? <p className="muted">{t('knowledge.noFigures')}</p> : <FigureList articles={leastHelpful} />}
          </section>
          <section aria-labelledby="knowledge-unanswered">
            <h2 id="knowledge-unanswered">{t('knowledge.unanswered')}</h2>
            {(overview?.unanswered.length ?? 0) === 0 ? (
              <p className="muted">{t('knowledge.unansweredNone')}</p>
            ) : (
              <ul className="knowledge-list" data-testid="knowledge-unanswered">
                {overview!.unanswered.map((u) => (
                  <li key={`${u.conversationId}-${u.at}`}>
                    <span>« {u.question} »</span>
                    <span className="muted">
                      {fullDateTime(u.at, locale)}
                      {u.handedOver ? ` · ${t('knowledge.handedOver')}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </article>
  );
}

function NewArticleButton() {
  const { t } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  if (!canWrite) return null;
  return (
    <button type="button" className="btn btn-small" onClick={() => useKnowledgeStore.getState().edit(null)} data-testid="knowledge-new">
      {t('knowledge.new')}
    </button>
  );
}

function ArticleRow({ article, selected }: { article: KnowledgeArticle; selected: boolean }) {
  const { t } = useT();
  return (
    <li className={selected ? 'selected' : undefined}>
      <button type="button" className="link" onClick={() => useKnowledgeStore.getState().edit(article)} aria-current={selected || undefined}>
        {article.title}
      </button>
      <span className="muted">
        {!article.published && <span className="pill pill-idle">{t('knowledge.unpublished')}</span>} {t('knowledge.readers', { count: article.readers })} ·{' '}
        {t('knowledge.helpfulness', { yes: article.helpful, no: article.notHelpful })}
      </span>
    </li>
  );
}

function FigureList({ articles }: { articles: readonly KnowledgeArticle[] }) {
  const { t } = useT();
  return (
    <ul className="knowledge-list">
      {articles.map((a) => (
        <li key={a.id}>
          <span>{a.title}</span>
          <span className="muted">
            {t('knowledge.readers', { count: a.readers })} · {t('knowledge.helpfulness', { yes: a.helpful, no: a.notHelpful })}
          </span>
        </li>
      ))}
    </ul>
  );
}

function ArticleEditor() {
  const { t } = useT();
  const draft = useKnowledgeStore((s) => s.draft)!;
  const preview = useKnowledgeStore((s) => s.preview);
  const saved = useKnowledgeStore((s) => s.saved);
  const busy = useKnowledgeStore((s) => s.busy);
  const canWrite = useConnectionStore(selectCanWrite);
  const store = useKnowledgeStore.getState();
  useEffect(() => {
    // The preview follows the text after a short pause (the service renders it, as the public page will).
    const timer = setTimeout(() => void useKnowledgeStore.getState().refreshPreview(), 300);
    return () => clearTimeout(timer);
  }, [draft.body]);
  return (
    <form
      className="form knowledge-editor"
      data-testid="knowledge-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void store.save();
      }}
    >
      <label>
        {t('knowledge.field.title')}
        <input type="text" value={draft.title} maxLength={200} onChange={(e) => store.change({ title: e.target.value })} required disabled={!canWrite} data-testid="knowledge-title" />
      </label>
      {draft.slug && <p className="muted">{t('knowledge.field.slug', { slug: draft.slug })}</p>}
      <label>
        {t('knowledge.field.category')}
        <select value={draft.category} onChange={(e) => store.change({ category: e.target.value as (typeof CATEGORIES)[number] })} disabled={!canWrite}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`knowledge.category.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('knowledge.field.keywords')}
        <input type="text" value={draft.keywords} maxLength={1000} onChange={(e) => store.change({ keywords: e.target.value })} disabled={!canWrite} />
      </label>
      <label>
        {t('knowledge.field.body')}
        <textarea rows={12} value={draft.body} onChange={(e) => store.change({ body: e.target.value })} required disabled={!canWrite} data-testid="knowledge-body" />
      </label>
      <label className="knowledge-switch">
        <input type="checkbox" checked={draft.published} onChange={(e) => store.change({ published: e.target.checked })} disabled={!canWrite} /> {t('knowledge.field.published')}
      </label>
      <div className="form-actions">
        {canWrite && (
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="knowledge-save">
            {t('knowledge.save')}
          </button>
        )}
        {canWrite && draft.id && (
          <button type="button" className="btn" disabled={busy} onClick={() => window.confirm(t('knowledge.removeConfirm')) && void store.remove()}>
            {t('knowledge.remove')}
          </button>
        )}
        <button type="button" className="btn" onClick={() => useKnowledgeStore.setState({ draft: null, preview: '' })}>
          {t('knowledge.close')}
        </button>
        {saved && (
          <span role="status" data-testid="knowledge-saved">
            {t('knowledge.saved')}
          </span>
        )}
      </div>
      <h2>{t('knowledge.preview')}</h2>
      {/* The service's rendering escapes everything and allows only text structure and safe links (safe-markdown.ts). */}
      <div className="knowledge-preview" data-testid="knowledge-preview" dangerouslySetInnerHTML={{ __html: preview }} />
    </form>
  );
}

function AssistantTrial() {
  const { t } = useT();
  const trial = useKnowledgeStore((s) => s.trial);
  const [question, setQuestion] = useState('');
  return (
    <section aria-labelledby="knowledge-try">
      <h2 id="knowledge-try">{t('knowledge.try')}</h2>
      <form
        className="form knowledge-try"
        onSubmit={(e) => {
          e.preventDefault();
          if (question.trim()) void useKnowledgeStore.getState().tryAssistant(question);
        }}
      >
        <label>
          {t('knowledge.tryLabel')}
          <input type="text" value={question} maxLength={500} onChange={(e) => setQuestion(e.target.value)} data-testid="knowledge-try-question" />
        </label>
        <button type="submit" className="btn btn-small">
          {t('knowledge.tryButton')}
        </button>
      </form>
      {trial && (
        <div className="knowledge-trial" data-testid="knowledge-trial" aria-live="polite">
          <p>{trial.text}</p>
          {trial.sources.length > 0 && <p className="muted">{trial.sources.map((s) => s.label).join(' · ')}</p>}
          {trial.offerHandover && <p className="muted">{t('knowledge.tryHandover')}</p>}
        </div>
      )}
    </section>
  );
}
