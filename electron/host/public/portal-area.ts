/**
 * The customer portal on the public surface (`/portail/`), server-rendered for phones, without
 * JavaScript (see portal-pages.ts):
 *
 *   GET  /portail/                       signed in: the overview; else the sign-in form
 *   POST /portail/connexion              « send me a link » (the same answer for every address)
 *   GET  /portail/lien-envoye            « check your mailbox »
 *   GET  /portail/entrer/:jeton          the link from the e-mail: one button (a scanner spends nothing)
 *   POST /portail/entrer/:jeton          spends the link, opens the session (cookie), → /portail/
 *   POST /portail/deconnexion            ends the session
 *   GET  /portail/interventions/:id      a visit and its report
 *   GET  /portail/devis/:id              a quote, and its acceptance form or its evidence
 *   POST /portail/devis/:id/accord       « Bon pour accord »
 *   GET  /portail/demandes/nouvelle      POST /portail/demandes     a request → a ticket for Claire
 *   GET  /portail/demandes/:id           a request and its state
 *   GET  /portail/contact                POST /portail/contact      the contact form → a ticket
 *   GET  /portail/rendez-vous            the kind of visit and the address
 *   GET  /portail/rendez-vous/creneaux   the windows offered now      POST /portail/rendez-vous   books one
 *   GET  /portail/interventions/:id/deplacer    POST …/deplacer    POST …/annuler   move or cancel a booked visit
 *   GET  /portail/assistant              POST /portail/assistant    the assistant, answering from the customer's records
 *   GET  /portail/assistant/:conversation    POST …/:conversation    POST …/:conversation/relais   a conversation, its handover
 *
 * Access control first: every record route resolves the session, then asks the desk for the record
 * *within the customer's scope* — another customer's id answers the same 404 as an id that does not
 * exist. Every form is a POST with the surface's CSRF checks (Origin and a signed token bound to the
 * form's action). The session cookie is HttpOnly, SameSite=Strict, Secure on https, Path=/portail.
 * Sign-in requests are limited per address and per client address beyond the surface's own limit.
 */
import type { PublicArea } from './public-areas';
import type { PublicReply, PublicRequest } from './public-routes';
import { readCookies } from './form-protection';
import { errorPages, raw, type SafeHtml } from './public-page';
import { askForm, conversationBody, csrfPerAction, turnsShown } from './assistant-pages';
import { bookingFormPage, bookingOffersPage, moveVisitPage, visitBookingBlock } from './portal-booking-pages';
import { ServiceError } from '../../contract/envelope';
import { RateLimiter, type RateRule } from './rate-limiter';
import type { Customer, PortalDesk, RequestKind } from '../../services/portal/portal-desk';
import { REQUEST_KINDS } from '../../services/portal/portal-desk';
import {
  assistantPage,
  contactPage,
  enterPage,
  interventionPage,
  linkSentPage,
  newRequestPage,
  notFoundPage,
  overviewPage,
  portalBanner,
  PORTAL_ASSISTANT,
  PORTAL_BOOKING,
  PORTAL_HOME,
  PORTAL_STYLESHEET,
  PORTAL_STYLESHEET_PATH,
  quotePage,
  requestPage,
  signedOutPage,
  signInPage,
} from './portal-pages';

export const PORTAL_SESSION_COOKIE = 'accueil_portail';

/** Sign-in links asked: per e-mail address (a mailbox is not flooded), per client address (a script is slowed). */
export const SIGN_IN_LIMITS: Record<'address' | 'client', RateRule> = {
  address: { burst: 3, perMinute: 3 / 15 },
  client: { burst: 10, perMinute: 1 },
};

/** A request with its photos: 5 phone pictures and the text. */
export const REQUEST_BODY_LIMIT = 40 * 1024 * 1024;

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 and 8187). */
export function attachmentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The name a download is saved under: the given one, ending with the extension its bytes are. */
function downloadName(name: string, extension: string): string {
  return name.toLowerCase().endsWith(`.${extension.toLowerCase()}`) ? name : `${name}.${extension}`;
}

function sessionCookie(value: string, secure: boolean, maxAgeSeconds: number): string {
  return `${PORTAL_SESSION_COOKIE}=${value}; Path=/portail; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}; Max-Age=${maxAgeSeconds}`;
}

export const portalPublicArea: PublicArea = {
  name: 'portal',
  register(routes, { port, logger }) {
    const desk = (): PortalDesk => port('portal');
    const booking = () => port('portalBooking');
    const limits = new RateLimiter(SIGN_IN_LIMITS);

    const customerOf = (request: PublicRequest): Customer | null => desk().customer(readCookies(request.headers.cookie).get(PORTAL_SESSION_COOKIE));
    const banner = (reply: PublicReply, customer: Customer | null, current = ''): SafeHtml =>
      portalBanner(customer, customer ? reply.csrfField('/portail/deconnexion') : null, current);
    const notFound = (reply: PublicReply, customer: Customer) => reply.page(404, notFoundPage(banner(reply, customer)));

    /** A page for a signed-in customer; anyone else goes to the sign-in page. */
    type CustomerHandler = (request: PublicRequest, reply: PublicReply, customer: Customer) => void | Promise<void>;
    const signedIn = (handler: CustomerHandler) => (request: PublicRequest, reply: PublicReply) => {
      reply.header('Cache-Control', 'no-store');
      const customer = customerOf(request);
      if (!customer) return reply.redirect(PORTAL_HOME);
      return handler(request, reply, customer);
    };
    /** A form of a signed-in customer; without a session (ended, expired) it changes nothing. */
    const signedInPost = (handler: CustomerHandler) => (request: PublicRequest, reply: PublicReply) => {
      const customer = customerOf(request);
      if (!customer) {
        logger.info('portal form without a session', { path: request.path });
        return reply.page(403, signedOutPage(banner(reply, null)));
      }
      return handler(request, reply, customer);
    };

    routes.get(PORTAL_STYLESHEET_PATH, (_request, reply) => {
      reply.header('Cache-Control', 'public, max-age=3600');
      reply.header('Content-Type', 'text/css; charset=utf-8');
      reply.text(200, PORTAL_STYLESHEET);
    });

    routes.get('/portail', (_request, reply) => reply.redirect(PORTAL_HOME));

    routes.get(PORTAL_HOME, (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const customer = customerOf(request);
      if (!customer) return reply.page(200, signInPage(banner(reply, null), reply.csrfField('/portail/connexion')));
      reply.page(200, overviewPage(banner(reply, customer, PORTAL_HOME), customer, desk().overview(customer)));
    });

    routes.post(
      '/portail/connexion',
      (request, reply) => {
        const address = (request.form.get('email') ?? '').trim().slice(0, 400);
        const client = limits.take('client', request.clientIp);
        if (!client.allowed) {
          reply.header('Retry-After', String(client.retryAfterSeconds));
          return reply.page(429, errorPages.tooMany(client.retryAfterSeconds));
        }
        const perAddress = limits.take('address', address.toLowerCase());
        if (!perAddress.allowed) {
          // The same answer as ever: a flood to one mailbox is dropped without telling anything.
          logger.warn('portal sign-in link refused: too many for this address', { ip: request.clientIp });
          return reply.redirect('/portail/lien-envoye');
        }
        if (!desk().askForLink(address, request.clientIp)) {
          return reply.page(422, signInPage(banner(reply, null), reply.csrfField('/portail/connexion'), 'address', address));
        }
        reply.redirect('/portail/lien-envoye');
      },
      { csrf: true, maxBodyBytes: 2_048 },
    );

    routes.get('/portail/lien-envoye', (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
      reply.page(200, linkSentPage(banner(reply, null)));
    });

    routes.get('/portail/entrer/:jeton', (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const token = request.params['jeton']!;
      const { state } = desk().checkLink(token);
      const status = state === 'ok' ? 200 : state === 'invalid' ? 404 : 410;
      reply.page(status, enterPage(banner(reply, null), state, token, state === 'ok' ? reply.csrfField(`/portail/entrer/${token}`) : raw('')));
    });

    routes.post(
      '/portail/entrer/:jeton',
      (request, reply) => {
        const token = request.params['jeton']!;
        const agent = request.headers['user-agent'];
        const used = desk().useLink(token, request.clientIp, typeof agent === 'string' ? agent : null);
        if (!used.ok) return reply.page(used.state === 'invalid' ? 404 : 410, enterPage(banner(reply, null), used.state, token, raw('')));
        reply.header('Set-Cookie', sessionCookie(used.session.token, request.secure, used.session.maxAgeSeconds));
        logger.info('portal session opened', { ip: request.clientIp });
        reply.redirect(PORTAL_HOME);
      },
      { csrf: true, maxBodyBytes: 1_024 },
    );

    routes.post(
      '/portail/deconnexion',
      (request, reply) => {
        const customer = customerOf(request);
        if (customer) desk().signOut(customer);
        reply.header('Set-Cookie', sessionCookie('', request.secure, 0));
        reply.redirect(PORTAL_HOME);
      },
      { csrf: true, maxBodyBytes: 1_024 },
    );

    routes.get(
      '/portail/interventions/:id',
      signedIn((request, reply, customer) => {
        const visit = desk().intervention(customer, request.params['id']!);
        if (!visit) return notFound(reply, customer);
        const state = booking().movable(customer, visit.id);
        const flash = (['reserve', 'deplace', 'annule'] as const).find((f) => request.query.get(f) === '1') ?? null;
        const block = state.ok ? visitBookingBlock(visit.id, { movable: true }, flash) : visitBookingBlock(visit.id, { movable: false, why: state.why }, flash);
        reply.page(200, interventionPage(banner(reply, customer), visit, desk().documentsOf(customer, { kind: 'intervention', id: visit.id }), block));
      }),
    );

    routes.get(
      '/portail/documents/:id',
      signedIn((request, reply, customer) => {
        const found = desk().document(customer, request.params['id']!);
        if (!found) return notFound(reply, customer);
        const { meta, bytes } = found;
        // An attachment that cannot run, whatever it holds (the documents area typed it from its bytes).
        reply.header('Content-Disposition', attachmentDisposition(downloadName(meta.name, meta.extension)));
        reply.header('Content-Security-Policy', "sandbox; default-src 'none'");
        reply.header('Cache-Control', 'private, no-store');
        logger.info('portal document downloaded', { document: meta.id });
        reply.bytes(200, meta.mime, bytes);
      }),
    );

    routes.get(
      '/portail/devis/:id',
      signedIn((request, reply, customer) => {
        const id = request.params['id']!;
        const view = desk().quote(customer, id);
        if (!view) return notFound(reply, customer);
        const bar = banner(reply, customer);
        reply.page(200, quotePage(bar, view, reply.csrfField(`/portail/devis/${id}/accord`), { error: null, typedName: '', justAccepted: request.query.get('accepte') === '1' }, desk().documentsOf(customer, { kind: 'quote', id })));
      }),
    );

    routes.post(
      '/portail/devis/:id/accord',
      signedInPost((request, reply, customer) => {
        const id = request.params['id']!;
        const agent = request.headers['user-agent'];
        const typedName = request.form.get('nom') ?? '';
        const result = desk().accept(customer, id, {
          typedName,
          agreed: request.form.get('accord') === '1',
          version: request.form.get('version') ?? '',
          ip: request.clientIp,
          userAgent: typeof agent === 'string' ? agent : null,
        });
        if (result.ok) return reply.redirect(`/portail/devis/${encodeURIComponent(id)}?accepte=1`);
        const view = desk().quote(customer, id);
        if (!view) return notFound(reply, customer);
        logger.info('portal quote acceptance refused', { quote: id, why: result.why });
        const bar = banner(reply, customer);
        reply.page(result.why === 'changed' || result.why === 'not_open' || result.why === 'expired' ? 409 : 422, quotePage(bar, view, reply.csrfField(`/portail/devis/${id}/accord`), { error: result.why, typedName, justAccepted: false }));
      }),
      { csrf: true, maxBodyBytes: 4_096 },
    );

    routes.get(
      '/portail/demandes/nouvelle',
      signedIn((_request, reply, customer) => {
        const bar = banner(reply, customer, '/portail/demandes/nouvelle');
        reply.page(200, newRequestPage(bar, reply.csrfField('/portail/demandes'), null, '', 'panne', desk().takesPhotos()));
      }),
    );

    routes.post(
      '/portail/demandes',
      signedInPost((request, reply, customer) => {
        const type = request.form.get('type') ?? 'autre';
        const kind: RequestKind = Object.prototype.hasOwnProperty.call(REQUEST_KINDS, type) ? (type as RequestKind) : 'autre';
        const text = request.form.get('texte') ?? '';
        const photos = request.files.filter((f) => f.field === 'photos').map((f) => ({ filename: f.filename, bytes: f.bytes }));
        const opened = desk().openRequest(customer, { kind, text, photos });
        if (!opened.ok) {
          const bar = banner(reply, customer, '/portail/demandes/nouvelle');
          return reply.page(422, newRequestPage(bar, reply.csrfField('/portail/demandes'), opened.why, text, kind, desk().takesPhotos()));
        }
        const refused = opened.photos.refused.length;
        reply.redirect(`/portail/demandes/${encodeURIComponent(opened.ticketId)}?envoyee=1${refused > 0 ? `&refusees=${refused}` : ''}`);
      }),
      { csrf: true, maxBodyBytes: REQUEST_BODY_LIMIT },
    );

    routes.get(
      '/portail/demandes/:id',
      signedIn((request, reply, customer) => {
        const ticket = desk().request(customer, request.params['id']!);
        if (!ticket) return notFound(reply, customer);
        const refused = Number(request.query.get('refusees') ?? '0');
        reply.page(200, requestPage(banner(reply, customer), ticket, request.query.get('envoyee') === '1', desk().documentsOf(customer, { kind: 'ticket', id: ticket.id }), Number.isInteger(refused) && refused > 0 && refused <= 5 ? refused : 0));
      }),
    );

    routes.get(
      '/portail/contact',
      signedIn((_request, reply, customer) => {
        const bar = banner(reply, customer, '/portail/contact');
        reply.page(200, contactPage(bar, reply.csrfField('/portail/contact'), false));
      }),
    );

    routes.post(
      '/portail/contact',
      signedInPost((request, reply, customer) => {
        const subject = request.form.get('objet') ?? '';
        const text = request.form.get('message') ?? '';
        const sent = desk().sendMessage(customer, { subject, text });
        if (!sent.ok) {
          const bar = banner(reply, customer, '/portail/contact');
          return reply.page(422, contactPage(bar, reply.csrfField('/portail/contact'), true, subject, text));
        }
        reply.redirect(`/portail/demandes/${encodeURIComponent(sent.ticketId)}?envoyee=1`);
      }),
      { csrf: true, maxBodyBytes: 16_384 },
    );

    // ── booking, moving and cancelling a visit ─────────────────────────────────────────────────
    const kindOf = (typeId: string) => booking().kinds().find((k) => k.id === typeId) ?? null;

    routes.get(
      PORTAL_BOOKING,
      signedIn((_request, reply, customer) => {
        const kinds = booking().kinds();
        reply.page(200, bookingFormPage(banner(reply, customer, PORTAL_BOOKING), kinds, { typeId: kinds[0]?.id ?? '', address: booking().homeAddress(customer) }, null));
      }),
    );

    routes.get(
      `${PORTAL_BOOKING}/creneaux`,
      signedIn((request, reply, customer) => {
        const typeId = (request.query.get('type') ?? '').slice(0, 100);
        const address = (request.query.get('adresse') ?? '').slice(0, 300);
        const result = booking().offersForNew({ typeId, address });
        const kind = kindOf(typeId);
        if (!result.ok || !kind) return reply.page(422, bookingFormPage(banner(reply, customer, PORTAL_BOOKING), booking().kinds(), { typeId, address }, result.ok ? 'type_unknown' : result.why));
        reply.page(200, bookingOffersPage(banner(reply, customer, PORTAL_BOOKING), kind, result, reply.csrfField(PORTAL_BOOKING), null));
      }),
    );

    routes.post(
      PORTAL_BOOKING,
      signedInPost(async (request, reply, customer) => {
        const typeId = request.form.get('type') ?? '';
        const address = request.form.get('adresse') ?? '';
        const booked = await booking().book(customer, { typeId, address, choice: request.form.get('creneau') ?? '' });
        if (booked.ok) return reply.redirect(`/portail/interventions/${encodeURIComponent(booked.booking.interventionId)}?reserve=1`);
        logger.info('portal booking refused', { why: booked.why });
        const again = booking().offersForNew({ typeId, address });
        const kind = kindOf(typeId);
        if (booked.why === 'taken' && again.ok && kind) return reply.page(409, bookingOffersPage(banner(reply, customer, PORTAL_BOOKING), kind, again, reply.csrfField(PORTAL_BOOKING), 'taken'));
        reply.page(422, bookingFormPage(banner(reply, customer, PORTAL_BOOKING), booking().kinds(), { typeId, address }, booked.why === 'taken' ? 'no_window' : booked.why));
      }),
      { csrf: true, maxBodyBytes: 4_096 },
    );

    const showMove = (reply: PublicReply, customer: Customer, id: string, note: Parameters<typeof moveVisitPage>[4], status = 200, cancelNotTicked = false) => {
      const state = booking().movable(customer, id);
      if (!state.ok) {
        const visit = desk().intervention(customer, id);
        if (!visit) return notFound(reply, customer);
        return reply.redirect(`/portail/interventions/${encodeURIComponent(id)}`);
      }
      const path = `/portail/interventions/${id}`;
      reply.page(status, moveVisitPage(banner(reply, customer), state.booking, booking().offersToMove(customer, id), { move: reply.csrfField(`${path}/deplacer`), cancel: reply.csrfField(`${path}/annuler`) }, note, cancelNotTicked));
    };

    routes.get(
      '/portail/interventions/:id/deplacer',
      signedIn((request, reply, customer) => showMove(reply, customer, request.params['id']!, null)),
    );

    routes.post(
      '/portail/interventions/:id/deplacer',
      signedInPost(async (request, reply, customer) => {
        const id = request.params['id']!;
        if (!desk().intervention(customer, id)) return notFound(reply, customer);
        const moved = await booking().move(customer, id, request.form.get('creneau') ?? '');
        if (moved.ok) return reply.redirect(`/portail/interventions/${encodeURIComponent(id)}?deplace=1`);
        logger.info('portal move refused', { intervention: id, why: moved.why });
        if (moved.why === 'not_movable' || moved.why === 'too_late') return reply.redirect(`/portail/interventions/${encodeURIComponent(id)}`);
        showMove(reply, customer, id, moved.why, 409);
      }),
      { csrf: true, maxBodyBytes: 2_048 },
    );

    routes.post(
      '/portail/interventions/:id/annuler',
      signedInPost(async (request, reply, customer) => {
        const id = request.params['id']!;
        if (!desk().intervention(customer, id)) return notFound(reply, customer);
        if (request.form.get('confirmer') !== '1') return showMove(reply, customer, id, null, 422, true);
        const cancelled = await booking().cancel(customer, id);
        if (!cancelled.ok) logger.info('portal cancellation refused', { intervention: id, why: cancelled.why });
        reply.redirect(`/portail/interventions/${encodeURIComponent(id)}${cancelled.ok ? '?annule=1' : ''}`);
      }),
      { csrf: true, maxBodyBytes: 1_024 },
    );

    // ── the assistant, from the customer's own records ─────────────────────────────────────────
    // A conversation begun here belongs to the customer: another customer's id (or one begun on
    // the help pages) answers 404, and the help pages never show it.
    const knowledge = () => port('knowledge');
    const askerOf = (customer: Customer) => ({
      contactId: customer.contact.id,
      companyId: customer.scope.companyIds[0] ?? null,
      channel: 'portail' as const,
      facts: knowledge().factsFor(customer.scope),
    });
    const ownConversation = (customer: Customer, id: string) => {
      const found = knowledge().conversation(id, { contactId: customer.contact.id });
      return found && found.row.contactId === customer.contact.id ? found : null;
    };
    const showConversation = (request: PublicRequest, reply: PublicReply, customer: Customer, error: string | null, status = 200) => {
      const id = request.params['conversation']!;
      const found = ownConversation(customer, id);
      if (!found) return notFound(reply, customer);
      const turns = turnsShown(found.turns, request.query.get('relais') === '1');
      const prefill = { signedIn: true, phone: desk().phoneOf(customer) ?? '' };
      const content = conversationBody(`${PORTAL_ASSISTANT}/${id}`, turns, knowledge().handoverOf(id), csrfPerAction((action) => reply.csrfField(action)), error, prefill);
      reply.page(status, assistantPage(banner(reply, customer, PORTAL_ASSISTANT), content));
    };

    routes.get(
      PORTAL_ASSISTANT,
      signedIn((_request, reply, customer) => {
        reply.page(200, assistantPage(banner(reply, customer, PORTAL_ASSISTANT), askForm(PORTAL_ASSISTANT, reply.csrfField(PORTAL_ASSISTANT))));
      }),
    );

    routes.post(
      PORTAL_ASSISTANT,
      signedInPost((request, reply, customer) => {
        const question = request.form.get('question') ?? '';
        if (!question.trim()) return reply.redirect(PORTAL_ASSISTANT);
        const { conversationId } = knowledge().ask(null, question, askerOf(customer));
        reply.redirect(`${PORTAL_ASSISTANT}/${conversationId}`);
      }),
      { csrf: true, maxBodyBytes: 4_096 },
    );

    routes.get(
      `${PORTAL_ASSISTANT}/:conversation`,
      signedIn((request, reply, customer) => showConversation(request, reply, customer, null)),
    );

    routes.post(
      `${PORTAL_ASSISTANT}/:conversation`,
      signedInPost((request, reply, customer) => {
        const id = request.params['conversation']!;
        if (!ownConversation(customer, id)) return notFound(reply, customer);
        const question = request.form.get('question') ?? '';
        if (question.trim()) knowledge().ask(id, question, askerOf(customer));
        reply.redirect(`${PORTAL_ASSISTANT}/${id}`);
      }),
      { csrf: true, maxBodyBytes: 4_096 },
    );

    routes.post(
      `${PORTAL_ASSISTANT}/:conversation/relais`,
      signedInPost((request, reply, customer) => {
        const id = request.params['conversation']!;
        if (!ownConversation(customer, id)) return notFound(reply, customer);
        const kind = request.form.get('kind') === 'ticket' ? 'ticket' : 'callback';
        const asker = askerOf(customer);
        try {
          knowledge().handover({ conversationId: id, kind, name: '', phone: request.form.get('phone') ?? '', email: customer.contact.email ?? '', message: request.form.get('message') ?? '' }, asker);
        } catch (error) {
          if (!(error instanceof ServiceError)) throw error;
          logger.info('portal handover refused', { reason: error.reason });
          return showConversation({ ...request, query: new URLSearchParams('relais=1') }, reply, customer, error.message, 400);
        }
        reply.redirect(`${PORTAL_ASSISTANT}/${id}`);
      }),
      { csrf: true, maxBodyBytes: 8_192 },
    );
  },
};
