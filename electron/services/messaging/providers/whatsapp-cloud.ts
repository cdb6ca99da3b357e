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
}

export interface WebhookStatus {
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: string;
  recipient: string;
  error: string | null;
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
                : '';
        messages.push({ id: m['id'], from: m['from'], name: contacts.find((c) => c.wa_id === m['from'])?.profile?.name ?? null, at: when(m['timestamp']), type, text });
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
        });
      }
    }
  }
  return { messages, statuses };
}
