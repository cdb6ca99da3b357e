/**
 * The knowledge area's tables (its own migrations, see area.ts).
 *
 * - knowledge_articles: what Claire writes (Markdown), by slug; unpublished ones stay out of the
 *   public pages and the assistant. Seeded once (knowledge_state.seeded): deleting a seed article
 *   does not bring it back.
 * - knowledge_article_reads: one row per article, visitor and day (a hash, never the address): the
 *   « most viewed » list counts readers, not reloads.
 * - knowledge_feedback: « cet article vous a aidé ? », one answer per article, visitor and day (a
 *   second click changes it).
 * - assistant_conversations / assistant_turns: what was asked and answered, for Claire to read and
 *   for the handover; a conversation is reached by its random id only (kept in the visitor's cookie).
 * - assistant_handovers: at most one per conversation and kind, pointing at the callback or ticket
 *   it made.
 */
import type { Migration } from '../store/migrations/migration';

export const knowledgeMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'knowledge-base-and-assistant',
    up(db) {
      db.exec(`
CREATE TABLE knowledge_articles (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  keywords TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
  updated_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE knowledge_article_reads (
  article_id TEXT NOT NULL REFERENCES knowledge_articles(id) ON DELETE CASCADE,
  visitor TEXT NOT NULL,
  day TEXT NOT NULL,
  PRIMARY KEY (article_id, visitor, day)
);

CREATE TABLE knowledge_feedback (
  article_id TEXT NOT NULL REFERENCES knowledge_articles(id) ON DELETE CASCADE,
  visitor TEXT NOT NULL,
  day TEXT NOT NULL,
  helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  at TEXT NOT NULL,
  PRIMARY KEY (article_id, visitor, day)
);

CREATE TABLE assistant_conversations (
  id TEXT PRIMARY KEY,
  contact_id TEXT,
  company_id TEXT,
  channel TEXT NOT NULL CHECK (channel IN ('aide', 'portail')),
  started_at TEXT NOT NULL,
  last_at TEXT NOT NULL
);
CREATE INDEX assistant_conversations_last ON assistant_conversations(last_at);

CREATE TABLE assistant_turns (
  conversation_id TEXT NOT NULL REFERENCES assistant_conversations(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  question TEXT NOT NULL,
  answer_kind TEXT NOT NULL,
  answer_text TEXT NOT NULL,
  intent TEXT NOT NULL,
  sources TEXT NOT NULL,
  suggestions TEXT NOT NULL,
  offer_handover INTEGER NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
CREATE INDEX assistant_turns_unsure ON assistant_turns(at) WHERE answer_kind IN ('unsure', 'handover');

CREATE TABLE assistant_handovers (
  conversation_id TEXT NOT NULL REFERENCES assistant_conversations(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('callback', 'ticket')),
  ref TEXT NOT NULL,
  name TEXT,
  phone TEXT,
  email TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, kind)
);

CREATE TABLE knowledge_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`);
    },
  },
];
