import { describe, expect, it } from 'vitest';
import { openStore } from '../store';
import { mailboxMigrations } from './mailbox-migrations';
import { MailboxRepository } from './mailbox-repository';

describe('mailbox migrations', () => {
  it('create the tables on a fresh database, and the same Message-ID twice is refused', () => {
    const store = openStore(':memory:');
    store.database.migrateArea('mailbox', mailboxMigrations);
    const messages = store.repository(MailboxRepository);
    const row = {
      id: 'm1', messageId: 'a@x', direction: 'in' as const, ticketId: null, state: 'ignored' as const, ignoredReason: 'precedence',
      fromAddress: null, fromName: null, toAddresses: '', subject: '', body: '', inReplyTo: null, references: [], writtenAt: null,
      author: null, templateId: null, error: null,
    };
    messages.insertMessage(row);
    expect(() => messages.insertMessage({ ...row, id: 'm2' })).toThrow(/UNIQUE/);
    messages.advance('INBOX', '7', 5);
    messages.advance('INBOX', '7', 3);
    expect(messages.checkpoint('INBOX')).toEqual({ uidValidity: '7', lastUid: 5 });
    messages.advance('INBOX', '8', 1);
    expect(messages.checkpoint('INBOX')).toEqual({ uidValidity: '8', lastUid: 1 });
    store.close();
  });
});
