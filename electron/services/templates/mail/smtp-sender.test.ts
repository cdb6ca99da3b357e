import { describe, expect, it } from 'vitest';
import { describeSmtpFailure, transportOptions, SmtpSender } from './smtp-sender';
import type { SmtpConfig } from '../../settings/settings-service';

const base: SmtpConfig = {
  host: 'smtp.example.fr', port: 587, security: 'starttls', user: 'claire', password: 'pw', fromAddress: 'a@example.fr', fromName: '',
  companyName: '', companyPhone: '', reviewUrl: '', caFile: null,
};

describe('transportOptions', () => {
  it('requires STARTTLS in starttls mode, TLS from the start in tls mode, and no TLS in none mode', () => {
    expect(transportOptions(base)).toMatchObject({ secure: false, requireTLS: true, ignoreTLS: false, auth: { user: 'claire', pass: 'pw' } });
    expect(transportOptions({ ...base, security: 'tls', port: 465 })).toMatchObject({ secure: true, requireTLS: false, ignoreTLS: false });
    expect(transportOptions({ ...base, security: 'none', user: '' })).toMatchObject({ secure: false, requireTLS: false, ignoreTLS: true });
    expect(transportOptions({ ...base, user: '' })).not.toHaveProperty('auth');
  });
});

describe('describeSmtpFailure', () => {
  it('names the cause in French for each kind of refusal', () => {
    expect(describeSmtpFailure({ code: 'EAUTH', responseCode: 535 }, base).message).toMatch(/identifiant ou le mot de passe/);
    expect(describeSmtpFailure({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:2525' }, base).message).toMatch(/Connexion refusée par smtp\.example\.fr:587/);
    expect(describeSmtpFailure({ code: 'ESOCKET', message: 'self-signed certificate' }, base).message).toMatch(/Connexion chiffrée impossible/);
    expect(describeSmtpFailure({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 Mailbox unavailable' }, base)).toMatchObject({ code: 'bad_request' });
    expect(describeSmtpFailure({ code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.example.fr' }, base).message).toMatch(/introuvable/);
    expect(describeSmtpFailure({ code: 'ETIMEDOUT' }, base).message).toMatch(/ne répond pas/);
  });

  it('gives each cause a reason, with the server and its reply as parameters, for the interface to word', () => {
    expect(describeSmtpFailure({ code: 'EAUTH', responseCode: 535 }, base)).toMatchObject({ reason: 'smtp.auth_refused', params: { server: 'smtp.example.fr:587' } });
    expect(describeSmtpFailure({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1  Mailbox\nunavailable' }, base)).toMatchObject({
      reason: 'smtp.recipient_refused',
      params: { detail: '550 5.1.1 Mailbox unavailable' },
    });
    expect(describeSmtpFailure({ code: 'EENVELOPE' }, base)).toMatchObject({ reason: 'smtp.recipient_refused_no_detail', params: {} });
    expect(describeSmtpFailure({ code: 'EENVELOPE' }, base).message).toContain('(adresse refusée)');
  });

  it('words the connection test without the draft, always as unavailable', () => {
    const test = describeSmtpFailure({ code: 'ETIMEDOUT' }, base, 'test');
    expect(test).toMatchObject({ code: 'unavailable', reason: 'smtp.test.timeout', params: { server: 'smtp.example.fr:587' } });
    expect(test.message).toBe('Le serveur d’envoi smtp.example.fr:587 ne répond pas (délai dépassé). Réessayez dans un instant');
    expect(describeSmtpFailure({ code: 'EENVELOPE' }, base, 'test')).toMatchObject({ code: 'unavailable', reason: 'smtp.test.recipient_refused_no_detail' });
  });
});

describe('SmtpSender.unavailableReason', () => {
  it('says what is missing before any connection is tried', () => {
    expect(new SmtpSender(() => ({ ...base, host: '' })).unavailableReason()).toMatch(/Aucun serveur/);
    expect(new SmtpSender(() => ({ ...base, fromAddress: '' })).unavailableReason()).toMatch(/expéditeur/);
    expect(new SmtpSender(() => base).unavailableReason()).toBeNull();
    expect(new SmtpSender(() => ({ ...base, host: '' })).unavailable()).toEqual({ reason: 'smtp.no_server' });
    expect(new SmtpSender(() => ({ ...base, fromAddress: '' })).unavailable()).toEqual({ reason: 'smtp.no_sender' });
  });
});
