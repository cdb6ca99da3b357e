import { describe, expect, it } from 'vitest';
import type { QueuedAction } from './action-queue';
import { checklistOf, editOf, EMPTY_SHEET, localSheet, partsOf } from './job-sheet';
import { phoneLocale, techTranslator } from './tech-i18n';

const edit = (clientId: string, interventionId: string, changes: object): QueuedAction => ({ clientId, interventionId, kind: 'edit', payload: { base: {}, changes }, madeAt: '2026-12-01T08:00:00Z' });

describe('the sheet as the phone shows it', () => {
  it('lays the waiting edits of this visit over the server’s values, in order', () => {
    const server = { ...EMPTY_SHEET, report: 'bureau' };
    const queued = [edit('a1b2c3d4', 'v1', { report: 'un' }), edit('a1b2c3d5', 'v2', { report: 'autre visite' }), edit('a1b2c3d6', 'v1', { report: 'deux', startedAt: 'T' })];
    expect(localSheet(server, queued, 'v1')).toEqual({ ...EMPTY_SHEET, report: 'deux', startedAt: 'T' });
    expect(localSheet(server, [], 'v1')).toEqual(server);
  });

  it('makes an edit of the fields that change only, with the view before it as its base', () => {
    const current = { ...EMPTY_SHEET, report: 'avant', parts: '[]' };
    expect(editOf(current, { report: 'après', parts: '[]' })).toEqual({ base: { report: 'avant' }, changes: { report: 'après' } });
    expect(editOf(current, { report: 'avant' })).toBeNull();
  });

  it('reads the checklist for the kind’s labels and ignores unreadable JSON', () => {
    const sheet = { ...EMPTY_SHEET, checklist: JSON.stringify([{ label: 'B', done: true }, { label: 'Z', done: true }]), parts: '{oops' };
    expect(checklistOf(['A', 'B'], sheet)).toEqual([{ label: 'A', done: false }, { label: 'B', done: true }]);
    expect(partsOf(sheet)).toEqual([]);
  });
});

describe('the app’s words', () => {
  it('counts in each language’s singular and plural, never « (s) »', () => {
    const fr = techTranslator('fr');
    expect(fr('technician.sync.pending', { count: 3 })).toBe('3 actions en attente');
    expect(fr('technician.sync.pending', { count: 1 })).toBe('1 action en attente');
    expect(fr('technician.sync.pending', { count: 0 })).toBe('0 action en attente');
    expect(techTranslator('en')('technician.sync.pending', { count: 0 })).toBe('0 actions waiting');
  });

  it('speaks English to a phone set in English, French otherwise', () => {
    expect(phoneLocale(['en-GB', 'fr'])).toBe('en');
    expect(phoneLocale(['de-DE'])).toBe('fr');
    expect(phoneLocale([])).toBe('fr');
  });
});
