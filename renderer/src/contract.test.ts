import { describe, expect, it } from 'vitest';
import * as wire from '../../electron/contract/wire';
import { MAX_FRAME_BYTES, WS_PATH } from './contract';

describe('renderer contract door', () => {
  it('mirrors the wire constants of the contract', () => {
    expect(WS_PATH).toBe(wire.WS_PATH);
    expect(MAX_FRAME_BYTES).toBe(wire.MAX_FRAME_BYTES);
  });
});
