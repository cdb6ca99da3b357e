import { describe, expect, it } from 'vitest';
import { createContractClient, errorCatalog, type Envelope } from '../contract';
import { toUiError } from '../ui/ui-error';
import { translate, type Translate } from './index';
import { errorText, reasonText } from './use-t';

const tFor =
  (locale: 'fr' | 'en'): Translate =>
  (key, params) =>
    translate(locale, key, params);

/** The error a service call ends with, as a store keeps it, when the services answer `envelope`. */
async function uiErrorOf(envelope: Envelope<unknown>) {
  const client = createContractClient({ invoke: () => Promise.resolve(envelope), on: () => () => {} });
  try {
    await client.invoke('mail.test', {});
  } catch (error) {
    return toUiError(error);
  }
  throw new Error('the call did not fail');
}

const refused: Envelope<unknown> = {
  ok: false,
  error: {
    code: 'unavailable',
    message: 'Connexion refusée par 127.0.0.1:2525 : le serveur d’envoi est arrêté ou l’adresse et le port sont faux (Paramètres › E-mail).',
    reason: 'smtp.test.connection_refused',
    params: { server: '127.0.0.1:2525' },
  },
};

describe("a service's error in the interface", () => {
  it('reads in English when the interface is in English', async () => {
    expect(errorText(tFor('en'), await uiErrorOf(refused))).toBe(
      'Connection refused by 127.0.0.1:2525: the mail server is stopped or the address and port are wrong (Settings › E-mail).',
    );
  });

  it('reads in French as the service said it', async () => {
    const error = await uiErrorOf(refused);
    expect(errorText(tFor('fr'), error)).toBe(refused.ok ? '' : refused.error.message);
  });

  it("falls back to the service's sentence for a reason this build does not know, or none (an older server)", async () => {
    const newer = await uiErrorOf({ ok: false, error: { code: 'conflict', message: 'Phrase d’un serveur plus récent', reason: 'agenda.slot_taken', params: {} } });
    expect(errorText(tFor('en'), newer)).toBe('Phrase d’un serveur plus récent');
    const older = await uiErrorOf({ ok: false, error: { code: 'not_found', message: 'Appel introuvable' } });
    expect(older).toEqual({ kind: 'service', code: 'not_found', message: 'Appel introuvable' });
    expect(errorText(tFor('en'), older)).toBe('Appel introuvable');
  });

  it('keeps only text and number parameters, shown as text', async () => {
    const error = await uiErrorOf({
      ok: false,
      error: { code: 'unavailable', message: 'x', reason: 'smtp.message_refused', params: { detail: '<img src=x onerror=alert(1)>', extra: { evil: true } as never } },
    });
    expect(error).toMatchObject({ reason: 'smtp.message_refused', params: { detail: '<img src=x onerror=alert(1)>' } });
    expect(error.kind === 'service' && error.params).not.toHaveProperty('extra');
    expect(errorText(tFor('en'), error)).toBe('The mail server refused the message (<img src=x onerror=alert(1)>). The draft is kept.');
  });

  it('words answers that are not errors the same way (HubSpot test, sync status)', () => {
    const test = { reason: 'hubspot.test.ok', params: {}, message: errorCatalog['hubspot.test.ok'].fr };
    expect(reasonText(tFor('en'), test, test.message)).toBe('Connected to HubSpot: the token is valid and has every permission needed.');
    expect(reasonText(tFor('en'), null, 'HubSpot est injoignable')).toBe('HubSpot est injoignable');
  });

  it('has every reason of the catalog among the interface messages, in both languages', () => {
    for (const [reason, sentence] of Object.entries(errorCatalog) as Array<[string, { fr: string; en: string }]>) {
      expect(translate('fr', `service.${reason}` as never)).toBe(sentence.fr);
      expect(translate('en', `service.${reason}` as never)).toBe(sentence.en);
    }
  });
});
