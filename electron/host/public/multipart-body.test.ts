import { describe, expect, it } from 'vitest';
import { MAX_PARTS, multipartBoundary, parseMultipart } from './multipart-body';

/** A body as Chromium writes it for a form with a text field and a file input. */
function body(boundary: string, parts: Array<{ name: string; filename?: string; type?: string; content: string | Buffer }>, end = `--${boundary}--\r\n`): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `Content-Disposition: form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\n${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`), Buffer.from(part.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(end));
  return Buffer.concat(chunks);
}

const B = '----WebKitFormBoundaryq3hZ1QJ8pR9v0xYz';

describe('multipart/form-data', () => {
  it('reads the boundary of a form post, quoted or not, and nothing else', () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/x-www-form-urlencoded')).toBeNull();
    expect(multipartBoundary('multipart/form-data')).toBeNull();
    expect(multipartBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`)).toBeNull();
  });

  it('gives the text fields as a form and the files as bytes, binary kept as is', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]);
    const parsed = parseMultipart(
      body(B, [
        { name: '_csrf', content: 'abc.def' },
        { name: 'texte', content: 'Ma chaudière fuit\r\ndepuis ce matin' },
        { name: 'photos', filename: 'fuite.png', type: 'image/png', content: png },
        { name: 'photos', filename: '', type: 'application/octet-stream', content: '' },
      ]),
      B,
    )!;
    expect(parsed.fields.get('_csrf')).toBe('abc.def');
    expect(parsed.fields.get('texte')).toBe('Ma chaudière fuit\r\ndepuis ce matin');
    expect(parsed.files).toHaveLength(1);
    expect(parsed.files[0]).toMatchObject({ field: 'photos', filename: 'fuite.png', contentType: 'image/png' });
    expect(parsed.files[0]!.bytes.equals(png)).toBe(true);
  });

  it('refuses a body that is not one: no opening boundary, no end, a part without a name, too many parts', () => {
    expect(parseMultipart(Buffer.from('hello'), B)).toBeNull();
    expect(parseMultipart(body(B, [{ name: 'a', content: 'x' }], ''), B)).toBeNull();
    expect(parseMultipart(Buffer.from(`--${B}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${B}--`), B)).toBeNull();
    expect(parseMultipart(Buffer.from(`--${B}\r\nContent-Disposition: attachment; name="a"\r\n\r\nx\r\n--${B}--`), B)).toBeNull();
    const many = Array.from({ length: MAX_PARTS + 1 }, (_, i) => ({ name: `f${i}`, content: 'x' }));
    expect(parseMultipart(body(B, many), B)).toBeNull();
    expect(parseMultipart(body(B, many.slice(0, MAX_PARTS)), B)?.fields.get('f0')).toBe('x');
  });
});
