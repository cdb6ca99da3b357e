/**
 * A stand-in for the WhatsApp Cloud API, over HTTP on loopback, following Meta's documented shapes:
 *
 * - `POST /{version}/{phone-number-id}/messages` with `Authorization: Bearer <token>` (else 401,
 *   error code 190); `messaging_product: "whatsapp"`, `type: "text" | "template"`; answers
 *   `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id: "wamid.…" }] }`. Free text to
 *   a number that has not written within 24 hours is accepted, then fails by webhook with error
 *   131047 (« Re-engagement message »), as Meta does. `faults.rateLimit` answers 429 (code 130429).
 * - The webhook side: `customerWrites()` posts an incoming message, and each accepted message gets
 *   its statuses (sent, delivered, optionally read), all to the subscribed URL, signed
 *   `X-Hub-Signature-256: sha256=HMAC(app secret, raw body)`; `deliverTwice` posts each twice.
 * - `GET /{version}/{WABA-ID}/message_templates?fields=…&limit=n`: the account's templates (`data`:
 *   name, language, status, category, components; cursor `paging` with `next` while more remain). A
 *   template message must name an APPROVED template in its language (else 132001) with as many body
 *   parameters as its text has (else 132000).
 * - Media: `customerSendsMedia()` posts an image/document/audio message carrying a media id;
 *   `GET /{version}/{media-id}` answers `{ url, mime_type, sha256, file_size, id }` and the url
 *   gives the bytes, both only with the bearer token; `mediaLookups` / `mediaDownloads` count them.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WhatsAppStandIn {
  baseUrl: string;
  version: string;
  phoneNumberId: string;
  token: string;
  appSecret: string;
  verifyToken: string;
  /** Messages accepted, in order. */
  sent: Array<{ id: string; to: string; type: string; body: unknown }>;
  /** Where webhooks go (the product's public surface). */
  subscribe(url: string): void;
  /** The customer texts the business number: a signed webhook to the subscribed URL; resolves with its HTTP status. */
  customerWrites(from: string, text: string, options?: { name?: string; at?: Date }): Promise<{ status: number; id: string }>;
  /** Any body, signed (or not, or wrongly), to the subscribed URL. */
  post(body: unknown, signature?: 'good' | 'none' | 'forged'): Promise<number>;
  /**
   * rateLimit: every send answers 429 (code 130429, Retry-After 1); hangMs: a send is accepted (and
   * delivered) but its answer comes only after that long — a client that gave up does not know it left;
   * noStatuses: accepted messages get no status webhook (lost on the way).
   */
  faults: { rateLimit: boolean; deliverTwice: boolean; read: boolean; hangMs: number; noStatuses: boolean };
  /** Sends answered 429. */
  rateLimited(): number;
  businessAccountId: string;
  /** The account's message templates (edit freely: a status changes, one is added). */
  templates: StandInTemplate[];
  /** The customer sends a picture, a document or a voice note: a signed webhook carrying its media id. */
  customerSendsMedia(from: string, media: { type: 'image' | 'document' | 'audio'; bytes: Buffer; mime: string; filename?: string; caption?: string }): Promise<{ status: number; id: string; mediaId: string }>;
  /** GET /{media-id} and downloads of a media's bytes, per media id. */
  mediaLookups: Map<string, number>;
  mediaDownloads: Map<string, number>;
  stop(): Promise<void>;
}

export interface StandInTemplate {
  name: string;
  language: string;
  status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED';
  category: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION';
  body: string;
}

/** A small account: two approved utility templates, one marketing template awaiting review, one refused. */
export const STANDIN_TEMPLATES: readonly StandInTemplate[] = [
  { name: 'rappel_rdv', language: 'fr', status: 'APPROVED', category: 'UTILITY', body: 'Bonjour, nous vous rappelons votre rendez-vous du {{1}} à {{2}}. Répondez à ce message pour toute question.' },
  { name: 'technicien_en_route', language: 'fr', status: 'APPROVED', category: 'UTILITY', body: 'Bonjour {{1}}, {{2}} est en route et arrive vers {{3}}.' },
  { name: 'promo_entretien', language: 'fr', status: 'PENDING', category: 'MARKETING', body: 'Bonjour {{1}}, -10 % sur votre contrat d’entretien ce mois-ci.' },
  { name: 'ancien_rappel', language: 'fr', status: 'REJECTED', category: 'UTILITY', body: 'Rappel : rendez-vous demain.' },
];

const WINDOW_MS = 24 * 3_600_000;

export async function startWhatsAppStandIn(options: { now?: () => number } = {}): Promise<WhatsAppStandIn> {
  const now = options.now ?? Date.now;
  const version = 'v21.0';
  const phoneNumberId = '106540352242922';
  const token = `EAAG${randomBytes(12).toString('hex')}`;
  const appSecret = randomBytes(16).toString('hex');
  const verifyToken = randomBytes(8).toString('hex');
  const lastInbound = new Map<string, number>();
  const sent: WhatsAppStandIn['sent'] = [];
  let webhookUrl: string | null = null;
  let counter = 0;
  const faults = { rateLimit: false, deliverTwice: false, read: false, hangMs: 0, noStatuses: false };
  let rateLimitedCount = 0;
  const businessAccountId = '102290129340398';
  const templates: StandInTemplate[] = STANDIN_TEMPLATES.map((t) => ({ ...t }));
  const media = new Map<string, { bytes: Buffer; mime: string }>();
  const mediaLookups = new Map<string, number>();
  const mediaDownloads = new Map<string, number>();
  let base = '';
  const parameterCount = (body: string) => Math.max(0, ...[...body.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1])));

  const envelope = (value: Record<string, unknown>) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: businessAccountId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '33478123456', phone_number_id: phoneNumberId }, ...value } }] }],
  });

  async function post(body: unknown, signature: 'good' | 'none' | 'forged' = 'good'): Promise<number> {
    if (!webhookUrl) throw new Error('no webhook subscribed');
    const raw = Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature === 'good') headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
    if (signature === 'forged') headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', 'not-the-secret').update(raw).digest('hex')}`;
    let status = 0;
    for (let i = 0; i < (faults.deliverTwice ? 2 : 1); i++) {
      const response = await fetch(webhookUrl, { method: 'POST', headers, body: raw });
      status = response.status;
      await response.text();
    }
    return status;
  }

  /** The `biz_opaque_callback_data` each accepted message carried: Meta gives it back in its statuses. */
  const callbackData = new Map<string, string>();
  const statusEvent = (id: string, to: string, status: string, errors?: unknown[]) =>
    envelope({
      statuses: [{ id, status, timestamp: String(Math.floor(now() / 1000)), recipient_id: to, ...(callbackData.has(id) ? { biz_opaque_callback_data: callbackData.get(id) } : {}), ...(errors ? { errors } : {}) }],
    });

  async function afterAccepted(id: string, to: string, freeText: boolean): Promise<void> {
    if (!webhookUrl || faults.noStatuses) return;
    const last = lastInbound.get(to);
    if (freeText && (last === undefined || now() - last > WINDOW_MS)) {
      await post(statusEvent(id, to, 'failed', [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message' }]));
      return;
    }
    await post(statusEvent(id, to, 'sent'));
    await post(statusEvent(id, to, 'delivered'));
    if (faults.read) await post(statusEvent(id, to, 'read'));
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, code: number, message: string) => reply(status, { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf' } });
      const url = new URL(req.url ?? '/', base);
      if (req.method === 'GET') {
        if (req.headers.authorization !== `Bearer ${token}`) return error(401, 190, 'Invalid OAuth access token');
        if (url.pathname === `/${version}/${businessAccountId}/message_templates`) {
          const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 25) || 25));
          const after = Number(url.searchParams.get('after') ?? 0) || 0;
          const page = templates.slice(after, after + limit).map((t, i) => ({
            name: t.name,
            language: t.language,
            status: t.status,
            category: t.category,
            id: String(1_000_000 + after + i),
            components: [{ type: 'BODY', text: t.body }],
          }));
          const more = after + limit < templates.length;
          const next = new URL(url.toString());
          next.searchParams.set('after', String(after + limit));
          return reply(200, { data: page, paging: { cursors: { before: String(after), after: String(after + limit) }, ...(more ? { next: next.toString() } : {}) } });
        }
        const lookup = new RegExp(`^/${version}/(\\d+)$`).exec(url.pathname);
        if (lookup && media.has(lookup[1]!)) {
          const m = media.get(lookup[1]!)!;
          mediaLookups.set(lookup[1]!, (mediaLookups.get(lookup[1]!) ?? 0) + 1);
          return reply(200, { messaging_product: 'whatsapp', url: `${base}/whatsapp_business/attachments/?mid=${lookup[1]}&ext=${Date.now()}`, mime_type: m.mime, sha256: createHash('sha256').update(m.bytes).digest('hex'), file_size: m.bytes.length, id: lookup[1] });
        }
        if (url.pathname === '/whatsapp_business/attachments/' && media.has(url.searchParams.get('mid') ?? '')) {
          const id = url.searchParams.get('mid')!;
          const m = media.get(id)!;
          mediaDownloads.set(id, (mediaDownloads.get(id) ?? 0) + 1);
          res.writeHead(200, { 'content-type': m.mime, 'content-length': String(m.bytes.length) });
          return res.end(m.bytes);
        }
        return error(404, 100, 'Unsupported get request');
      }
      if (req.method !== 'POST' || url.pathname !== `/${version}/${phoneNumberId}/messages`) return error(404, 100, 'Unsupported request');
      if (req.headers.authorization !== `Bearer ${token}`) return error(401, 190, 'Invalid OAuth access token');
      if (faults.rateLimit) {
        rateLimitedCount++;
        res.setHeader('retry-after', '1');
        return error(429, 130429, 'Rate limit hit');
      }
      let body: { messaging_product?: string; to?: string; type?: string; text?: { body?: string }; template?: { name?: string; language?: { code?: string }; components?: Array<{ type?: string; parameters?: unknown[] }> } };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        return error(400, 100, 'Invalid JSON');
      }
      if (body.messaging_product !== 'whatsapp' || !body.to || !/^\d{8,15}$/.test(body.to)) return error(400, 100, 'Invalid parameter');
      if (body.type === 'text' && !body.text?.body) return error(400, 100, 'Param text[body] is required');
      if (body.type === 'template') {
        const known = templates.find((t) => t.name === body.template?.name && t.language === body.template?.language?.code && t.status === 'APPROVED');
        if (!known) return error(404, 132001, 'Template name does not exist in the translation');
        const given = (body.template?.components ?? []).filter((c) => c.type === 'body').flatMap((c) => c.parameters ?? []).length;
        if (given !== parameterCount(known.body)) return error(400, 132000, 'Number of parameters does not match the expected number of params');
      }
      if (body.type !== 'text' && body.type !== 'template') return error(400, 100, 'Unsupported message type');
      const id = `wamid.HBgL${(++counter).toString().padStart(6, '0')}${randomBytes(6).toString('hex')}`;
      sent.push({ id, to: body.to, type: body.type, body });
      if (typeof (body as { biz_opaque_callback_data?: unknown }).biz_opaque_callback_data === 'string') callbackData.set(id, (body as { biz_opaque_callback_data: string }).biz_opaque_callback_data);
      const accepted = { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] };
      if (faults.hangMs > 0) setTimeout(() => res.writableEnded || res.destroyed || reply(200, accepted), faults.hangMs);
      else reply(200, accepted);
      setTimeout(() => void afterAccepted(id, body.to!, body.type === 'text').catch(() => {}), 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    version,
    phoneNumberId,
    token,
    appSecret,
    verifyToken,
    sent,
    faults,
    businessAccountId,
    rateLimited: () => rateLimitedCount,
    templates,
    mediaLookups,
    mediaDownloads,
    async customerSendsMedia(from, m) {
      lastInbound.set(from, now());
      const mediaId = String(1_400_000_000_000_000 + ++counter);
      media.set(mediaId, { bytes: m.bytes, mime: m.mime });
      const id = `wamid.IN${counter.toString().padStart(6, '0')}${randomBytes(6).toString('hex')}`;
      const part = { id: mediaId, mime_type: m.mime, sha256: createHash('sha256').update(m.bytes).digest('hex'), ...(m.filename ? { filename: m.filename } : {}), ...(m.caption ? { caption: m.caption } : {}) };
      const status = await post(
        envelope({
          contacts: [{ profile: { name: 'Client' }, wa_id: from }],
          messages: [{ from, id, timestamp: String(Math.floor(now() / 1000)), type: m.type, [m.type]: part }],
        }),
      );
      return { status, id, mediaId };
    },
    subscribe: (url) => (webhookUrl = url),
    post,
    async customerWrites(from, text, opts = {}) {
      const at = opts.at?.getTime() ?? now();
      lastInbound.set(from, at);
      const id = `wamid.IN${(++counter).toString().padStart(6, '0')}${randomBytes(6).toString('hex')}`;
      const status = await post(
        envelope({
          contacts: [{ profile: { name: opts.name ?? 'Client' }, wa_id: from }],
          messages: [{ from, id, timestamp: String(Math.floor(at / 1000)), type: 'text', text: { body: text } }],
        }),
      );
      return { status, id };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
