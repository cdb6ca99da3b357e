/**
 * The knowledge base and its assistant as one service: Claire's articles (Markdown), their public
 * reading with readers and « cet article vous a aidé ? » counted, search, the assistant's
 * conversations, and the handover to a person — a callback on Claire's list or a ticket, each made
 * once per conversation whatever the number of clicks.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ServiceError } from '../../contract/envelope';
import type { CallerIdentification } from '../directory/caller-identifier';
import type { Logger } from '../log';
import { localTime } from '../shared/paris-time';
import type { CallbackRequest } from '../work/callbacks/callbacks-repository';
import type { NewTicketInput } from '../work/tickets/ticket-desk';
import { Assistant, frenchDay, type AssistantAnswer, type CustomerFacts } from './assistant';
import { KnowledgeIndex } from './knowledge-index';
import type { KnowledgeRepository} from './knowledge-repository';
import { type ArticleRow, type ConversationRow, type TurnRow } from './knowledge-repository';
import { renderMarkdown } from './safe-markdown';
import { KNOWLEDGE_CATEGORIES, SEED_ARTICLES, type KnowledgeCategory } from './seed-articles';

export const HELP_PATH = '/aide';
export const PORTAL_PATH = '/portail';

/** Who is asking: a visitor of the help pages, or a customer signed in on the portal. */
export interface Asker {
  contactId: string | null;
  companyId: string | null;
  channel: 'aide' | 'portail';
  facts: CustomerFacts | null;
}

export interface ArticleInput {
  id: string | null;
  title: string;
  category: KnowledgeCategory;
  keywords: string;
  body: string;
  published: boolean;
  /** Leave empty for one made from the title. */
  slug: string;
}

export interface HandoverInput {
  conversationId: string;
  kind: 'callback' | 'ticket';
  name: string;
  phone: string;
  email: string;
  message: string;
}

export interface KnowledgeBaseOptions {
  repo: KnowledgeRepository;
  clock: () => Date;
  logger: Logger;
  callbacks: () => { request(request: CallbackRequest): string };
  tickets: () => { insert(input: NewTicketInput, author: string | null): string; announce(ticketId: string): void };
  identify: (raw: string) => CallerIdentification;
  /** A person's name for a contact (the callback's label). */
  nameOf: (contactId: string) => string | null;
}

/** « Cet article vous a aidé ? » and readers are counted per visitor and day, never by address. */
const SALT_KEY = 'visitor_salt';

export function slugify(title: string): string {
  return (
    title
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/œ/gi, 'oe')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'article'
  );
}

export class KnowledgeBase {
  private indexed: { version: number; assistant: Assistant; index: KnowledgeIndex; articles: Map<string, ArticleRow> } | null = null;
  private version = 0;

  constructor(private readonly options: KnowledgeBaseOptions) {}

  private get repo(): KnowledgeRepository {
    return this.options.repo;
  }

  /** The twenty starting articles, once in the life of the workspace. */
  seed(): number {
    return this.repo.transaction(() => {
      if (this.repo.state('seeded')) return 0;
      const now = this.options.clock().toISOString();
      let added = 0;
      for (const seed of SEED_ARTICLES) {
        if (this.repo.bySlug(seed.slug)) continue;
        this.repo.insertArticle({ ...seed, published: true, updatedBy: null, createdAt: now, updatedAt: now });
        added += 1;
      }
      this.repo.setState('seeded', now);
      this.changed();
      return added;
    });
  }

  private changed(): void {
    this.version += 1;
  }

  private current(): NonNullable<KnowledgeBase['indexed']> {
    if (this.indexed && this.indexed.version === this.version) return this.indexed;
    const published = this.repo.articles(false);
    const articles = new Map(published.map((a) => [a.id, a]));
    const index = new KnowledgeIndex(published.map((a) => ({ id: a.id, title: a.title, keywords: a.keywords, body: a.body })));
    const assistant = new Assistant({ index, articles: () => articles, portalPath: PORTAL_PATH, helpPath: HELP_PATH });
    this.indexed = { version: this.version, assistant, index, articles };
    return this.indexed;
  }

  // ── the public side ──────────────────────────────────────────────────────────────────────────

  published(): ArticleRow[] {
    return [...this.current().articles.values()];
  }

  publishedArticle(slug: string): ArticleRow | null {
    const article = this.repo.bySlug(slug);
    return article?.published ? article : null;
  }

  search(query: string, limit = 8): ArticleRow[] {
    const { index, articles } = this.current();
    return index.search(query.slice(0, 300), limit).flatMap((hit) => (articles.has(hit.id) ? [articles.get(hit.id)!] : []));
  }

  html(article: Pick<ArticleRow, 'body'>): string {
    return renderMarkdown(article.body);
  }

  /** The visitor as counted: a hash of their address, the day and a secret of this workspace. */
  visitor(clientIp: string): { id: string; day: string } {
    let salt = this.repo.state(SALT_KEY);
    if (!salt) {
      salt = randomBytes(16).toString('hex');
      this.repo.setState(SALT_KEY, salt);
    }
    const day = localTime(this.options.clock()).date;
    return { id: createHash('sha256').update(`${salt}|${day}|${clientIp}`).digest('hex').slice(0, 32), day };
  }

  recordRead(article: ArticleRow, clientIp: string): void {
    const { id, day } = this.visitor(clientIp);
    this.repo.recordRead(article.id, id, day);
  }

  recordFeedback(article: ArticleRow, clientIp: string, helpful: boolean): void {
    const { id, day } = this.visitor(clientIp);
    this.repo.recordFeedback(article.id, id, day, helpful, this.options.clock().toISOString());
  }

  // ── the assistant ────────────────────────────────────────────────────────────────────────────

  /**
   * A question in a conversation (a new one when `conversationId` is null or unknown). The
   * conversation's id is a secret of the visitor's browser: whoever holds it reads it; a
   * conversation a signed-in customer continues becomes theirs.
   */
  ask(conversationId: string | null, question: string, asker: Asker): { conversationId: string; answer: AssistantAnswer } {
    const text = question.replace(/\s+/g, ' ').trim().slice(0, 500);
    if (!text) throw new ServiceError('bad_request', { reason: 'knowledge.empty_question' });
    const now = this.options.clock().toISOString();
    const answer = this.current().assistant.answer(text, asker.facts);
    const id = this.repo.transaction(() => {
      let conversation = conversationId ? this.repo.conversation(conversationId) : null;
      if (conversation && conversation.contactId && asker.contactId !== conversation.contactId) conversation = null; // someone else's: start anew
      if (!conversation) {
        const row: ConversationRow = { id: randomBytes(18).toString('base64url'), contactId: asker.contactId, companyId: asker.companyId, channel: asker.channel, startedAt: now, lastAt: now };
        this.repo.startConversation(row);
        conversation = row;
      } else if (asker.contactId) this.repo.claimConversation(conversation.id, asker.contactId, asker.companyId);
      this.repo.addTurn(conversation.id, {
        question: text,
        answerKind: answer.kind,
        answerText: answer.text,
        intent: answer.intent,
        sources: answer.sources,
        suggestions: answer.suggestions,
        offerHandover: answer.offerHandover,
        at: now,
      });
      return conversation.id;
    });
    return { conversationId: id, answer };
  }

  /** What the assistant would answer a visitor of the help pages, recording nothing (Claire's « essayer »). */
  tryAnswer(question: string): AssistantAnswer {
    return this.current().assistant.answer(question.trim().slice(0, 500), null);
  }

  /** The conversation for the page that shows it; null when unknown or someone else's. */
  conversation(conversationId: string | null, asker: Pick<Asker, 'contactId'>): { row: ConversationRow; turns: TurnRow[] } | null {
    if (!conversationId) return null;
    const row = this.repo.conversation(conversationId);
    if (!row || (row.contactId !== null && row.contactId !== asker.contactId)) return null;
    return { row, turns: this.repo.turns(conversationId) };
  }

  handoverOf(conversationId: string): Array<{ kind: 'callback' | 'ticket'; at: string }> {
    return (['callback', 'ticket'] as const).flatMap((kind) => {
      const row = this.repo.handover(conversationId, kind);
      return row ? [{ kind, at: row.at }] : [];
    });
  }

  /**
   * Hands the conversation to a person: a callback on Claire's list (a phone number needed) or a
   * ticket with the conversation in it. Asking twice makes one.
   */
  handover(input: HandoverInput, asker: Pick<Asker, 'contactId' | 'companyId'>): { kind: 'callback' | 'ticket'; ref: string; created: boolean } {
    const conversation = this.conversation(input.conversationId, asker);
    if (!conversation) throw new ServiceError('not_found', { reason: 'knowledge.conversation_not_found' });
    const existing = this.repo.handover(input.conversationId, input.kind);
    if (existing) return { kind: input.kind, ref: existing.ref, created: false };

    const name = input.name.trim().slice(0, 120);
    const email = input.email.trim().slice(0, 200);
    const message = input.message.trim().slice(0, 2000);
    const contactId = conversation.row.contactId ?? asker.contactId;
    const companyId = conversation.row.companyId ?? asker.companyId;
    const transcript = transcriptOf(conversation.turns);
    const now = this.options.clock();

    if (input.kind === 'callback') {
      const identified = this.options.identify(input.phone);
      if (identified.number.e164 === null) throw new ServiceError('bad_request', { reason: 'knowledge.phone_invalid' });
      // Only a number that is the contact's own line names them; a switchboard is the whole company's.
      const own = identified.matches.filter((m) => m.reason === 'contact');
      const match = contactId === null && own.length === 1 ? own[0]! : null;
      const who = contactId ? this.options.nameOf(contactId) : (match?.label ?? null);
      const question = conversation.turns.at(-1)?.question ?? '';
      const reason = `Assistant en ligne : « ${question.slice(0, 140)} »${message ? ` — ${message.slice(0, 200)}` : ''}${name && !who ? ` (${name})` : ''}`;
      const ref = this.repo.transaction(() => {
        const id = this.options.callbacks().request({
          ref: `assistant:${input.conversationId}`,
          numberKey: identified.number.e164!,
          numberE164: identified.number.e164,
          display: identified.number.display,
          contactId: contactId ?? match?.contactId ?? null,
          companyId: companyId ?? match?.companyId ?? null,
          label: who ?? (name || null),
          reason,
          dueAt: now.toISOString(),
        });
        this.repo.insertHandover({ conversationId: input.conversationId, kind: 'callback', ref: id, name: name || null, phone: identified.number.e164, email: email || null, at: now.toISOString() });
        return id;
      });
      this.options.logger.info('assistant handed over', { kind: 'callback', conversation: input.conversationId });
      return { kind: 'callback', ref, created: true };
    }

    if (!contactId && !email && !input.phone.trim()) throw new ServiceError('bad_request', { reason: 'knowledge.contact_needed' });
    const description = [
      message ? `Message : ${message}` : null,
      contactId ? null : `Demandeur : ${[name, email, input.phone.trim()].filter(Boolean).join(' · ')}`,
      '',
      `Conversation avec l’assistant (${frenchDay(conversation.row.startedAt)}) :`,
      transcript,
    ]
      .filter((line) => line !== null)
      .join('\n');
    const ticketId = this.repo.transaction(() => {
      const id = this.options.tickets().insert(
        {
          subject: `Assistant en ligne : ${(conversation.turns.at(-1)?.question ?? 'demande').slice(0, 80)}`,
          description,
          category: 'autre',
          priority: 'normale',
          status: 'nouveau',
          contactId,
          companyId,
          siteAddress: null,
          callId: null,
        },
        'assistant',
      );
      this.repo.insertHandover({ conversationId: input.conversationId, kind: 'ticket', ref: id, name: name || null, phone: input.phone.trim() || null, email: email || null, at: now.toISOString() });
      return id;
    });
    this.options.tickets().announce(ticketId);
    this.options.logger.info('assistant handed over', { kind: 'ticket', conversation: input.conversationId });
    return { kind: 'ticket', ref: ticketId, created: true };
  }

  // ── Claire's side ────────────────────────────────────────────────────────────────────────────

  articlesWithFigures() {
    return this.repo.articlesWithFigures();
  }

  article(id: string): ArticleRow {
    const row = this.repo.byId(id);
    if (!row) throw new ServiceError('not_found', { reason: 'knowledge.article_not_found' });
    return row;
  }

  save(input: ArticleInput, author: string | null): ArticleRow {
    const title = input.title.trim();
    const body = input.body.trim();
    if (!title) throw new ServiceError('bad_request', { reason: 'knowledge.title_missing' });
    if (!body) throw new ServiceError('bad_request', { reason: 'knowledge.body_missing' });
    if (!(KNOWLEDGE_CATEGORIES as readonly string[]).includes(input.category)) throw new ServiceError('bad_request', { reason: 'knowledge.category_unknown' });
    const slug = slugify(input.slug.trim() || title);
    const now = this.options.clock().toISOString();
    const saved = this.repo.transaction(() => {
      if (this.repo.slugTaken(slug, input.id)) throw new ServiceError('conflict', { reason: 'knowledge.slug_taken', params: { slug } });
      if (input.id === null) {
        return this.repo.insertArticle({ slug, title, category: input.category, keywords: input.keywords.trim(), body, published: input.published, updatedBy: author, createdAt: now, updatedAt: now });
      }
      const updated = this.repo.updateArticle(input.id, { slug, title, category: input.category, keywords: input.keywords.trim(), body, published: input.published, updatedBy: author, updatedAt: now });
      if (!updated) throw new ServiceError('not_found', { reason: 'knowledge.article_not_found' });
      return updated;
    });
    this.changed();
    return saved;
  }

  remove(id: string): void {
    if (!this.repo.deleteArticle(id)) throw new ServiceError('not_found', { reason: 'knowledge.article_not_found' });
    this.changed();
  }

  unanswered(limit = 30) {
    return this.repo.unanswered(limit);
  }

  figuresSince(sinceIso: string) {
    return this.repo.figuresSince(sinceIso);
  }
}

function transcriptOf(turns: readonly TurnRow[]): string {
  return turns
    .slice(-12)
    .map((turn) => `— Client : ${turn.question}\n— Assistant : ${turn.answerText}`)
    .join('\n');
}
