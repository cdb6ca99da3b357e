/**
 * The WhatsApp Cloud API's webhook on the public surface:
 *
 *   GET  /webhooks/whatsapp   Meta's subscription check: `hub.mode=subscribe`, our verify token,
 *                             answered with `hub.challenge` (anything else: 403)
 *   POST /webhooks/whatsapp   messages and statuses, signed `X-Hub-Signature-256` with the app
 *                             secret over the raw body: an unsigned or forged post is refused (401)
 *                             and stores nothing; a post delivered twice is applied once (the desk
 *                             keeps each message and status event by its id)
 *
 * Not configured (no ACCUEIL_WHATSAPP_*): both answer 404, as for any unknown path.
 */
import type { PublicArea } from './public-areas';
import { readWebhook, verifyWebhookSignature } from '../../services/messaging/providers/whatsapp-cloud';

/** Meta posts batches of events: 1 MB is far above its largest. */
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export const messagingPublicArea: PublicArea = {
  name: 'messaging',
  register(routes, { port, logger }) {
    const config = () => port('messaging').whatsappConfig();

    routes.get(
      '/webhooks/whatsapp',
      (request, reply) => {
        const c = config();
        if (!c) return reply.text(404, 'Not found');
        const q = request.query;
        if (q.get('hub.mode') === 'subscribe' && q.get('hub.verify_token') === c.verifyToken && q.get('hub.challenge')) {
          reply.header('Cache-Control', 'no-store');
          return reply.text(200, q.get('hub.challenge')!);
        }
        reply.text(403, 'Forbidden');
      },
      { rateLimit: 'webhook' },
    );

    routes.post(
      '/webhooks/whatsapp',
      (request, reply) => {
        const c = config();
        if (!c) return reply.text(404, 'Not found');
        const signature = request.headers['x-hub-signature-256'];
        if (!verifyWebhookSignature(request.body, typeof signature === 'string' ? signature : undefined, c.appSecret)) {
          logger.warn('whatsapp webhook refused: bad signature', { ip: request.clientIp });
          return reply.text(401, 'Bad signature');
        }
        let body: unknown;
        try {
          body = JSON.parse(request.body.toString('utf8'));
        } catch {
          return reply.text(400, 'Bad JSON');
        }
        const applied = port('messaging').applyWhatsAppWebhook(readWebhook(body));
        logger.info('whatsapp webhook', applied);
        reply.text(200, 'OK');
      },
      { csrf: false, rateLimit: 'webhook', maxBodyBytes: WEBHOOK_BODY_LIMIT },
    );
  },
};
