/**
 * The providers' settings, from the environment of the process that keeps the data (the company
 * server): secrets stay there, no console ever reads them.
 *
 *   ACCUEIL_OVH_SMS_ENDPOINT     https://eu.api.ovh.com (default)
 *   ACCUEIL_OVH_SMS_APP_KEY, ACCUEIL_OVH_SMS_APP_SECRET, ACCUEIL_OVH_SMS_CONSUMER_KEY, ACCUEIL_OVH_SMS_SERVICE
 *   ACCUEIL_SMS_SENDER           alphanumeric sender, ≤ 11 characters (e.g. DURANDCHAUF)
 *   ACCUEIL_WHATSAPP_BASE_URL    https://graph.facebook.com (default)
 *   ACCUEIL_WHATSAPP_VERSION     v21.0 (default)
 *   ACCUEIL_WHATSAPP_PHONE_NUMBER_ID, ACCUEIL_WHATSAPP_TOKEN, ACCUEIL_WHATSAPP_APP_SECRET, ACCUEIL_WHATSAPP_VERIFY_TOKEN
 *   ACCUEIL_WHATSAPP_BUSINESS_ACCOUNT_ID  the WABA whose approved templates the composer lists (optional)
 *   ACCUEIL_SMS_POLL_S           how often incoming SMS are read (default 30)
 *   ACCUEIL_MESSAGING_TIMEOUT_S  how long a provider's answer is awaited (default 15); past it a send's
 *                                outcome is unknown and it is never sent again by itself
 */
import type { OvhSmsConfig } from './providers/ovh-sms';
import type { WhatsAppConfig } from './providers/whatsapp-cloud';

const value = (env: NodeJS.ProcessEnv, name: string) => env[name]?.trim() || '';

/** ACCUEIL_MESSAGING_TIMEOUT_S in milliseconds (1 to 120 s; default 15 s). */
function timeoutMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(value(env, 'ACCUEIL_MESSAGING_TIMEOUT_S'));
  return Number.isFinite(seconds) && seconds >= 1 && seconds <= 120 ? Math.round(seconds * 1000) : 15_000;
}

/** Null when SMS is not configured; throws with a sentence when it is, wrongly. */
export function smsConfig(env: NodeJS.ProcessEnv): OvhSmsConfig | null {
  const config = {
    baseUrl: value(env, 'ACCUEIL_OVH_SMS_ENDPOINT') || 'https://eu.api.ovh.com',
    applicationKey: value(env, 'ACCUEIL_OVH_SMS_APP_KEY'),
    applicationSecret: value(env, 'ACCUEIL_OVH_SMS_APP_SECRET'),
    consumerKey: value(env, 'ACCUEIL_OVH_SMS_CONSUMER_KEY'),
    serviceName: value(env, 'ACCUEIL_OVH_SMS_SERVICE'),
    sender: value(env, 'ACCUEIL_SMS_SENDER'),
    timeoutMs: timeoutMs(env),
  };
  if (!config.applicationKey && !config.serviceName) return null;
  const missing = (['applicationKey', 'applicationSecret', 'consumerKey', 'serviceName', 'sender'] as const).filter((k) => !config[k]);
  if (missing.length > 0) throw new Error(`SMS : réglages manquants (${missing.join(', ')}) — voir ACCUEIL_OVH_SMS_* et ACCUEIL_SMS_SENDER dans le README`);
  if (!/^[A-Za-z0-9 ]{1,11}$/.test(config.sender) || /^\d+$/.test(config.sender)) {
    throw new Error(`SMS : l’expéditeur « ${config.sender} » doit faire 1 à 11 lettres ou chiffres, pas seulement des chiffres (les opérateurs bloquent les SMS d’entreprise envoyés d’un 06/07)`);
  }
  return config;
}

export function whatsappConfig(env: NodeJS.ProcessEnv): WhatsAppConfig | null {
  const config = {
    baseUrl: value(env, 'ACCUEIL_WHATSAPP_BASE_URL') || 'https://graph.facebook.com',
    version: value(env, 'ACCUEIL_WHATSAPP_VERSION') || 'v21.0',
    phoneNumberId: value(env, 'ACCUEIL_WHATSAPP_PHONE_NUMBER_ID'),
    token: value(env, 'ACCUEIL_WHATSAPP_TOKEN'),
    appSecret: value(env, 'ACCUEIL_WHATSAPP_APP_SECRET'),
    verifyToken: value(env, 'ACCUEIL_WHATSAPP_VERIFY_TOKEN'),
    businessAccountId: value(env, 'ACCUEIL_WHATSAPP_BUSINESS_ACCOUNT_ID'),
    timeoutMs: timeoutMs(env),
  };
  if (!config.phoneNumberId && !config.token) return null;
  const missing = (['phoneNumberId', 'token', 'appSecret', 'verifyToken'] as const).filter((k) => !config[k]);
  if (missing.length > 0) throw new Error(`WhatsApp : réglages manquants (${missing.join(', ')}) — voir ACCUEIL_WHATSAPP_* dans le README`);
  return config;
}
