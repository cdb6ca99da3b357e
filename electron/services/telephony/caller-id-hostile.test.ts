/**
 * P-Asserted-Identity and From as a SIP scanner or a broken trunk may send them: 1 MB each (cut to
 * MAX_HEADER_CHARS before parsing), shaped to make a backtracking parser slow. The pop must not wait.
 */
import { describe, expect, it } from 'vitest';
import { hostileSipHeaders } from '../../../test/support/hostile-text';
import { MAX_DISPLAY_NAME_CHARS, MAX_NUMBER_CHARS, parseCaller } from './caller-id';

describe('parseCaller on hostile headers', () => {
  it('reads 1 MB of hostile P-Asserted-Identity and From without stalling, and says it cut them', () => {
    for (const { name, text } of hostileSipHeaders()) {
      for (const headers of [{ pai: text, from: 'sip:0612345678@pbx' }, { pai: undefined, from: text }, { pai: text, from: text, privacy: text }]) {
        const caller = parseCaller(headers);
        expect(caller.number.length, name).toBeLessThanOrEqual(MAX_NUMBER_CHARS);
        expect((caller.displayName ?? '').length, name).toBeLessThanOrEqual(MAX_DISPLAY_NAME_CHARS * 2);
        expect(caller.warnings.some((w) => w.includes('trop long')), name).toBe(true);
      }
    }
  }, 30_000);
});
