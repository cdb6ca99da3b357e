/**
 * The knowledge area's rows (knowledge-migrations.ts). SQL only: what an article is worth to a
 * customer is decided in knowledge-base.ts and assistant.ts.
 */
import { randomUUID } from 'node:crypto';
import type { AccueilDatabase } from '../store/database';
import type { AssistantAnswer } from './assistant';

export interface ArticleRow {
  id: string;
  slug: string;
  title: string;
  category: string;
  keywords: string;
  body: string;
  published: boolean;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleWithFigures extends ArticleRow {
  readers: number;
  helpful: number;
  notHelpful: number;
}

export interface TurnRow {
  seq: number;
  question: string;
  answerKind: AssistantAnswer['kind'];
  answerText: string;
  intent: string;
  sources: AssistantAnswer['sources'];
  suggestions: AssistantAnswer['suggestions'];
  offerHandover: boolean;
  at: string;
}

export interface ConversationRow {
  id: string;
  contactId: string | null;
  companyId: string | null;
  channel: 'aide' | 'portail';
  startedAt: string;
  lastAt: string;
}

export interface HandoverRow {
  conversationId: string;
  kind: 'callback' | 'ticket';
  ref: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  at: string;
}

const ARTICLE_COLUMNS = `a.id, a.slug, a.title, a.category, a.keywords, a.body, a.published, a.updated_by AS updatedBy, a.created_at AS createdAt, a.updated_at AS updatedAt`;

interface RawArticle extends Omit<ArticleRow, 'published'> {
  published: number;
}
const article = (row: RawArticle): ArticleRow => ({ ...row, published: row.published === 1 });

export class KnowledgeRepository {
  constructor(private readonly db: AccueilDatabase) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work);
  }

  state(key: string): string | null {
    return this.db.prepare<{ value: string }>(`SELECT value FROM knowledge_state WHERE key = ?`).get(key)?.value ?? null;
  }

  setState(key: string, value: string): void {
    this.db.prepare(`INSERT INTO knowledge_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(key, value);
  }

  // ── articles ─────────────────────────────────────────────────────────────────────────────────

  articles(includeUnpublished: boolean): ArticleRow[] {
    return this.db
      .prepare<RawArticle>(`SELECT ${ARTICLE_COLUMNS} FROM knowledge_articles a ${includeUnpublished ? '' : 'WHERE a.published = 1'} ORDER BY a.category, a.title`)
      .all()
      .map(article);
  }

  articlesWithFigures(): ArticleWithFigures[] {
    return this.db
      .prepare<RawArticle & { readers: number; helpful: number; notHelpful: number }>(
        `SELECT ${ARTICLE_COLUMNS},
           (SELECT count(*) FROM knowledge_article_reads r WHERE r.article_id = a.id) AS readers,
           (SELECT count(*) FROM knowledge_feedback f WHERE f.article_id = a.id AND f.helpful = 1) AS helpful,
           (SELECT count(*) FROM knowledge_feedback f WHERE f.article_id = a.id AND f.helpful = 0) AS notHelpful
         FROM knowledge_articles a ORDER BY a.category, a.title`,
      )
      .all()
      .map((row) => ({ ...article(row), readers: row.readers, helpful: row.helpful, notHelpful: row.notHelpful }));
  }

  bySlug(slug: string): ArticleRow | null {
    const row = this.db.prepare<RawArticle>(`SELECT ${ARTICLE_COLUMNS} FROM knowledge_articles a WHERE a.slug = ?`).get(slug);
    return row ? article(row) : null;
  }

  byId(id: string): ArticleRow | null {
    const row = this.db.prepare<RawArticle>(`SELECT ${ARTICLE_COLUMNS} FROM knowledge_articles a WHERE a.id = ?`).get(id);
    return row ? article(row) : null;
  }

  insertArticle(row: Omit<ArticleRow, 'id'> & { id?: string }): ArticleRow {
    const id = row.id ?? randomUUID();
    this.db
      .prepare(
        `INSERT INTO knowledge_articles (id, slug, title, category, keywords, body, published, updated_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, row.slug, row.title, row.category, row.keywords, row.body, row.published ? 1 : 0, row.updatedBy, row.createdAt, row.updatedAt);
    return this.byId(id)!;
  }

  updateArticle(id: string, change: Pick<ArticleRow, 'slug' | 'title' | 'category' | 'keywords' | 'body' | 'published' | 'updatedBy' | 'updatedAt'>): ArticleRow | null {
    const result = this.db
      .prepare(`UPDATE knowledge_articles SET slug = ?, title = ?, category = ?, keywords = ?, body = ?, published = ?, updated_by = ?, updated_at = ? WHERE id = ?`)
      .run(change.slug, change.title, change.category, change.keywords, change.body, change.published ? 1 : 0, change.updatedBy, change.updatedAt, id);
    return result.changes > 0 ? this.byId(id) : null;
  }

  deleteArticle(id: string): boolean {
    return this.db.prepare(`DELETE FROM knowledge_articles WHERE id = ?`).run(id).changes > 0;
  }

  slugTaken(slug: string, exceptId: string | null): boolean {
    return this.db.prepare(`SELECT 1 FROM knowledge_articles WHERE slug = ? AND id IS NOT ?`).get(slug, exceptId) !== undefined;
  }

  // ── readers and feedback ────────────────────────────────────────────────────────────────────

  recordRead(articleId: string, visitor: string, day: string): void {
    this.db.prepare(`INSERT OR IGNORE INTO knowledge_article_reads (article_id, visitor, day) VALUES (?, ?, ?)`).run(articleId, visitor, day);
  }

  recordFeedback(articleId: string, visitor: string, day: string, helpful: boolean, at: string): void {
    this.db
      .prepare(
        `INSERT INTO knowledge_feedback (article_id, visitor, day, helpful, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (article_id, visitor, day) DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
      )
      .run(articleId, visitor, day, helpful ? 1 : 0, at);
  }

  // ── the assistant's conversations ────────────────────────────────────────────────────────────

  conversation(id: string): ConversationRow | null {
    return (
      this.db
        .prepare<ConversationRow>(`SELECT id, contact_id AS contactId, company_id AS companyId, channel, started_at AS startedAt, last_at AS lastAt FROM assistant_conversations WHERE id = ?`)
        .get(id) ?? null
    );
  }

  startConversation(row: ConversationRow): void {
    this.db
      .prepare(`INSERT INTO assistant_conversations (id, contact_id, company_id, channel, started_at, last_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(row.id, row.contactId, row.companyId, row.channel, row.startedAt, row.lastAt);
  }

  /** A signed-in customer continues a conversation begun before signing in: it becomes theirs. */
  claimConversation(id: string, contactId: string | null, companyId: string | null): void {
    this.db.prepare(`UPDATE assistant_conversations SET contact_id = coalesce(contact_id, ?), company_id = coalesce(company_id, ?) WHERE id = ?`).run(contactId, companyId, id);
  }

  addTurn(conversationId: string, turn: Omit<TurnRow, 'seq'>): number {
    const seq = (this.db.prepare<{ n: number }>(`SELECT coalesce(max(seq), 0) AS n FROM assistant_turns WHERE conversation_id = ?`).get(conversationId)?.n ?? 0) + 1;
    this.db
      .prepare(
        `INSERT INTO assistant_turns (conversation_id, seq, question, answer_kind, answer_text, intent, sources, suggestions, offer_handover, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(conversationId, seq, turn.question, turn.answerKind, turn.answerText, turn.intent, JSON.stringify(turn.sources), JSON.stringify(turn.suggestions), turn.offerHandover ? 1 : 0, turn.at);
    this.db.prepare(`UPDATE assistant_conversations SET last_at = ? WHERE id = ?`).run(turn.at, conversationId);
    return seq;
  }

  turns(conversationId: string): TurnRow[] {
    return this.db
      .prepare<Omit<TurnRow, 'sources' | 'suggestions' | 'offerHandover'> & { sources: string; suggestions: string; offerHandover: number }>(
        `SELECT seq, question, answer_kind AS answerKind, answer_text AS answerText, intent, sources, suggestions, offer_handover AS offerHandover, at
         FROM assistant_turns WHERE conversation_id = ? ORDER BY seq`,
      )
      .all(conversationId)
      .map((row) => ({ ...row, sources: JSON.parse(row.sources) as TurnRow['sources'], suggestions: JSON.parse(row.suggestions) as TurnRow['suggestions'], offerHandover: row.offerHandover === 1 }));
  }

  handover(conversationId: string, kind: HandoverRow['kind']): HandoverRow | null {
    return (
      this.db
        .prepare<HandoverRow>(`SELECT conversation_id AS conversationId, kind, ref, name, phone, email, at FROM assistant_handovers WHERE conversation_id = ? AND kind = ?`)
        .get(conversationId, kind) ?? null
    );
  }

  insertHandover(row: HandoverRow): void {
    this.db
      .prepare(`INSERT INTO assistant_handovers (conversation_id, kind, ref, name, phone, email, at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(row.conversationId, row.kind, row.ref, row.name, row.phone, row.email, row.at);
  }

  /** Questions the assistant could not answer, newest first (Claire writes the missing articles from them). */
  unanswered(limit: number): Array<{ conversationId: string; question: string; at: string; handedOver: boolean }> {
    return this.db
      .prepare<{ conversationId: string; question: string; at: string; handedOver: number }>(
        `SELECT t.conversation_id AS conversationId, t.question, t.at,
           EXISTS (SELECT 1 FROM assistant_handovers h WHERE h.conversation_id = t.conversation_id) AS handedOver
         FROM assistant_turns t WHERE t.answer_kind IN ('unsure', 'handover') ORDER BY t.at DESC LIMIT ?`,
      )
      .all(limit)
      .map((row) => ({ ...row, handedOver: row.handedOver === 1 }));
  }

  /** Figures for Claire: conversations, answered turns, handovers, since a day. */
  figuresSince(sinceIso: string): { questions: number; answered: number; unsure: number; handovers: number } {
    const row = this.db
      .prepare<{ questions: number; answered: number; unsure: number }>(
        `SELECT count(*) AS questions,
           coalesce(sum(answer_kind IN ('article', 'record', 'safety')), 0) AS answered,
           coalesce(sum(answer_kind = 'unsure'), 0) AS unsure
         FROM assistant_turns WHERE at >= ? AND answer_kind <> 'greeting'`,
      )
      .get(sinceIso)!;
    const handovers = this.db.prepare<{ n: number }>(`SELECT count(*) AS n FROM assistant_handovers WHERE at >= ?`).get(sinceIso)!.n;
    return { ...row, handovers };
  }
}
