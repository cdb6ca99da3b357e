/**
 * OVHcloud SMS (API v1): `POST /1.0/sms/{serviceName}/jobs` signed as OVH documents —
 * `X-Ovh-Signature: "$1$" + SHA1(applicationSecret + "+" + consumerKey + "+" + METHOD + "+" + URL +
 * "+" + BODY + "+" + TIMESTAMP)`, the timestamp taken from `GET /1.0/auth/time` (the server's
 * clock, not ours). Service messages go with `noStopClause: true`; marketing ones without it (OVH
 * then adds the STOP mention). Incoming messages (customers texting the virtual number) are read
 * from `GET /1.0/sms/{serviceName}/incoming` and `…/incoming/{id}`; nothing is deleted there.
 */
import { createHash } from 'node:crypto';
import { ProviderError, request, retryAfter, type OutgoingText, type SentByProvider } from './provider';

export interface OvhSmsConfig {
  /** https://eu.api.ovh.com (the `/1.0` is added here). */
  baseUrl: string;
  applicationKey: string;
  applicationSecret: string;
  consumerKey: string;
  serviceName: string;
  /** An alphanumeric sender (≤ 11 characters): operators block business SMS from 06/07 numbers. */
  sender: string;
  /** How long a request may wait for OVH's answer (default 15 s): past it, the outcome is unknown. */
  timeoutMs?: number;
}

export interface IncomingSms {
  id: number;
  from: string;
  text: string;
  at: string;
}

export class OvhSms {
  private clockSkewMs: number | null = null;

  constructor(
    private readonly config: () => OvhSmsConfig,
    private readonly now: () => number = Date.now,
  ) {}

  private url(path: string): string {
    return `${this.config().baseUrl.replace(/\/$/, '')}/1.0${path}`;
  }

  private async timestamp(): Promise<number> {
    if (this.clockSkewMs === null) {
      const response = await request(this.url('/auth/time'), { method: 'GET', ...(this.config().timeoutMs ? { timeoutMs: this.config().timeoutMs } : {}) });
      const server = Number(await response.text());
      if (!response.ok || !Number.isFinite(server)) throw new ProviderError(`OVH : heure du serveur illisible (${response.status})`, false, false);
      this.clockSkewMs = server * 1000 - this.now();
    }
    return Math.round((this.now() + this.clockSkewMs) / 1000);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const c = this.config();
    const url = this.url(path);
    const payload = body === undefined ? '' : JSON.stringify(body);
    const ts = await this.timestamp();
    const signature = `$1$${createHash('sha1').update(`${c.applicationSecret}+${c.consumerKey}+${method}+${url}+${payload}+${ts}`).digest('hex')}`;
    const response = await request(url, {
      method,
      headers: { 'content-type': 'application/json', 'x-ovh-application': c.applicationKey, 'x-ovh-consumer': c.consumerKey, 'x-ovh-timestamp': String(ts), 'x-ovh-signature': signature },
      ...(payload ? { body: payload } : {}),
      ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: judged on the status.
    }
    if (response.ok) return parsed as T;
    const message = (parsed as { message?: string } | null)?.message ?? `HTTP ${response.status}`;
    if (response.status === 429) throw new ProviderError(`OVH limite les envois : ${message}`, false, false, retryAfter(response, this.now()) ?? 30_000, '429');
    if (response.status >= 500) throw new ProviderError(`OVH ne répond pas correctement (${response.status}) : ${message}`, method === 'POST', false);
    if (response.status === 401 || response.status === 403) {
      // A timestamp rejected after a clock jump: read the server's time again next time.
      this.clockSkewMs = null;
      throw new ProviderError(`OVH refuse la signature ou les droits : ${message}`, false, true, null, String(response.status));
    }
    throw new ProviderError(`OVH refuse l’envoi : ${message}`, false, true, null, String(response.status));
  }

  async send(message: OutgoingText): Promise<SentByProvider> {
    const c = this.config();
    const result = await this.call<{ ids?: number[]; invalidReceivers?: string[]; validReceivers?: string[] }>('POST', `/sms/${encodeURIComponent(c.serviceName)}/jobs`, {
      message: message.body,
      receivers: [message.to],
      sender: c.sender,
      // A service message (a visit confirmed, « le technicien arrive ») carries no STOP mention.
      noStopClause: message.purpose !== 'marketing',
      senderForResponse: false,
      priority: 'high',
      charset: 'UTF-8',
      tag: message.reference.slice(0, 20),
    });
    if (result?.invalidReceivers?.includes(message.to) || !result?.ids?.[0]) throw new ProviderError(`OVH refuse le numéro ${message.to}`, false, true, null, 'invalid_receiver');
    return { providerId: String(result.ids[0]) };
  }

  /**
   * A sent SMS's delivery receipt, read from `GET /sms/{service}/outgoing/{id}`: its `deliveryReceipt`
   * follows the operators' DLR codes (1 delivered; 2 and 16 not delivered; 4 and 8 still on their
   * way, as 0 before any receipt). 'gone' once OVH no longer lists it (404).
   */
  async deliveryOf(providerId: string): Promise<'delivered' | 'failed' | 'pending' | 'gone'> {
    const c = this.config();
    try {
      const m = await this.call<{ deliveryReceipt?: number | null }>('GET', `/sms/${encodeURIComponent(c.serviceName)}/outgoing/${encodeURIComponent(providerId)}`);
      const code = Number(m?.deliveryReceipt ?? 0);
      return code === 1 ? 'delivered' : code === 2 || code === 16 ? 'failed' : 'pending';
    } catch (error) {
      if (error instanceof ProviderError && error.code === '404') return 'gone';
      throw error;
    }
  }

  /** Incoming messages after `afterId` (OVH's ids grow), oldest first. */
  async incomingAfter(afterId: number): Promise<IncomingSms[]> {
    const c = this.config();
    const ids = (await this.call<number[]>('GET', `/sms/${encodeURIComponent(c.serviceName)}/incoming`)) ?? [];
    const fresh = ids.filter((id) => id > afterId).sort((a, b) => a - b);
    const out: IncomingSms[] = [];
    for (const id of fresh) {
      const m = await this.call<{ id: number; sender: string; message: string; creationDatetime: string }>('GET', `/sms/${encodeURIComponent(c.serviceName)}/incoming/${id}`);
      out.push({ id, from: m.sender, text: m.message, at: new Date(m.creationDatetime).toISOString() });
    }
    return out;
  }
}
