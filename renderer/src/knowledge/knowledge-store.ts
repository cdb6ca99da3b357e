/**
 * The knowledge base in the renderer: Claire's articles with their figures, the questions the
 * assistant could not answer, the article being edited and its safe preview (rendered by the
 * service, exactly as customers will see it).
 */
import { create } from 'zustand';
import type { CallInput, CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import type { UiError } from '../ui/ui-error';
import { busyAction } from '../ui/busy-action';

export type KnowledgeOverview = CallOutput<'knowledge.overview'>;
export type KnowledgeArticle = KnowledgeOverview['articles'][number];
export type ArticleDraft = CallInput<'knowledge.save'>;
export type AssistantTrial = CallOutput<'knowledge.tryAssistant'>;

export const EMPTY_DRAFT: ArticleDraft = { id: null, title: '', slug: '', category: 'entretien', keywords: '', body: '', published: true };

interface KnowledgeState {
  overview: KnowledgeOverview | null;
  draft: ArticleDraft | null;
  preview: string;
  trial: AssistantTrial | null;
  error: UiError | null;
  saved: boolean;
  busy: boolean;
  load(): Promise<void>;
  edit(article: KnowledgeArticle | null): void;
  change(change: Partial<ArticleDraft>): void;
  refreshPreview(): Promise<void>;
  save(): Promise<void>;
  remove(): Promise<void>;
  tryAssistant(question: string): Promise<void>;
}

export const useKnowledgeStore = create<KnowledgeState>()((set, get) => {
  const guarded = busyAction(set);
  return {
    overview: null,
    draft: null,
    preview: '',
    trial: null,
    error: null,
    saved: false,
    busy: false,
    load: () => guarded(async () => set({ overview: await api().invoke('knowledge.overview', {}) })),
    edit(article) {
      const draft: ArticleDraft = article
        ? { id: article.id, title: article.title, slug: article.slug, category: article.category, keywords: article.keywords, body: article.body, published: article.published }
        : { ...EMPTY_DRAFT };
      set({ draft, saved: false, error: null });
      void get().refreshPreview();
    },
    change(change) {
      const draft = get().draft;
      if (!draft) return;
      set({ draft: { ...draft, ...change }, saved: false });
    },
    async refreshPreview() {
      const draft = get().draft;
      if (!draft) return;
      try {
        set({ preview: (await api().invoke('knowledge.preview', { body: draft.body })).html });
      } catch {
        // The preview follows the next change.
      }
    },
    save: () =>
      guarded(async () => {
        const draft = get().draft;
        if (!draft) return;
        const saved = await api().invoke('knowledge.save', draft);
        set({ draft: { ...draft, id: saved.id, slug: saved.slug }, saved: true });
        await get().load();
      }),
    remove: () =>
      guarded(async () => {
        const id = get().draft?.id;
        if (!id) return;
        await api().invoke('knowledge.remove', { id });
        set({ draft: null, preview: '' });
        await get().load();
      }),
    tryAssistant: (question) =>
      guarded(async () => {
        set({ trial: await api().invoke('knowledge.tryAssistant', { question }) });
      }),
  };
});

/** The articles most read, and those readers found least helpful (at least three answers). */
export function figuresLists(articles: readonly KnowledgeArticle[]): { mostRead: KnowledgeArticle[]; leastHelpful: KnowledgeArticle[] } {
  const mostRead = [...articles].filter((a) => a.readers > 0).sort((a, b) => b.readers - a.readers || a.title.localeCompare(b.title)).slice(0, 5);
  const answered = articles.filter((a) => a.helpful + a.notHelpful >= 3);
  const leastHelpful = [...answered].sort((a, b) => a.helpful / (a.helpful + a.notHelpful) - b.helpful / (b.helpful + b.notHelpful) || b.notHelpful - a.notHelpful).slice(0, 5);
  return { mostRead, leastHelpful };
}
