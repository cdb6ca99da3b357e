/**
 * The messaging area's tables (its own migrations, see area.ts).
 *
 * - messages: every SMS and WhatsApp message, in or out, on the customer it was matched to. An
 *   outgoing one carries its idempotency key (what asked for it: Claire's composer draft, a workflow
 *   step) — asking twice sends once — and the provider's id once known; an incoming one its
 *   provider id, unique per channel: the same webhook or poll seen twice stores one message.
 * - message_events: the provider events applied (a status « delivered » of a message), each once.
 * - message_opt_outs: numbers that said STOP, honoured at once for everything but the messages the
 *   customer asked for (answers to their own message, service messages they booked).
 * - sms_poll_state: the last incoming SMS read from the gateway.
 * - (v2) messages.hubspot_id: the HubSpot communication a message became, once.
 * - (v3) marketing_consents: a contact's yes (or no) to marketing on a channel, with its date and source.
 * - (v4) message_media: the picture, document or voice note an incoming message carried (its
 *   provider's media id, unique: a webhook delivered twice fetches it once), and the document it
 *   became on the customer's record — or why it was not kept.
 * - (v5) contact_channel_preferences: the customer's « canal préféré » for automatic service
 *   messages (reminder the day before, survey link): e-mail (no row: the default), SMS or WhatsApp,
 *   with who set it and when (service-channel.ts decides with it).
 */
import type { Migration } from '../store/migrations/migration';

export const messagingMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'messages',
    up(db) {
      db.exec(`
CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  number_e164 TEXT NOT NULL,
  contact_id TEXT,
  company_id TEXT,
  body TEXT NOT NULL,
  template_name TEXT,
  purpose TEXT CHECK (purpose IN ('service', 'marketing', 'reply')),
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'received', 'blocked')),
  status_reason TEXT,
  provider_id TEXT,
  idempotency_key TEXT UNIQUE,
  author TEXT,
  segments INTEGER,
  not_before TEXT,
  read_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX messages_provider_id ON messages(channel, provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX messages_contact ON messages(contact_id, created_at) WHERE contact_id IS NOT NULL;
CREATE INDEX messages_company ON messages(company_id, created_at) WHERE company_id IS NOT NULL;
CREATE INDEX messages_number ON messages(number_e164, created_at);
CREATE INDEX messages_unread ON messages(created_at) WHERE direction = 'in' AND read_at IS NULL;
CREATE INDEX messages_queued ON messages(not_before) WHERE status = 'queued';

CREATE TABLE message_events (
  provider TEXT NOT NULL,
  event_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (provider, event_id)
);

CREATE TABLE message_opt_outs (
  number_e164 TEXT PRIMARY KEY,
  contact_id TEXT,
  opted_out_at TEXT NOT NULL,
  how TEXT NOT NULL
);

CREATE TABLE sms_poll_state (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  last_incoming_id INTEGER NOT NULL
);
`);
    },
  },
  {
    version: 2,
    name: 'messages in HubSpot',
    up(db) {
      // The communication each message became on the contact's HubSpot timeline (messaging-hubspot-push.ts).
      db.exec(`ALTER TABLE messages ADD COLUMN hubspot_id TEXT`);
    },
  },
  {
    version: 3,
    name: 'marketing consents',
    up(db) {
      // A customer's consent to marketing per channel, with when and how it was given (or withdrawn).
      db.exec(`
CREATE TABLE marketing_consents (
  contact_id TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp', 'email')),
  granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
  given_at TEXT NOT NULL,
  source TEXT NOT NULL,
  recorded_by TEXT,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (contact_id, channel)
);
`);
    },
  },
  {
    version: 4,
    name: 'message media',
    up(db) {
      db.exec(`
CREATE TABLE message_media (
  message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  media_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  mime TEXT NOT NULL DEFAULT '',
  filename TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending', 'kept', 'refused')),
  document_id TEXT,
  reason TEXT,
  updated_at TEXT NOT NULL,
  UNIQUE (channel, media_id)
);
`);
    },
  },
  {
    version: 5,
    name: 'preferred channel',
    up(db) {
      db.exec(`
CREATE TABLE contact_channel_preferences (
  contact_id TEXT PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
  set_at TEXT NOT NULL,
  set_by TEXT
);
`);
    },
  },
];
