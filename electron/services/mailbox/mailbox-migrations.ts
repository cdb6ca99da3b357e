/**
 * The mailbox area's tables (its own migrations, see area.ts).
 *
 * - mail_messages: every message read from the mailbox or sent from a ticket, once. `message_id`
 *   is unique: the same message seen twice (a copy in two folders, a UIDVALIDITY reset, a restart)
 *   is one row. An automatic message (auto-reply, bounce, list) keeps a row too, with its reason
 *   and no ticket, so it is skipped next time without being parsed for a ticket again.
 * - mail_attachments: the attachment index of a message; the files are content-addressed under
 *   the data folder (attachment-store.ts).
 * - mail_thread_senders: who wrote the ticket's first e-mail — where replies go, and, when the
 *   address matched no contact, the new-contact suggestion (name and address).
 * - mail_checkpoints: per mailbox, the UIDVALIDITY and the last UID processed, written in the
 *   same transaction as the message's rows: a kill -9 at any point leaves both or neither.
 * An index on contacts' addresses makes « who wrote this? » one indexed query.
 */
import type { Migration } from '../store/migrations/migration';

export const mailboxMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'mail-messages',
    up(db) {
      db.exec(`
CREATE TABLE mail_messages (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  ticket_id TEXT REFERENCES tickets(id) ON DELETE SET NULL,
  state TEXT NOT NULL CHECK (state IN ('opened', 'threaded', 'ignored', 'sending', 'sent', 'failed')),
  ignored_reason TEXT,
  from_address TEXT,
  from_name TEXT,
  to_addresses TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  in_reply_to TEXT,
  refs TEXT NOT NULL DEFAULT '[]',
  written_at TEXT,
  recorded_at TEXT NOT NULL,
  mailbox TEXT,
  uid_validity TEXT,
  uid INTEGER,
  author TEXT,
  template_id TEXT,
  error TEXT
);
CREATE INDEX mail_messages_ticket ON mail_messages(ticket_id, recorded_at) WHERE ticket_id IS NOT NULL;
CREATE INDEX mail_messages_position ON mail_messages(mailbox, uid_validity, uid) WHERE uid IS NOT NULL;

CREATE TABLE mail_attachments (
  message_row TEXT NOT NULL REFERENCES mail_messages(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (message_row, position)
);
CREATE INDEX mail_attachments_file ON mail_attachments(sha256);

CREATE TABLE mail_thread_senders (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  name TEXT
);

CREATE TABLE mail_checkpoints (
  mailbox TEXT PRIMARY KEY,
  uid_validity TEXT NOT NULL,
  last_uid INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS contacts_email_lower ON contacts(lower(trim(email))) WHERE email IS NOT NULL;
CREATE INDEX IF NOT EXISTS companies_email_lower ON companies(lower(trim(email))) WHERE email IS NOT NULL;
`);
    },
  },
];
