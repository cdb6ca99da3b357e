import { describe, expect, it } from 'vitest';
import { openStore } from '../index';
import { ensureTemplatesSchema } from '../../../../test/support/templates-store';

describe('migration 0004 (templates)', () => {
  it('counts the templates already there as seeded, and makes the drafts table', () => {
    const store = openStore(':memory:');
    store.templates.upsert({ id: 'tpl-demo', name: 'Démo', category: 'autre', subject: 'S', body: 'B' });
    expect(store.templates.schemaReady()).toBe(store.database.version >= 4);
    ensureTemplatesSchema(store);
    expect(store.templates.schemaReady()).toBe(true);
    expect([...store.templates.seededIds()]).toEqual(['tpl-demo']);
    const saved = store.templates.saveDraft({
      id: 'd1', templateId: 'tpl-demo', contactId: 'gone', companyId: null, quoteId: null, interventionId: null, ticketId: null,
      to: 'a@b.fr', subject: 'S', body: 'B', values: { 'facture.numero': 'FA-1' }, lastError: 'refusé',
    });
    expect(saved).toMatchObject({ id: 'd1', contactId: 'gone', values: { 'facture.numero': 'FA-1' }, lastError: 'refusé' });
    expect(store.templates.listDrafts().map((d) => d.id)).toEqual(['d1']);
    expect(store.templates.deleteDraft('d1')).toBe(true);
    expect(store.templates.getDraft('d1')).toBeNull();
  });
});
