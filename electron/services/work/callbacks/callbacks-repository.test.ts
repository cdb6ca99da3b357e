import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index';
import { CallbacksRepository } from './callbacks-repository';

const request = (ref: string, reason: string) => ({
  ref,
  numberKey: '+33612345678',
  numberE164: '+33612345678',
  display: '06 12 34 56 78',
  contactId: null,
  companyId: null,
  label: 'François Lefèvre',
  reason,
  dueAt: '2026-11-25T09:00:00.000Z',
});

function repository() {
  const store = openStore(':memory:');
  let now = Date.parse('2026-11-24T09:00:00.000Z');
  const repo = new CallbacksRepository(store.database, () => new Date((now += 1_000)));
  const item = (id: string) => store.database.prepare<{ state: string; request_reason: string | null }>(`SELECT state, request_reason FROM callbacks WHERE id = ?`).get(id)!;
  return { repo, item };
}

describe('callback requests', () => {
  it('keeps one line per asker: the same asker again updates its line (a comment after the score), never adds one', () => {
    const { repo, item } = repository();
    const id = repo.addRequest(request('survey:1', 'Avis 3/10 sur « Entretien chaudière »'));
    expect(repo.addRequest(request('assistant:a', 'Assistant en ligne : « piscines ? »'))).toBe(id);
    expect(repo.addRequest(request('survey:1', 'Avis 3/10 sur « Entretien chaudière » — « Deux heures de retard »'))).toBe(id);
    expect(repo.addRequest(request('assistant:a', 'Assistant en ligne : « piscines ? »'))).toBe(id);
    expect(item(id).request_reason).toBe('Avis 3/10 sur « Entretien chaudière » — « Deux heures de retard »\nAssistant en ligne : « piscines ? »');
  });

  it('takes only the withdrawn asker’s line away, and closes the item when nothing is left to say', () => {
    const { repo, item } = repository();
    const id = repo.addRequest(request('survey:1', 'Avis 2/10'));
    repo.addRequest(request('workflow:x', 'Facture impayée J+45'));
    expect(repo.withdrawRequest('survey:1', 'Le client a changé sa note')).toBe(true);
    expect(item(id)).toEqual({ state: 'open', request_reason: 'Facture impayée J+45' });
    expect(repo.openRequest('workflow:x')).toBe(id);
    expect(repo.openRequest('survey:1')).toBe(null);
    expect(repo.withdrawRequest('workflow:x', 'Payée')).toBe(true);
    expect(item(id).state).toBe('done');
    // Closed: asking again with the same ref reopens nothing.
    expect(repo.addRequest(request('workflow:x', 'Facture impayée J+45'))).toBe(id);
    expect(item(id).state).toBe('done');
  });
});
