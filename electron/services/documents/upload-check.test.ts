import { describe, expect, it } from 'vitest';
import { checkUpload, extensionOf, DEFAULT_UPLOAD_LIMITS } from './upload-check';
import { docx, jpeg, odt, pdf, png, xlsx, zip } from '../../../test/support/document-fixtures';

const kindOf = (bytes: Buffer, name: string) => {
  const verdict = checkUpload(bytes, name);
  return verdict.ok ? verdict.type.kind : verdict.reason;
};

describe('checkUpload: what a file is, from its bytes', () => {
  it('recognises the documents a building-services customer sends, whatever their name', () => {
    expect(kindOf(pdf(), 'devis.pdf')).toBe('pdf');
    expect(kindOf(pdf(), 'scan sans extension')).toBe('pdf');
    expect(kindOf(jpeg(), 'IMG_2041.JPG')).toBe('jpeg');
    expect(kindOf(jpeg(), 'photo.pdf')).toBe('jpeg');
    expect(kindOf(png(), 'plan.png')).toBe('png');
    expect(kindOf(Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(20)]), 'a.webp')).toBe('webp');
    expect(kindOf(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(40)]), 'IMG_0001.HEIC')).toBe('heic');
    expect(kindOf(Buffer.from('Relevé du compteur : 12 345 kWh\nChaudière révisée.\n', 'utf8'), 'notes.txt')).toBe('text');
    expect(kindOf(docx(), 'devis.docx')).toBe('docx');
    expect(kindOf(xlsx(), 'metre.xlsx')).toBe('xlsx');
    expect(kindOf(odt(), 'rapport.odt')).toBe('odt');
    // A WhatsApp voice note: an Ogg page header (version 0).
    expect(kindOf(Buffer.concat([Buffer.from('OggS'), Buffer.from([0, 2]), Buffer.alloc(40)]), 'vocal.ogg')).toBe('ogg');
    expect(kindOf(Buffer.concat([Buffer.from('OggS'), Buffer.from([7, 2]), Buffer.alloc(40)]), 'vocal.ogg')).toBe('documents.unknown_type');
  });

  it('gives the type a download is served with', () => {
    const verdict = checkUpload(jpeg(), 'photo.pdf');
    expect(verdict).toMatchObject({ ok: true, type: { mime: 'image/jpeg', extension: 'jpg' } });
  });
});

describe('checkUpload: refusals', () => {
  it('refuses an empty file and one over the size limit, saying the limit', () => {
    expect(kindOf(Buffer.alloc(0), 'vide.pdf')).toBe('documents.empty');
    const big = Buffer.concat([pdf(), Buffer.alloc(DEFAULT_UPLOAD_LIMITS.maxBytes)]);
    const verdict = checkUpload(big, 'gros.pdf');
    expect(verdict).toMatchObject({ ok: false, reason: 'documents.too_large', params: { max: 20 } });
    expect(checkUpload(pdf(), 'petit.pdf', { ...DEFAULT_UPLOAD_LIMITS, maxBytes: 10 })).toMatchObject({ ok: false, reason: 'documents.too_large' });
  });

  it('refuses a renamed executable, whatever its name says', () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from('This program cannot be run in DOS mode.')]);
    expect(kindOf(exe, 'facture.pdf')).toBe('documents.executable');
    expect(kindOf(exe, 'photo.jpg')).toBe('documents.executable');
    expect(kindOf(Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(64)]), 'devis.docx')).toBe('documents.executable');
    expect(kindOf(Buffer.from('#!/bin/sh\nrm -rf ~\n'), 'notes.txt')).toBe('documents.script');
    expect(kindOf(Buffer.from('\ufeff#!/usr/bin/env node\n'), 'notes.txt')).toBe('documents.script');
  });

  it('refuses a name that would run on a double click, even over harmless bytes', () => {
    expect(checkUpload(Buffer.from('bonjour'), 'lisez-moi.txt.js')).toMatchObject({ ok: false, reason: 'documents.dangerous_name', params: { extension: 'js' } });
    expect(kindOf(pdf(), 'facture.pdf.exe')).toBe('documents.dangerous_name');
    expect(kindOf(pdf(), 'devis.hta')).toBe('documents.dangerous_name');
    expect(kindOf(docx(), 'devis.docm')).toBe('documents.dangerous_name');
  });

  it('refuses HTML and SVG, with or without script, however they are named', () => {
    expect(kindOf(Buffer.from('<!DOCTYPE html><html><body>Votre facture</body></html>'), 'facture.txt')).toBe('documents.markup');
    expect(kindOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'), 'plan.png')).toBe('documents.markup');
    expect(kindOf(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'plan.txt')).toBe('documents.markup');
    expect(kindOf(Buffer.from('Bonjour,\nvoici le plan : <script>fetch("/api")</script>\n'), 'message.txt')).toBe('documents.markup');
    expect(kindOf(Buffer.from('Photo : <img src=x onerror=alert(1)>'), 'message.txt')).toBe('documents.markup');
    expect(kindOf(Buffer.from(`x ${'<img '.repeat(10_000)}`), 'message.txt')).toBe('documents.markup');
    expect(kindOf(Buffer.from('Prix < 300 € et délai > 2 semaines'), 'devis.txt')).toBe('text');
  });

  it('refuses polyglots: a PDF or JPEG header over HTML, an image with a zip appended (GIFAR)', () => {
    expect(kindOf(Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF'), 'devis.pdf')).toBe('documents.polyglot');
    const jpegHtml = Buffer.concat([jpeg(100).subarray(0, 20), Buffer.from('<script>document.location="https://x"</script>'), Buffer.alloc(100)]);
    expect(kindOf(jpegHtml, 'photo.jpg')).toBe('documents.polyglot');
    const gifar = Buffer.concat([jpeg(5_000), zip([{ name: 'Evil.class', data: Buffer.alloc(500, 1) }])]);
    expect(checkUpload(gifar, 'photo.jpg')).toMatchObject({ ok: false, reason: 'documents.polyglot', detail: 'jpeg with a zip archive appended' });
    expect(kindOf(Buffer.concat([png(), zip([{ name: 'a.txt', data: 'x' }])]), 'plan.png')).toBe('documents.polyglot');
  });

  it('refuses zip bombs from the central directory alone: a real one, a forged size, too many entries', () => {
    // 60 MB of zeros deflate to ~60 kB: a ratio of ~1000.
    const real = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: Buffer.alloc(60 * 1024 * 1024) },
    ]);
    expect(real.length).toBeLessThan(200_000);
    expect(checkUpload(real, 'devis.docx')).toMatchObject({ ok: false, reason: 'documents.zip_bomb' });
    const forged = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: 'petit', declaredSize: 4_000_000_000 },
    ]);
    expect(kindOf(forged, 'devis.docx')).toBe('documents.zip_bomb');
    const many = zip(Array.from({ length: DEFAULT_UPLOAD_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `f${i}`, data: '', method: 0 as const })));
    expect(kindOf(many, 'archive.docx')).toBe('documents.zip_bomb');
  });

  it('refuses other archives, unreadable zips and documents with macros', () => {
    expect(kindOf(zip([{ name: 'virus.exe', data: 'MZ' }]), 'photos.zip')).toBe('documents.unknown_type');
    expect(kindOf(Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(50)]), 'devis.docx')).toBe('documents.zip_unreadable');
    const macro = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
      { name: 'word/vbaProject.bin', data: Buffer.alloc(100, 7) },
    ]);
    expect(kindOf(macro, 'devis.docx')).toBe('documents.macros');
  });

  it('refuses what it does not recognise (GIF, binary noise)', () => {
    expect(kindOf(Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(30, 0)]), 'logo.gif')).toBe('documents.unknown_type');
    expect(kindOf(Buffer.from([0, 1, 2, 3, 4, 5, 200, 201]), 'data.bin')).toBe('documents.unknown_type');
  });
});

describe('extensionOf', () => {
  it('reads the last extension, ignoring trailing dots and spaces (Windows drops them)', () => {
    expect(extensionOf('facture.PDF')).toBe('pdf');
    expect(extensionOf('facture.pdf.exe. . ')).toBe('exe');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('C:\\Users\\x\\devis.docx')).toBe('docx');
  });
});
