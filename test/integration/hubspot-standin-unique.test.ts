/**
 * The stand-in's unique-value lookup (used by upsert, batch read by idProperty and the 409 on a
 * taken unique value) goes through an index kept by create and update: it must answer as a scan
 * of the live records would, after a value changes, a record is archived, restored or merged.
 */
import { describe, expect, it } from 'vitest';
import { StandInState } from '../support/hubspot-standin/state';

describe('stand-in unique values', () => {
  it('follows creates, updates, archives, restores and merges', () => {
    const state = new StandInState();
    const a = state.create('companies', { name: 'A', code_client_sage: '0001' });
    expect(state.findByUnique('companies', 'code_client_sage', '0001')?.id).toBe(a.id);
    // Indexed from now on: later writes must keep it right.
    const b = state.create('companies', { name: 'B', code_client_sage: '0002' });
    expect(state.findByUnique('companies', 'code_client_sage', '0002')?.id).toBe(b.id);
    state.update('companies', a.id, { code_client_sage: '0003' });
    expect(state.findByUnique('companies', 'code_client_sage', '0001')).toBeNull();
    expect(state.findByUnique('companies', 'code_client_sage', '0003')?.id).toBe(a.id);
    state.update('companies', a.id, { code_client_sage: null });
    expect(state.findByUnique('companies', 'code_client_sage', '0003')).toBeNull();
    state.archive('companies', b.id);
    expect(state.findByUnique('companies', 'code_client_sage', '0002')).toBeNull();
    const c = state.create('companies', { name: 'C', code_client_sage: '0002' });
    expect(state.findByUnique('companies', 'code_client_sage', '0002')?.id).toBe(c.id);
    state.archive('companies', c.id);
    state.restore('companies', b.id);
    expect(state.findByUnique('companies', 'code_client_sage', '0002')?.id).toBe(b.id);
    const d = state.create('companies', { name: 'D' });
    const merged = state.merge('companies', b.id, d.id);
    expect(state.findByUnique('companies', 'code_client_sage', '0002')?.id).toBe(merged.id);
    // Another type keeps its own values.
    expect(state.findByUnique('contacts', 'code_client_sage', '0002')).toBeNull();
  });
});
