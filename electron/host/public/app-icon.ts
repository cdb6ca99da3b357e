/**
 * The technicians' app's home-screen icon, drawn here (no image file to ship or resize): a white
 * ring and dot on the company blue, inside the central 80 % a maskable icon keeps. A PNG (RGBA,
 * deflate) made once per size at start.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, sum]);
}

/** A PNG of `size`×`size` pixels, each given by `pixel(x, y)` as [r, g, b, a]. */
export function encodePng(size: number, pixel: (x: number, y: number) => readonly [number, number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    const at = y * (size * 4 + 1);
    rows[at] = 0; // no filter
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), at + 1 + x * 4);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const BLUE = [0x1d, 0x4e, 0xd8, 0xff] as const;
const WHITE = [0xff, 0xff, 0xff, 0xff] as const;

export function appIcon(size: number): Buffer {
  const c = size / 2;
  return encodePng(size, (x, y) => {
    const r = Math.hypot(x + 0.5 - c, y + 0.5 - c) / size;
    return (r > 0.2 && r < 0.3) || r < 0.08 ? WHITE : BLUE;
  });
}
