/**
 * The WhatsApp Cloud API adapter against the stand-in over HTTP (test/support/whatsapp-standin.ts):
 * the account's templates across pages, a media fetched with the token and refused past the size
 * limit, and the webhook's media and status references read as Meta documents them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWhatsAppStandIn, type WhatsAppStandIn } from '../../../../test/support/whatsapp-standin';
import { ProviderError } from './provider';
import { readWebhook, WhatsAppCloud } from './whatsapp-cloud';

let wa: WhatsAppStandIn;
let client: WhatsAppCloud;

beforeAll(async () => {
  wa = await startWhatsAppStandIn();
  client = new WhatsAppCloud(() => ({ baseUrl: wa.baseUrl, version: wa.version, phoneNumberId: wa.phoneNumberId, token: wa.token, appSecret: wa.appSecret, verifyToken: wa.verifyToken, businessAccountId: wa.businessAccountId, timeoutMs: 2_000 }));
  // Its webhooks go nowhere useful here (the stand-in itself answers them 404).
  wa.subscribe(`${wa.baseUrl}/webhook-sink`);
});

afterAll(async () => {
  await wa?.stop();
});

describe('WhatsAppCloud', () => {
  it('reads every page of the account’s templates, with the body’s parameter count', async () => {
    for (let i = 0; i < 230; i++) wa.templates.push({ name: `modele_${i}`, language: 'fr', status: i % 2 ? 'APPROVED' : 'REJECTED', category: 'UTILITY', body: `Bonjour {{1}}, rendez-vous {{2}} (${i})` });
    const list = await client.listTemplates();
    wa.templates.splice(4);
    expect(list).toHaveLength(234);
    expect(list.at(-1)).toMatchObject({ name: 'modele_229', status: 'APPROVED', parameters: 2 });
    expect(new Set(list.map((t) => t.name)).size).toBe(234);
  });

  it('fetches a media with the token, and refuses one larger than the limit', async () => {
    const bytes = Buffer.alloc(5_000, 1);
    const { mediaId } = await wa.customerSendsMedia('33612345678', { type: 'document', bytes, mime: 'application/pdf', filename: 'devis.pdf' });
    const info = await client.mediaInfo(mediaId);
    expect(info).toMatchObject({ mime: 'application/pdf', size: 5_000 });
    expect((await client.downloadMedia(info.url, 10_000)).equals(bytes)).toBe(true);
    await expect(client.downloadMedia(info.url, 4_999)).rejects.toMatchObject({ permanent: true, code: 'too_large' });
    // Without the token the stand-in, as Meta, refuses.
    expect((await fetch(info.url)).status).toBe(401);
  });

  it('never sends the token to a plain-http address other than the API’s', async () => {
    const elsewhere = new WhatsAppCloud(() => ({ baseUrl: 'https://graph.facebook.com', version: 'v21.0', phoneNumberId: '1', token: 't', appSecret: 's', verifyToken: 'v', businessAccountId: '' }));
    (elsewhere as unknown as { get: (url: string) => Promise<Response> }).get = async () => new Response(JSON.stringify({ url: 'http://evil.example/x', mime_type: 'image/jpeg' }));
    await expect(elsewhere.mediaInfo('123')).rejects.toBeInstanceOf(ProviderError);
  });
});

describe('readWebhook', () => {
  it('reads a picture’s media id and caption, and a status’s reference', () => {
    const parsed = readWebhook({
      entry: [
        {
          changes: [
            {
              field: 'messages',
              value: {
                messages: [{ from: '33612345678', id: 'wamid.A', timestamp: '1764000000', type: 'image', image: { id: '1400', mime_type: 'image/jpeg', sha256: 'x', caption: 'La fuite' } }],
                statuses: [{ id: 'wamid.B', status: 'delivered', timestamp: '1764000001', recipient_id: '33612345678', biz_opaque_callback_data: '0123456789abcdef0123' }],
              },
            },
          ],
        },
      ],
    });
    expect(parsed.messages).toEqual([{ id: 'wamid.A', from: '33612345678', name: null, at: '2025-11-24T16:00:00.000Z', type: 'image', text: 'La fuite', media: { id: '1400', mime: 'image/jpeg', filename: null } }]);
    expect(parsed.statuses[0]).toMatchObject({ id: 'wamid.B', status: 'delivered', reference: '0123456789abcdef0123' });
  });
});
