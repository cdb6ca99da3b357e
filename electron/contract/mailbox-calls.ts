/**
 * Mail → ticket: the customer mailbox read by the server (IMAP), each customer e-mail a ticket or a
 * message on its thread, and Claire's answer from the ticket. The thread is read with the ticket
 * (`mailbox.thread`); a reply starts from a template merged for the ticket (`mailbox.replyDraft`)
 * and leaves with the thread's headers (`mailbox.reply`).
 */
import { z } from 'zod';
import { call, Empty, STAFF } from './call-spec';
import { Id, IsoDate } from './model';

export const MailAttachment = z.object({
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().min(0),
});
export type MailAttachment = z.infer<typeof MailAttachment>;

export const ThreadMessage = z.object({
  id: Id,
  direction: z.enum(['in', 'out']),
  /** in: opened the ticket or joined its thread; out: sending, sent, or failed (with `error`). */
  state: z.enum(['opened', 'threaded', 'sending', 'sent', 'failed']),
  fromAddress: z.string().nullable(),
  fromName: z.string().nullable(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  /** When it was written (the Date header, or when Claire sent it); null when unreadable. */
  writtenAt: IsoDate.nullable(),
  /** When Accueil read or sent it. */
  recordedAt: IsoDate,
  /** Who answered (Claire's name), for the messages sent from the ticket. */
  author: z.string().nullable(),
  error: z.string().nullable(),
  attachments: z.array(MailAttachment),
});
export type ThreadMessage = z.infer<typeof ThreadMessage>;

export const MailThread = z.object({
  ticketId: Id,
  messages: z.array(ThreadMessage),
  /** Where a reply goes: the thread's sender, else the ticket's contact; null when nobody. */
  replyTo: z.string().nullable(),
  /**
   * The sender matched no contact: their name and address, to create the contact (the ticket
   * keeps them until someone does).
   */
  newContact: z.object({ name: z.string().nullable(), address: z.string() }).nullable(),
});
export type MailThread = z.infer<typeof MailThread>;

export const ReplyDraft = z.object({
  to: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  /** Merge fields the template uses that have no value for this ticket (left as {{…}} in the body). */
  missing: z.array(z.string()),
});
export type ReplyDraft = z.infer<typeof ReplyDraft>;

export const MailboxStatus = z.object({
  /** ACCUEIL_IMAP_HOST is set (and the rest of the settings are usable). */
  configured: z.boolean(),
  /** What stops it, in French (a setting to fix, a workspace that reads no mail). */
  problem: z.string().nullable(),
  /** connected (IDLE), polling (no IDLE on the server), waiting (reconnecting), stopped. */
  state: z.enum(['connected', 'polling', 'waiting', 'stopped']),
  lastCheckAt: IsoDate.nullable(),
  lastError: z.string().nullable(),
  tickets: z.number().int(),
  threaded: z.number().int(),
  ignored: z.number().int(),
});
export type MailboxStatus = z.infer<typeof MailboxStatus>;

export const mailboxCalls = {
  'mailbox.thread': call('read', z.object({ ticketId: Id }).strict(), MailThread, STAFF),
  'mailbox.replyDraft': call('read', z.object({ ticketId: Id, templateId: Id.nullable().default(null) }).strict(), ReplyDraft, STAFF),
  'mailbox.reply': call(
    'write',
    z
      .object({
        ticketId: Id,
        subject: z.string().trim().min(1).max(300),
        body: z.string().trim().min(1).max(20_000),
        templateId: Id.nullable().default(null),
      })
      .strict(),
    ThreadMessage,
  ),
  'mailbox.status': call('read', Empty, MailboxStatus, STAFF),
} as const;

export const mailboxEvents = {
  /** A message joined this ticket's thread (read from the mailbox, or sent). */
  'mailbox.threadChanged': z.object({ ticketId: Id }),
} as const;

type MailboxCalls = typeof mailboxCalls;
type MailboxEvents = typeof mailboxEvents;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends MailboxCalls {}
}
declare module './events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractEvents extends MailboxEvents {}
}
