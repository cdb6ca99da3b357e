/**
 * A messaging provider as the desk sees it: send one message, and say what a failure means. Each
 * provider is an adapter over its documented REST API with a base URL (tests point it at a stand-in):
 * OVHcloud SMS (ovh-sms.ts), the WhatsApp Cloud API (whatsapp-cloud.ts). Another SMS gateway
 * (Brevo…) is one more file with the same shape.
 */
export interface OutgoingText {
  /** E.164 (+33612345678). */
  to: string;
  body: string;
  /** Service messages carry no STOP mention (OVH `noStopClause`); marketing ones must. */
  purpose: 'service' | 'marketing' | 'reply';
  /** Ours, unique: the gateway keeps it (OVH `tag`) so a cut request can be looked up. */
  reference: string;
}

export interface OutgoingTemplate {
  to: string;
  templateName: string;
  language: string;
  parameters: string[];
  reference: string;
}

export interface SentByProvider {
  providerId: string;
}

/** A failure of the provider, classified. */
export class ProviderError extends Error {
  constructor(
    message: string,
    /** The request may have been applied (no answer, 5xx): never retried blindly. */
    readonly outcomeUnknown: boolean,
    /** Retrying cannot help (a bad number, a template refused, outside the 24-hour window). */
    readonly permanent: boolean,
    readonly retryAfterMs: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** fetch with a timeout; a network failure or a timeout is an unknown outcome. */
export async function request(url: string, init: RequestInit & { timeoutMs?: number }): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), init.timeoutMs ?? 15_000);
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } catch (error) {
    throw new ProviderError(`pas de réponse du fournisseur (${(error as Error).name === 'AbortError' ? 'délai dépassé' : (error as Error).message})`, true, false);
  } finally {
    clearTimeout(timer);
  }
}

/** Retry-After in seconds (or an HTTP date), as milliseconds. */
export function retryAfter(response: Response, now: number): number | null {
  const raw = response.headers.get('retry-after');
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
