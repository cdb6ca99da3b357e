import { describe, expect, expectTypeOf, it } from 'vitest';
import { ServiceError, contractError } from './envelope';
import { errorCatalog, errorSentence, fillPlaceholders, isErrorReason, type ErrorReason, type Explanation, type ReasonParams } from './error-catalog';

const reasons = Object.keys(errorCatalog) as ErrorReason[];
const placeholders = (sentence: string) => [...sentence.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('the error catalog', () => {
  it('has a French and an English sentence for every reason', () => {
    expect(reasons.length).toBeGreaterThan(100);
    for (const reason of reasons) {
      expect(errorCatalog[reason].fr.trim(), reason).not.toBe('');
      expect(errorCatalog[reason].en.trim(), reason).not.toBe('');
    }
  });

  it('names the same parameters in both languages, each once per sentence at most', () => {
    const mismatched = reasons.filter((r) => placeholders(errorCatalog[r].fr).join() !== placeholders(errorCatalog[r].en).join());
    expect(mismatched).toEqual([]);
  });

  it('marks parameters only with {name}: no stray brace that a translator would take for one', () => {
    const stray = reasons.filter((r) => [errorCatalog[r].fr, errorCatalog[r].en].some((s) => /[{}]/.test(s.replace(/\{\w+\}/g, ''))));
    expect(stray).toEqual([]);
  });

  it('keys reasons as area.what, in lower case', () => {
    expect(reasons.filter((r) => !/^[a-z]+(\.[a-z_]+)+$/.test(r))).toEqual([]);
  });

  it('words the connection test as the sending, without the draft it does not have', () => {
    // What verify() used to cut from the sending's sentence: the test's French is exactly that.
    const withoutDraft = (s: string) => s.replace(/ ?Le brouillon est conservé\.| ?;? ?le brouillon est conservé\./g, '');
    const tests = reasons.filter((r) => r.startsWith('smtp.test.') && !r.startsWith('smtp.test.ok'));
    expect(tests.length).toBe(14);
    for (const test of tests) {
      const send = test.replace('smtp.test.', 'smtp.') as ErrorReason;
      expect(isErrorReason(send), send).toBe(true);
      expect(errorCatalog[test as ErrorReason].fr, test).toBe(withoutDraft(errorCatalog[send].fr));
      expect(placeholders(errorCatalog[test as ErrorReason].en), test).toEqual(placeholders(errorCatalog[send].en));
    }
  });
});

describe('errorSentence', () => {
  it('fills the parameters as text, in either language', () => {
    expect(errorSentence('fr', 'smtp.connection_refused', { server: 'smtp.example.fr:587' })).toBe(
      'Connexion refusée par smtp.example.fr:587 : le serveur d’envoi est arrêté ou l’adresse et le port sont faux (Paramètres › E-mail). Le brouillon est conservé.',
    );
    expect(errorSentence('en', 'smtp.connection_refused', { server: 'smtp.example.fr:587' })).toBe(
      'Connection refused by smtp.example.fr:587: the mail server is stopped or the address and port are wrong (Settings › E-mail). The draft is kept.',
    );
    expect(errorSentence('en', 'hubspot.unavailable', { status: 503 })).toBe('HubSpot is unavailable for now (503): it will be retried automatically.');
  });

  it('passes free text through as it came: no markup, no second expansion, no $ patterns', () => {
    expect(errorSentence('en', 'smtp.message_refused', { detail: '550 <b>{server}</b> $& $1' })).toBe('The mail server refused the message (550 <b>{server}</b> $& $1). The draft is kept.');
  });

  it('leaves a missing parameter visible rather than inventing one', () => {
    expect(fillPlaceholders('Connexion refusée par {server}', {})).toBe('Connexion refusée par {server}');
    expect(fillPlaceholders('{toString}', {})).toBe('{toString}');
  });
});

describe('isErrorReason', () => {
  it('knows the catalog and nothing else (an older or newer server may send other reasons)', () => {
    expect(isErrorReason('smtp.auth_refused')).toBe(true);
    expect(isErrorReason('smtp.someday')).toBe(false);
    expect(isErrorReason('toString')).toBe(false);
    expect(isErrorReason(undefined)).toBe(false);
    expect(isErrorReason(42)).toBe(false);
  });
});

describe('ServiceError', () => {
  it('carries the reason and parameters, and the French sentence as its message', () => {
    const error = new ServiceError('unavailable', { reason: 'smtp.auth_refused', params: { server: 'smtp.example.fr:587' } });
    expect(error.message).toBe('Le serveur d’envoi smtp.example.fr:587 a refusé l’identifiant ou le mot de passe : vérifiez-les dans Paramètres › E-mail. Le brouillon est conservé.');
    expect(error.toContractError()).toEqual({ code: 'unavailable', message: error.message, reason: 'smtp.auth_refused', params: { server: 'smtp.example.fr:587' } });
    expect(contractError('not_found', { reason: 'call.not_found' })).toEqual({ code: 'not_found', message: 'Appel introuvable', reason: 'call.not_found', params: {} });
  });

  it('checks the parameters against the sentence at compile time', () => {
    expectTypeOf<ReasonParams<'smtp.auth_refused'>>().toEqualTypeOf<{ readonly server: string | number }>();
    expectTypeOf<ReasonParams<'smtp.password_owner_changed'>>().toEqualTypeOf<{
      readonly host: string | number;
      readonly port: string | number;
      readonly user: string | number;
      readonly ownerHost: string | number;
      readonly ownerPort: string | number;
    }>();
    expectTypeOf<{ reason: 'call.not_found' }>().toExtend<Explanation>();
    expectTypeOf<{ reason: 'smtp.auth_refused' }>().not.toExtend<Explanation>();
    expectTypeOf<{ reason: 'smtp.auth_refused'; params: { host: string } }>().not.toExtend<Explanation>();
    expectTypeOf<{ reason: 'smtp.someday' }>().not.toExtend<Explanation>();
    // @ts-expect-error -- a reason that takes a parameter needs it
    expect(() => new ServiceError('unavailable', { reason: 'smtp.auth_refused' })).not.toThrow();
    // @ts-expect-error -- a misspelt parameter
    expect(() => new ServiceError('unavailable', { reason: 'smtp.auth_refused', params: { serveur: 'x' } })).not.toThrow();
  });
});
