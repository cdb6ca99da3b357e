import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appIcon } from './app-icon';

describe('the technicians’ app icon', () => {
  it('is a real RGBA PNG of the size asked, blue at the corner and white at the centre', () => {
    const png = appIcon(192);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(192);
    expect(png.readUInt32BE(20)).toBe(192);
    const idatAt = png.indexOf('IDAT');
    const rows = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
    const stride = 192 * 4 + 1;
    expect([...rows.subarray(1, 5)]).toEqual([0x1d, 0x4e, 0xd8, 0xff]);
    const centre = 96 * stride + 1 + 96 * 4;
    expect([...rows.subarray(centre, centre + 4)]).toEqual([0xff, 0xff, 0xff, 0xff]);
  });
});
