import { describe, expect, it } from 'vitest';
import { automaticMailReason, headerMap } from './mail-classifier';

const envelope = (lines: string[], from: string | null = 'client@example.test') => ({
  headers: headerMap(lines.map((line) => ({ key: line.slice(0, line.indexOf(':')).toLowerCase(), line }))),
  from,
});

describe('automaticMailReason', () => {
  it('lets a person’s e-mail through, even one that says Auto-Submitted: no', () => {
    expect(automaticMailReason(envelope(['Subject: Fuite', 'Auto-Submitted: no']))).toBeNull();
    expect(automaticMailReason(envelope(['Subject: Fuite', 'Precedence: normal']))).toBeNull();
  });

  it('recognises out-of-office and other auto-replies', () => {
    expect(automaticMailReason(envelope(['Auto-Submitted: auto-replied']))).toBe('auto_submitted');
    expect(automaticMailReason(envelope(['Auto-Submitted: Auto-Generated; owner-email="x@y"']))).toBe('auto_submitted');
    expect(automaticMailReason(envelope(['X-Autoreply: yes']))).toBe('autoreply_header');
    expect(automaticMailReason(envelope(['X-Autorespond: vacances']))).toBe('autoreply_header');
    expect(automaticMailReason(envelope(['Precedence: auto_reply']))).toBe('precedence');
  });

  it('recognises bounces and delivery reports', () => {
    expect(automaticMailReason(envelope(['Content-Type: multipart/report; report-type=delivery-status; boundary="x"']))).toBe('delivery_report');
    expect(automaticMailReason(envelope(['Content-Type: multipart/report; report-type=disposition-notification']))).toBe('delivery_report');
    expect(automaticMailReason(envelope(['Return-Path: <>', 'Subject: Undelivered']))).toBe('empty_return_path');
    expect(automaticMailReason(envelope(['Subject: Undelivered'], 'mailer-daemon@mx.example.test'))).toBe('mailer_daemon');
    expect(automaticMailReason(envelope(['Subject: x'], 'postmaster@example.test'))).toBe('mailer_daemon');
  });

  it('recognises mailing lists and bulk mail', () => {
    expect(automaticMailReason(envelope(['List-Id: <lettre.example.test>']))).toBe('mailing_list');
    expect(automaticMailReason(envelope(['List-Unsubscribe: <mailto:x@y>']))).toBe('mailing_list');
    expect(automaticMailReason(envelope(['Precedence: bulk']))).toBe('precedence');
    expect(automaticMailReason(envelope(['Precedence: junk']))).toBe('precedence');
  });

  it('ignores mail without a sender and mail from Accueil itself', () => {
    expect(automaticMailReason(envelope(['Subject: x'], null))).toBe('no_sender');
    expect(automaticMailReason(envelope(['Subject: x'], 'accueil@chauffage.test'), ['Accueil@chauffage.test'])).toBe('own_address');
  });

  it('unfolds folded header lines', () => {
    const map = headerMap([{ key: 'content-type', line: 'Content-Type: multipart/report;\r\n\treport-type=delivery-status' }]);
    expect(map.get('content-type')).toEqual(['multipart/report; report-type=delivery-status']);
  });
});
