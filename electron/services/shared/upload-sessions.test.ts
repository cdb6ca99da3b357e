import { describe, expect, it } from 'vitest';
import { reasonOf } from '../../../test/support/service-reason';
import { EXPIRY_MINUTES, MAX_PER_CALLER, UploadSessions } from './upload-sessions';

describe('UploadSessions: a file sent in parts', () => {
  let now = 1_000_000;
  const sessions = () => new UploadSessions<{ name: string }>(() => now, () => 10);

  it('gives back the whole file once every part arrived, in order', () => {
    const s = sessions();
    const id = s.begin('claire', 6, { name: 'a.txt' });
    expect(s.part('claire', id, 0, Buffer.from('abc'))).toBe(3);
    expect(s.part('claire', id, 1, Buffer.from('def'))).toBe(6);
    expect(s.finish('claire', id)).toEqual({ bytes: Buffer.from('abcdef'), meta: { name: 'a.txt' } });
    expect(reasonOf(() => s.finish('claire', id))).toBe('documents.upload_unknown');
  });

  it('refuses a size over the limit before any byte is sent, and parts beyond what was announced', () => {
    const s = sessions();
    expect(reasonOf(() => s.begin('claire', 11, { name: 'big' }))).toBe('documents.too_large');
    const id = s.begin('claire', 4, { name: 'x' });
    expect(reasonOf(() => s.part('claire', id, 0, Buffer.from('abcde')))).toBe('documents.upload_incomplete');
    // The upload is dropped: nothing more is accepted for it.
    expect(reasonOf(() => s.part('claire', id, 0, Buffer.from('ab')))).toBe('documents.upload_unknown');
  });

  it('refuses a part out of order, and a finish before the last part', () => {
    const s = sessions();
    const skipped = s.begin('claire', 4, { name: 'x' });
    expect(reasonOf(() => s.part('claire', skipped, 1, Buffer.from('ab')))).toBe('documents.upload_incomplete');
    const short = s.begin('claire', 4, { name: 'y' });
    s.part('claire', short, 0, Buffer.from('ab'));
    expect(reasonOf(() => s.finish('claire', short))).toBe('documents.upload_incomplete');
  });

  it('keeps an upload to its caller: another account cannot add to it or finish it', () => {
    const s = sessions();
    const id = s.begin('claire', 2, { name: 'x' });
    expect(reasonOf(() => s.part('paul', id, 0, Buffer.from('ab')))).toBe('documents.upload_unknown');
    expect(reasonOf(() => s.finish('paul', id))).toBe('documents.upload_unknown');
    s.part('claire', id, 0, Buffer.from('ab'));
    expect(s.finish('claire', id).bytes.toString()).toBe('ab');
  });

  it('holds at most a few uploads per caller, and forgets one left unfinished', () => {
    const s = sessions();
    const ids = Array.from({ length: MAX_PER_CALLER }, () => s.begin('claire', 1, { name: 'x' }));
    expect(reasonOf(() => s.begin('claire', 1, { name: 'x' }))).toBe('documents.too_many_uploads');
    expect(reasonOf(() => s.begin('paul', 1, { name: 'x' }))).toBeNull();
    now += EXPIRY_MINUTES * 60_000 + 1;
    expect(reasonOf(() => s.part('claire', ids[0]!, 0, Buffer.from('a')))).toBe('documents.upload_unknown');
    expect(reasonOf(() => s.begin('claire', 1, { name: 'x' }))).toBeNull();
  });
});
