/**
 * Mail → ticket against real servers: a private Dovecot (IMAP, on a free loopback port) holds the
 * customer mailbox, a real SMTP server receives Claire's answers, and the product runs as it would
 * on the company server (a CRM workspace, the mailbox configured by ACCUEIL_IMAP_*). Messages are
 * delivered by IMAP APPEND, as a delivery agent would drop them. The clock is injected, and every
 * message carries its own date: nothing depends on today's date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { DocumentItem } from '../../electron/contract/documents-calls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailThread, MailboxStatus, ReplyDraft, ThreadMessage } from '../../electron/contract/mailbox-calls';
import type { TicketDetail } from '../../electron/contract/work-calls';
import type { Contact, Template } from '../../electron/contract/model';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { dovecotInstalled, startImapServer, type ImapServer } from '../support/imap-server';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox';

/** Tuesday 10 November 2026, 9:00 in Paris; the injected clock runs on from there. */
const BASE = Date.parse('2026-11-10T08:00:00Z');
const FROM = 'service-client@chauffage-martin.test';

let imap: ImapServer;
let smtp: SmtpInbox;
let dir: string;
let accueil: Accueil | null = null;
let contact: Contact;

function environment(server: ImapServer): NodeJS.ProcessEnv {
  return {
    ACCUEIL_IMAP_HOST: server.host,
    ACCUEIL_IMAP_PORT: String(server.port),
    ACCUEIL_IMAP_SECURITY: 'none',
    ACCUEIL_IMAP_USER: server.user,
    ACCUEIL_IMAP_PASSWORD: server.password,
    ACCUEIL_IMAP_POLL_S: '1',
    ACCUEIL_SMTP_HOST: '127.0.0.1',
    ACCUEIL_SMTP_PORT: String(smtp.port),
    ACCUEIL_SMTP_SECURITY: 'none',
    ACCUEIL_SMTP_FROM: FROM,
    ACCUEIL_SMTP_FROM_NAME: 'Claire Martin',
  };
}

async function open(server: ImapServer = imap, folder = dir): Promise<Accueil> {
  const started = Date.now();
  return createAccueil({
    dataDir: folder,
    mode: 'web',
    version: 'test',
    logger: createMemoryLogger('warn'),
    seedDemo: false,
    startSync: false,
    clock: () => new Date(BASE + (Date.now() - started)),
    env: environment(server),
  });
}

async function call<T>(name: string, input: unknown, on: Accueil | null = accueil): Promise<T> {
  const envelope = await on!.dispatch(name, input, { access: 'agent' });
  if (!envelope.ok) throw Object.assign(new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`), { error: envelope.error });
  return envelope.value as T;
}

async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Reads the database beside the running product (WAL: a reader never blocks it). */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(path.join(dir, 'accueil.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const ticketOf = (messageId: string) => query<{ ticket_id: string | null; state: string; ignored_reason: string | null }>(
  'SELECT ticket_id, state, ignored_reason FROM mail_messages WHERE message_id = ?',
  messageId,
)[0];
const waitForMessage = (messageId: string) => waitFor(`message ${messageId}`, () => ticketOf(messageId));
const ticketCount = () => query<{ n: number }>('SELECT count(*) AS n FROM tickets')[0]!.n;

/** A message as a mail client writes it; `headers` first, then the body as given (already encoded). */
function message(headers: Record<string, string>, body: string): string {
  return `${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}`;
}

const customerHeaders = (id: string, extra: Record<string, string> = {}) => ({
  From: '"François Lefèvre" <francois.lefevre@example.test>',
  To: FROM,
  Date: 'Tue, 10 Nov 2026 08:30:00 +0100',
  'Message-ID': `<${id}>`,
  'MIME-Version': '1.0',
  ...extra,
});

const ready = dovecotInstalled();

beforeAll(async () => {
  if (!ready) return;
  imap = await startImapServer();
  smtp = await startSmtpInbox();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-mailbox-'));
  accueil = await open();
  contact = await call<Contact>('directory.createContact', {
    firstName: 'François',
    lastName: 'Lefèvre',
    phone: '06 12 34 56 78',
    email: 'Francois.Lefevre@example.test',
  });
}, 60_000);

afterAll(async () => {
  await accueil?.close();
  await imap?.stop();
  await smtp?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!ready)('mail → ticket with a real IMAP server', () => {
  it('opens a ticket for a known customer, French text in quoted-printable, with the attachments kept', async () => {
    const photo = Buffer.from('\xff\xd8\xff\xe0 photo de la fuite', 'latin1');
    const raw = message(
      customerHeaders('fuite-1@example.test', {
        Subject: '=?UTF-8?Q?Fuite_sous_l=E2=80=99=C3=A9vier?=',
        'Content-Type': 'multipart/mixed; boundary="limite"',
      }),
      [
        '--limite',
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Bonjour,',
        'l=E2=80=99=C3=A9vier de la cuisine fuit depuis ce matin, pouvez-vous pass=',
        'er cette semaine ? Merci d=E2=80=99avance.',
        'Fran=C3=A7ois',
        '--limite',
        'Content-Type: image/jpeg; name="fuite.jpg"',
        'Content-Disposition: attachment; filename="fuite.jpg"',
        'Content-Transfer-Encoding: base64',
        '',
        photo.toString('base64'),
        '--limite',
        'Content-Type: application/pdf; name="../../facture été.pdf"',
        'Content-Disposition: attachment; filename*=UTF-8\'\'..%2F..%2Ffacture%20%C3%A9t%C3%A9.pdf',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4 facture').toString('base64'),
        '--limite--',
        '',
      ].join('\n'),
    );
    await imap.deliver(raw);
    const row = await waitForMessage('fuite-1@example.test');
    expect(row.state).toBe('opened');
    const detail = await call<TicketDetail>('tickets.get', { ticketId: row.ticket_id });
    expect(detail.ticket.subject).toBe('Fuite sous l’évier');
    expect(detail.ticket.contactId).toBe(contact.id);
    expect(detail.ticket.description).toContain('l’évier de la cuisine fuit depuis ce matin, pouvez-vous passer cette semaine ?');
    expect(detail.events[0]).toMatchObject({ kind: 'created', author: 'François Lefèvre <francois.lefevre@example.test>' });

    const thread = await call<MailThread>('mailbox.thread', { ticketId: row.ticket_id });
    expect(thread.newContact).toBeNull();
    expect(thread.replyTo).toBe('francois.lefevre@example.test');
    expect(thread.messages).toHaveLength(1);
    expect(thread.messages[0]!.body).toContain('François');
    expect(thread.messages[0]!.attachments).toEqual([
      { filename: 'fuite.jpg', contentType: 'image/jpeg', size: photo.length },
      { filename: 'facture été.pdf', contentType: 'application/pdf', size: 16 },
    ]);
    // Stored by content, outside any folder the customer could name.
    const files = query<{ sha256: string }>('SELECT sha256 FROM mail_attachments ORDER BY position');
    for (const { sha256 } of files) {
      const file = path.join(dir, 'mail', 'attachments', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(fs.readFileSync(path.join(dir, 'mail', 'attachments', files[0]!.sha256.slice(0, 2), files[0]!.sha256.slice(2, 4), files[0]!.sha256))).toEqual(photo);
    // Each attachment is also a document of the ticket (and so of the customer's record), once.
    const documents = await call<DocumentItem[]>('documents.list', { kind: 'ticket', id: row.ticket_id });
    expect(documents.map((d) => [d.name, d.type, d.mime, d.addedBy.kind, d.contactId]).sort()).toEqual([
      ['facture été.pdf', 'autre', 'application/pdf', 'mail', contact.id],
      ['fuite.jpg', 'photo', 'image/jpeg', 'mail', contact.id],
    ]);
    // Queued for HubSpot like a ticket made in the console, and the e-mail in the contact's history.
    const queued = query<{ kind: string }>(`SELECT kind FROM jobs WHERE queue = 'hubspot'`).map((j) => j.kind);
    expect(queued).toEqual(expect.arrayContaining(['ticket', 'email']));
  });

  it('opens a ticket for an unknown sender, base64 UTF-8, keeping their name and address as a new-contact suggestion', async () => {
    await imap.deliver(
      message(
        {
          From: '=?UTF-8?B?SMOpbMOobmUgR2Fyw6dvbg==?= <helene.garcon@nouveau.test>',
          To: FROM,
          Subject: '=?UTF-8?B?RGVtYW5kZSBkZSBkZXZpcyA6IGNoYXVkacOocmU=?=',
          Date: 'Tue, 10 Nov 2026 09:00:00 +0100',
          'Message-ID': '<devis-1@nouveau.test>',
          'MIME-Version': '1.0',
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Transfer-Encoding': 'base64',
        },
        Buffer.from('Bonjour, je souhaite un devis pour remplacer ma chaudière à Lyon 3ᵉ.\nHélène').toString('base64'),
      ),
    );
    const row = await waitForMessage('devis-1@nouveau.test');
    expect(row.state).toBe('opened');
    const detail = await call<TicketDetail>('tickets.get', { ticketId: row.ticket_id });
    expect(detail.ticket.subject).toBe('Demande de devis : chaudière');
    expect(detail.ticket.contactId).toBeNull();
    const thread = await call<MailThread>('mailbox.thread', { ticketId: row.ticket_id });
    expect(thread.newContact).toEqual({ name: 'Hélène Garçon', address: 'helene.garcon@nouveau.test' });
    expect(thread.messages[0]!.body).toContain('remplacer ma chaudière à Lyon 3ᵉ');
  });

  it('threads a reply by In-Reply-To into the same ticket, and reopens a resolved one', async () => {
    const first = ticketOf('fuite-1@example.test')!.ticket_id!;
    await call('tickets.update', { ticketId: first, status: 'resolu' });
    const before = ticketCount();
    await imap.deliver(
      message(
        customerHeaders('fuite-2@example.test', {
          Subject: 'Re: Fuite sous l’évier',
          'In-Reply-To': '<fuite-1@example.test>',
          References: '<fuite-1@example.test>',
          'Content-Type': 'text/plain; charset=UTF-8',
          'Content-Transfer-Encoding': '8bit',
        }),
        'Finalement ça fuit encore, désolé !',
      ),
    );
    const row = await waitForMessage('fuite-2@example.test');
    expect(row).toMatchObject({ state: 'threaded', ticket_id: first });
    expect(ticketCount()).toBe(before);
    const detail = await call<TicketDetail>('tickets.get', { ticketId: first });
    expect(detail.ticket.status).toBe('en_cours');
    const thread = await call<MailThread>('mailbox.thread', { ticketId: first });
    expect(thread.messages.map((m) => m.body)).toEqual([expect.stringContaining('fuit depuis ce matin'), 'Finalement ça fuit encore, désolé !']);
  });

  it('never makes a ticket of an out-of-office reply, a bounce or a mailing-list message', async () => {
    const before = ticketCount();
    await imap.deliver(
      message(
        customerHeaders('absence-1@example.test', {
          Subject: 'Réponse automatique : Absent du bureau',
          'Auto-Submitted': 'auto-replied',
          'X-Auto-Response-Suppress': 'All',
          'In-Reply-To': '<fuite-1@example.test>',
          'Content-Type': 'text/plain; charset=UTF-8',
        }),
        'Je suis absent jusqu’au 16 novembre.',
      ),
    );
    await imap.deliver(
      message(
        {
          'Return-Path': '<>',
          From: 'Mail Delivery System <MAILER-DAEMON@mx.example.test>',
          To: FROM,
          Subject: 'Undelivered Mail Returned to Sender',
          Date: 'Tue, 10 Nov 2026 09:10:00 +0100',
          'Message-ID': '<bounce-1@mx.example.test>',
          'MIME-Version': '1.0',
          'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b"',
        },
        [
          '--b',
          'Content-Type: text/plain; charset=us-ascii',
          '',
          'This is the mail system at host mx.example.test. I\'m sorry to have to inform you that your message could not be delivered.',
          '--b',
          'Content-Type: message/delivery-status',
          '',
          'Reporting-MTA: dns; mx.example.test',
          '',
          'Final-Recipient: rfc822; inconnu@example.test',
          'Action: failed',
          'Status: 5.1.1',
          '--b--',
          '',
        ].join('\n'),
      ),
    );
    await imap.deliver(
      message(
        {
          From: 'Lettre du BTP <lettre@newsletter.test>',
          To: FROM,
          Subject: 'Les nouveautés de novembre',
          Date: 'Tue, 10 Nov 2026 09:20:00 +0100',
          'Message-ID': '<lettre-42@newsletter.test>',
          'List-Id': 'Lettre du BTP <lettre.newsletter.test>',
          'List-Unsubscribe': '<mailto:desabonnement@newsletter.test>',
          Precedence: 'list',
          'Content-Type': 'text/plain; charset=UTF-8',
        },
        'Découvrez nos offres.',
      ),
    );
    expect(await waitForMessage('absence-1@example.test')).toMatchObject({ state: 'ignored', ignored_reason: 'auto_submitted', ticket_id: null });
    expect(await waitForMessage('bounce-1@mx.example.test')).toMatchObject({ state: 'ignored', ignored_reason: 'delivery_report', ticket_id: null });
    expect(await waitForMessage('lettre-42@newsletter.test')).toMatchObject({ state: 'ignored', ignored_reason: 'mailing_list', ticket_id: null });
    expect(ticketCount()).toBe(before);
    // Not on the thread either: an auto-reply is nobody's answer.
    const thread = await call<MailThread>('mailbox.thread', { ticketId: ticketOf('fuite-1@example.test')!.ticket_id });
    expect(thread.messages).toHaveLength(2);
  });

  it('answers from the ticket with a template: the thread headers, the ticket reference, no Auto-Submitted', async () => {
    const ticketId = ticketOf('fuite-1@example.test')!.ticket_id!;
    const templates = await call<Template[]>('templates.list', { query: 'suivi' });
    const template = templates.find((t) => t.body.includes('{{ticket.numero}}')) ?? templates[0]!;
    const draft = await call<ReplyDraft>('mailbox.replyDraft', { ticketId, templateId: template.id });
    expect(draft.to).toBe('francois.lefevre@example.test');
    expect(draft.subject).toMatch(/^Re: Fuite sous l’évier \[T-[0-9A-F]{8}\]$/);
    const body = draft.body.replace(/\{\{[^}]+\}\}/g, '…');
    const sent = await call<ThreadMessage>('mailbox.reply', { ticketId, subject: draft.subject, body: `${body}\nNous passons jeudi.`, templateId: template.id });
    expect(sent.state).toBe('sent');
    const mail = await smtp.next(10_000);
    expect(mail.to).toContain('francois.lefevre@example.test');
    expect(mail.subject).toBe(draft.subject);
    expect(mail.headers.get('in-reply-to')).toBe('<fuite-2@example.test>');
    expect(mail.headers.get('references')).toBe('<fuite-1@example.test> <fuite-2@example.test>');
    expect(mail.headers.has('auto-submitted')).toBe(false);
    expect(mail.text).toContain('Nous passons jeudi.');
    const thread = await call<MailThread>('mailbox.thread', { ticketId });
    expect(thread.messages.at(-1)).toMatchObject({ direction: 'out', state: 'sent', author: 'Claire Martin' });
  });

  it('refuses a reply that still has a field to fill in, and sends nothing', async () => {
    const ticketId = ticketOf('fuite-1@example.test')!.ticket_id!;
    await expect(call('mailbox.reply', { ticketId, subject: 'Re: Fuite', body: 'Bonjour {{contact.prenom}} {{facture.numero}}', templateId: null })).rejects.toThrow(
      /champs à remplir : \{\{contact\.prenom\}\}, \{\{facture\.numero\}\}/,
    );
    expect(smtp.received).toHaveLength(1);
  });

  it('threads the customer’s answer to Accueil’s e-mail by its Message-ID, and a new message naming the ticket by its reference', async () => {
    const ticketId = ticketOf('fuite-1@example.test')!.ticket_id!;
    const ours = smtp.received[0]!.headers.get('message-id')!;
    await imap.deliver(
      message(
        customerHeaders('fuite-3@example.test', {
          Subject: `Re: ${smtp.received[0]!.subject}`,
          'In-Reply-To': ours,
          References: `<fuite-1@example.test> <fuite-2@example.test> ${ours}`,
          'Content-Type': 'text/plain; charset=UTF-8',
        }),
        'Jeudi me va très bien.',
      ),
    );
    expect(await waitForMessage('fuite-3@example.test')).toMatchObject({ state: 'threaded', ticket_id: ticketId });
    const reference = /\[(T-[0-9A-F]{8})\]/.exec(smtp.received[0]!.subject)![1]!;
    await imap.deliver(
      message(
        {
          From: 'Madame Lefèvre <m.lefevre@autre.test>',
          To: FROM,
          Subject: `Au sujet du ticket ${reference}`,
          Date: 'Wed, 11 Nov 2026 10:00:00 +0100',
          'Message-ID': '<fuite-4@autre.test>',
          'Content-Type': 'text/plain; charset=UTF-8',
        },
        'Je serai là jeudi à la place de mon mari.',
      ),
    );
    expect(await waitForMessage('fuite-4@autre.test')).toMatchObject({ state: 'threaded', ticket_id: ticketId });
    const thread = await call<MailThread>('mailbox.thread', { ticketId });
    expect(thread.messages.map((m) => m.direction)).toEqual(['in', 'in', 'out', 'in', 'in']);
  });

  it('makes one ticket of the same message seen twice', async () => {
    const raw = message(customerHeaders('double-1@example.test', { Subject: 'Chaudière en panne', 'Content-Type': 'text/plain; charset=UTF-8' }), 'Plus d’eau chaude.');
    await imap.deliver(raw);
    await waitForMessage('double-1@example.test');
    const before = ticketCount();
    await imap.deliver(raw);
    const uids = await imap.list();
    await waitFor('the copy read', () => query<{ last_uid: number }>('SELECT last_uid FROM mail_checkpoints')[0]!.last_uid === uids.at(-1)!.uid);
    expect(ticketCount()).toBe(before);
    expect(query('SELECT 1 FROM mail_messages WHERE message_id = ?', 'double-1@example.test')).toHaveLength(1);
  });

  it('processes each message once across a restart in the middle of a batch, and after losing the checkpoint', async () => {
    await accueil!.close();
    accueil = null;
    const before = ticketCount();
    for (let i = 1; i <= 8; i++) {
      await imap.deliver(message(customerHeaders(`lot-${i}@example.test`, { Subject: `Demande n° ${i}`, 'Content-Type': 'text/plain; charset=UTF-8' }), `Message ${i}`));
    }
    accueil = await open();
    await waitFor('a few of the batch', () => query('SELECT 1 FROM mail_messages WHERE message_id LIKE ?', 'lot-%').length >= 2, 20_000);
    await accueil.close();
    accueil = await open();
    await waitFor('the whole batch', () => query('SELECT 1 FROM mail_messages WHERE message_id LIKE ?', 'lot-%').length === 8);
    expect(ticketCount()).toBe(before + 8);
    // The checkpoint lost (a mailbox rebuilt on the server, UIDVALIDITY changed): everything is read again, nothing doubled.
    await accueil.close();
    const db = new BetterSqlite3(path.join(dir, 'accueil.db'));
    db.prepare(`UPDATE mail_checkpoints SET uid_validity = '1', last_uid = 0`).run();
    db.close();
    accueil = await open();
    const last = (await imap.list()).at(-1)!.uid;
    await waitFor('the mailbox read again', () => query<{ last_uid: number; uid_validity: string }>('SELECT last_uid, uid_validity FROM mail_checkpoints')[0]!.last_uid === last);
    expect(ticketCount()).toBe(before + 8);
    const status = await call<MailboxStatus>('mailbox.status', {});
    expect(status).toMatchObject({ configured: true, state: 'connected', problem: null, ignored: 3 });
  });

  it('never deletes, moves or flags a message in the mailbox', async () => {
    const messages = await imap.list();
    // 18 delivered: 3 automatic, 2 copies of one message, all still there.
    expect(messages.length).toBe(18);
    for (const m of messages) expect(m.flags.filter((f) => f !== '\\Recent')).toEqual([]);
  });

  it('polls a server without IDLE', async () => {
    const plain = await startImapServer({ idle: false });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-mailbox-poll-'));
    const polling = await open(plain, folder);
    try {
      await waitFor('the polling state', async () => (await call<MailboxStatus>('mailbox.status', {}, polling)).state === 'polling');
      await plain.deliver(message(customerHeaders('poll-1@example.test', { Subject: 'Radiateur froid', 'Content-Type': 'text/plain; charset=UTF-8' }), 'Le radiateur du salon reste froid.'));
      await waitFor('the polled message', async () => (await call<MailboxStatus>('mailbox.status', {}, polling)).tickets === 1, 15_000);
    } finally {
      await polling.close();
      await plain.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
