/**
 * The WhatsApp Cloud API (Meta Graph API): `POST /{version}/{phone-number-id}/messages` with a
 * bearer token; webhooks for incoming messages and statuses, signed with `X-Hub-Signature-256:
 * sha256=<HMAC-SHA256(app secret, raw body)>`, subscribed by the `hub.mode` / `hub.verify_token` /
 * `hub.challenge` handshake. Free text only within 24 hours of the customer's last message
 * (error 131047 otherwise); outside it, approved templates only.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ProviderError, request, retryAfter, type OutgoingTemplate, type OutgoingText, type SentByProvider } from './provider';

export interface WhatsAppConfig {
  baseUrl: string;
  version: string;
  phoneNumberId: string;
  token: string;
  appSecret: string;
  verifyToken: string;
  /** The WhatsApp Business Account (WABA) whose approved templates are listed; empty: none listed. */
  businessAccountId: string;
  /** How long a request may wait for Meta's answer (default 15 s): past it, the outcome is unknown. */
  timeoutMs?: number;
}

/** A message template of the WhatsApp Business Account, as `GET /{WABA-ID}/message_templates` gives it. */
export interface ApprovedTemplate {
  name: string;
  language: string;
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED… Only APPROVED ones can be sent. */
  status: string;
  /** MARKETING, UTILITY, AUTHENTICATION. */
  category: string;
  /** The BODY component's text, parameters as {{1}}, {{2}}… */
  body: string;
  /** How many parameters the body has (the highest {{n}}). */
  parameters: number;
}

/** A media of an incoming message, fetched by its id: where to download it (with the token) and what it is. */
export interface MediaInfo {
  url: string;
  mime: string;
  size: number | null;
}

/** Meta's codes that retrying cannot fix (re-engagement window, template or number problems). */
const PERMANENT_CODES = new Set([131047, 131026, 131051, 132000, 132001, 132005, 132007, 132012, 132015, 132016, 100, 131009, 131008]);

export class WhatsAppCloud {
  constructor(
    private readonly config: () => WhatsAppConfig,
    private readonly now: () => number = Date.now,
  ) {}

  private async post(payload: unknown): Promise<SentByProvider> {
    const c = this.config();
    const response = await request(`${c.baseUrl.replace(/\/$/, '')}/${c.version}/${encodeURIComponent(c.phoneNumberId)}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}),
    });
    const text = await response.text();
    let body: { messages?: Array<{ id?: string }>; error?: { message?: string; code?: number; error_subcode?: number } } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // Not JSON (a proxy's page): judged on the status below.
    }
    if (response.ok && body.messages?.[0]?.id) return { providerId: body.messages[0].id };
    const code = body.error?.code ?? null;
    const message = body.error?.message ?? `HTTP ${response.status}`;
    if (response.status === 429 || code === 130429 || code === 131056 || code === 80007) throw new ProviderError(`WhatsApp limite les envois : ${message}`, false, false, retryAfter(response, this.now()) ?? 60_000, String(code ?? 429));
    if (response.status >= 500) throw new ProviderError(`WhatsApp ne répond pas correctement (${response.status}) : ${message}`, true, false);
    if (response.status === 401 || code === 190) throw new ProviderError(`WhatsApp refuse le jeton d’accès : ${message}`, false, true, null, String(code ?? 401));
    throw new ProviderError(`WhatsApp refuse le message : ${message}`, false, code !== null ? PERMANENT_CODES.has(code) || response.status === 400 : true, null, code !== null ? String(code) : null);
  }

  private async get(url: string): Promise<Response> {
    const c = this.config();
    const response = await request(url, { method: 'GET', headers: { authorization: `Bearer ${c.token}` }, ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}) });
    if (response.ok) return response;
    const text = await response.text();
    let error: { message?: string; code?: number } = {};
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
    } catch {
      // Not JSON.
    }
    const message = error.message ?? `HTTP ${response.status}`;
    if (response.status === 429) throw new ProviderError(`WhatsApp limite les requêtes : ${message}`, false, false, retryAfter(response, this.now()) ?? 60_000, '429');
    if (response.status >= 500) throw new ProviderError(`WhatsApp ne répond pas correctement (${response.status}) : ${message}`, false, false);
    if (response.status === 401 || error.code === 190) throw new ProviderError(`WhatsApp refuse le jeton d’accès : ${message}`, false, true, null, String(error.code ?? 401));
    throw new ProviderError(`WhatsApp refuse la demande (${response.status}) : ${message}`, false, true, null, String(error.code ?? response.status));
  }

  private graph(path: string): string {
    const c = this.config();
    return `${c.baseUrl.replace(/\/$/, '')}/${c.version}/${path}`;
  }

  /**
   * The account's message templates (`GET /{WABA-ID}/message_templates`, every page of the cursor
   * paging, at most 20 pages of 100): name, language, status, category and the body's text.
   */
  async listTemplates(): Promise<ApprovedTemplate[]> {
    const c = this.config();
    if (!c.businessAccountId) return [];
    const out: ApprovedTemplate[] = [];
    let url: string | null = `${this.graph(`${encodeURIComponent(c.businessAccountId)}/message_templates`)}?fields=name,language,status,category,components&limit=100`;
    for (let page = 0; url && page < 20; page++) {
      const body = (await (await this.get(url)).json()) as { data?: Array<Record<string, unknown>>; paging?: { next?: string } };
      for (const t of body.data ?? []) {
        if (typeof t['name'] !== 'string') continue;
        const components = Array.isArray(t['components']) ? (t['components'] as Array<{ type?: string; text?: string }>) : [];
        const text = components.find((part) => String(part.type).toUpperCase() === 'BODY')?.text ?? '';
        const numbers = [...text.matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((m) => Number(m[1]));
        out.push({ name: t['name'], language: String(t['language'] ?? ''), status: String(t['status'] ?? ''), category: String(t['category'] ?? ''), body: text, parameters: numbers.length > 0 ? Math.max(...numbers) : 0 });
      }
      // Only follow Meta's own next page (same host), never a URL elsewhere.
      const next = body.paging?.next;
      url = next && new URL(next).origin === new URL(c.baseUrl).origin ? next : null;
    }
    return out;
  }

  /** Where an incoming media is (`GET /{media-id}`): a URL valid a few minutes, downloaded with the token. */
  async mediaInfo(mediaId: string): Promise<MediaInfo> {
    const body = (await (await this.get(this.graph(encodeURIComponent(mediaId)))).json()) as { url?: string; mime_type?: string; file_size?: number };
    if (!body.url) throw new ProviderError('WhatsApp ne donne pas l’adresse du média', false, true, null, 'media_url');
    // The token goes with the download: only to an https address (Meta's), or to the configured host.
    const url = new URL(body.url);
    if (url.protocol !== 'https:' && url.origin !== new URL(this.config().baseUrl).origin) throw new ProviderError('adresse du média refusée (ni https ni l’API configurée)', false, true, null, 'media_url');
    return { url: body.url, mime: String(body.mime_type ?? ''), size: typeof body.file_size === 'number' ? body.file_size : null };
  }

  /** The media's bytes, refused beyond `maxBytes` (announced or read). */
  async downloadMedia(url: string, maxBytes: number): Promise<Buffer> {
    const response = await this.get(url);
    const announced = Number(response.headers.get('content-length'));
    if (Number.isFinite(announced) && announced > maxBytes) {
      await response.body?.cancel();
      throw new ProviderError(`média trop lourd (${announced} octets)`, false, true, null, 'too_large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) throw new ProviderError(`média trop lourd (plus de ${maxBytes} octets)`, false, true, null, 'too_large');
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }

  /** Free text: only within 24 hours of the customer's last message. */
  sendText(message: OutgoingText): Promise<SentByProvider> {
    return this.post({ messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to.replace(/^\+/, ''), type: 'text', text: { preview_url: false, body: message.body }, biz_opaque_callback_data: message.reference });
  }

  sendTemplate(message: OutgoingTemplate): Promise<SentByProvider> {
    return this.post({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: message.to.replace(/^\+/, ''),
      type: 'template',
      template: {
        name: message.templateName,
        language: { code: message.language },
        ...(message.parameters.length > 0 ? { components: [{ type: 'body', parameters: message.parameters.map((text) => ({ type: 'text', text })) }] } : {}),
      },
      biz_opaque_callback_data: message.reference,
    });
  }
}

/** True when `signature` (the X-Hub-Signature-256 header) is the HMAC of `raw` with the app secret. */
export function verifyWebhookSignature(raw: Buffer, signature: string | undefined, appSecret: string): boolean {
  if (!signature || !appSecret || !signature.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  const given = Buffer.from(signature.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface WebhookMessage {
  id: string;
  from: string;
  name: string | null;
  at: string;
  type: string;
  text: string;
  /** An image, document, audio, video or sticker: its media id (fetched with GET /{media-id}). */
  media: { id: string; mime: string; filename: string | null } | null;
}

const MEDIA_TYPES = new Set(['image', 'document', 'audio', 'video', 'sticker']);

export interface WebhookStatus {
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: string;
  recipient: string;
  error: string | null;
  /** Our reference, sent as `biz_opaque_callback_data` and given back in the status. */
  reference: string | null;
}

/** The messages and statuses of a webhook body (anything else in it is ignored). */
export function readWebhook(body: unknown): { messages: WebhookMessage[]; statuses: WebhookStatus[] } {
  const messages: WebhookMessage[] = [];
  const statuses: WebhookStatus[] = [];
  const entries = (body as { entry?: unknown })?.entry;
  if (!Array.isArray(entries)) return { messages, statuses };
  const when = (ts: unknown) => {
    const seconds = Number(ts);
    return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : new Date(0).toISOString();
  };
  for (const entry of entries) {
    const changes = (entry as { changes?: unknown })?.changes;
    if (!Array.isArray(changes)) continue;
    for (const change of changes) {
      const value = (change as { field?: string; value?: Record<string, unknown> })?.value;
      if (!value || (change as { field?: string }).field !== 'messages') continue;
      const contacts = Array.isArray(value['contacts']) ? (value['contacts'] as Array<{ wa_id?: string; profile?: { name?: string } }>) : [];
      for (const m of Array.isArray(value['messages']) ? (value['messages'] as Array<Record<string, unknown>>) : []) {
        if (typeof m['id'] !== 'string' || typeof m['from'] !== 'string') continue;
        const type = typeof m['type'] === 'string' ? m['type'] : 'unknown';
        const text =
          type === 'text'
            ? String((m['text'] as { body?: unknown })?.body ?? '')
            : type === 'button'
              ? String((m['button'] as { text?: unknown })?.text ?? '')
              : type === 'interactive'
                ? String((m['interactive'] as { button_reply?: { title?: unknown } })?.button_reply?.title ?? '')
                : MEDIA_TYPES.has(type)
                  ? String((m[type] as { caption?: unknown })?.caption ?? '')
                  : '';
        const part = MEDIA_TYPES.has(type) ? (m[type] as { id?: unknown; mime_type?: unknown; filename?: unknown } | undefined) : undefined;
        const media = part && typeof part.id === 'string' ? { id: part.id, mime: String(part.mime_type ?? ''), filename: typeof part.filename === 'string' ? part.filename : null } : null;
        messages.push({ id: m['id'], from: m['from'], name: contacts.find((c) => c.wa_id === m['from'])?.profile?.name ?? null, at: when(m['timestamp']), type, text, media });
      }
      for (const s of Array.isArray(value['statuses']) ? (value['statuses'] as Array<Record<string, unknown>>) : []) {
        const status = s['status'];
        if (typeof s['id'] !== 'string' || (status !== 'sent' && status !== 'delivered' && status !== 'read' && status !== 'failed')) continue;
        const errors = Array.isArray(s['errors']) ? (s['errors'] as Array<{ code?: number; title?: string; message?: string }>) : [];
        statuses.push({
          id: s['id'],
          status,
          at: when(s['timestamp']),
          recipient: String(s['recipient_id'] ?? ''),
          error: errors.length > 0 ? `${errors[0]!.code ?? ''} ${errors[0]!.title ?? errors[0]!.message ?? ''}`.trim() : null,
          reference: typeof s['biz_opaque_callback_data'] === 'string' ? s['biz_opaque_callback_data'] : null,
        });
      }
    }
  }
  return { messages, statuses };
}
