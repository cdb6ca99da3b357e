import { describe, expect, it } from 'vitest';
import { applyOnce, ForeignActionError, mergeFieldEdit, MemoryProcessedActions, type FieldAction } from './field-sync';

describe('per-field merge of a technician’s edit', () => {
  it('writes the fields the office left alone', () => {
    const out = mergeFieldEdit({ report: 'a', parts: null }, { report: 'a', parts: null }, { report: 'b', parts: 'joint' });
    expect(out).toEqual({ write: { report: 'b', parts: 'joint' }, conflicts: [] });
  });

  it('keeps the office’s value on a field both changed, and reports it with both values', () => {
    const out = mergeFieldEdit({ report: 'bureau', parts: 'x' }, { report: 'avant', parts: 'x' }, { report: 'technicien', parts: 'y' });
    expect(out.write).toEqual({ parts: 'y' });
    expect(out.conflicts).toEqual([{ field: 'report', office: 'bureau', phone: 'technicien' }]);
  });

  it('is no conflict when both made the same change, and no write either', () => {
    expect(mergeFieldEdit({ report: 'même' }, { report: 'avant' }, { report: 'même' })).toEqual({ write: {}, conflicts: [] });
  });

  it('leaves untouched the fields the phone did not send', () => {
    expect(mergeFieldEdit({ report: 'bureau' }, { report: 'avant' }, { parts: 'p' }).write).toEqual({ parts: 'p' });
  });
});

describe('applying a queued action once', () => {
  const action: FieldAction = { clientId: 'c-1', interventionId: 'i-1', kind: 'photo', madeAt: '2026-03-10T08:00:00Z' };

  it('applies a new action and answers a replay from its first outcome, without applying again', () => {
    const processed = new MemoryProcessedActions();
    let applied = 0;
    const apply = () => ({ photo: `p${++applied}` });
    const first = applyOnce(processed, 'tech-a', action, apply);
    const replay = applyOnce(processed, 'tech-a', action, apply);
    expect(first).toEqual({ clientId: 'c-1', outcome: { photo: 'p1' }, fresh: true });
    expect(replay).toEqual({ clientId: 'c-1', outcome: { photo: 'p1' }, fresh: false });
    expect(applied).toBe(1);
  });

  it('refuses a client id replayed by another technician', () => {
    const processed = new MemoryProcessedActions();
    applyOnce(processed, 'tech-a', action, () => 1);
    expect(() => applyOnce(processed, 'tech-b', action, () => 2)).toThrow(ForeignActionError);
  });

  it('records nothing when applying fails, so the phone can retry', () => {
    const processed = new MemoryProcessedActions();
    expect(() => applyOnce(processed, 'tech-a', action, () => { throw new Error('disk'); })).toThrow('disk');
    expect(applyOnce(processed, 'tech-a', action, () => 'ok')).toMatchObject({ outcome: 'ok', fresh: true });
  });
});
