/**
 * The customer portal with real parts: the HubSpot stand-in over HTTP (the customer file, the deal),
 * a real SMTP server on loopback (the sign-in link arrives there), the product as a company server
 * and its public surface over HTTP. A magic link → a session → a quote accepted: the « devis
 * accepté » workflow fires once, HubSpot gets the deal stage and the evidence note once; a request
 * becomes a ticket; then the attacks: another customer's ids on every route (read and write), a
 * company's records, forged, replayed and expired links, the session's end, CSRF, rate limits. The
 * calendar is injected (a Tuesday morning in Paris).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Callback, TicketDetail } from '../../electron/contract/work-calls';
import type { Accueil } from '../../electron/services/accueil';
import type { HubSpotStandIn } from '../support/hubspot-standin';
import type { SmtpInbox } from '../support/smtp-inbox';
import { FIXTURE_CONTACT } from '../support/hubspot-standin';
import { PEOPLE, PORTAL_HOST, QUOTE_TITLE, SECOND_QUOTE_TITLE, startPortalLoop, type PortalLoop } from '../support/portal-loop';
import { PortalVisitor } from '../support/portal-visitor';

/** Tuesday 24 November 2026, 10:00 in Paris; the injected clock runs on from there. */
const BASE = Date.parse('2026-11-24T09:00:00Z');

let loop: PortalLoop;
let hs: HubSpotStandIn;
let inbox: SmtpInbox;
let accueil: Accueil;
/** François's browser, signed in from the first e-mail (an address gets 3 links a quarter of an hour). */
let francois: PortalVisitor;
/** The document of François's request photo (the attacks try it too). */
let photoId = '';
/** François's conversation with the portal's assistant, and Sophie signed in to ask hers (the attacks use both). */
let conversation = '';
let sophieSignedIn: PortalVisitor | null = null;
let relaisToken = '';

async function call<T>(name: string, input: unknown): Promise<T> {
  const envelope = await accueil.dispatch(name, input, { access: 'agent' });
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const mailsTo = (address: string) => inbox.received.filter((m) => m.to.includes(address));
const linkIn = (text: string) => new RegExp(`https://${PORTAL_HOST.replace(/\./g, '\\.')}(/portail/entrer/\\S+)`).exec(text)![1]!;
let ipCounter = 10;
const newVisitor = () => new PortalVisitor(loop.surface.url, `198.51.100.${ipCounter++}`);

/** Asks for a link, takes it from the SMTP server, presses « Ouvrir mon espace client ». */
async function signIn(address: string): Promise<PortalVisitor> {
  const visitor = newVisitor();
  const before = mailsTo(address).length;
  await visitor.get('/portail/');
  const asked = await visitor.post('/portail/connexion', { email: address });
  expect(asked.location).toBe('/portail/lien-envoye');
  const mail = await waitFor(`the sign-in e-mail to ${address}`, () => mailsTo(address)[before]);
  const link = linkIn(mail.text);
  expect((await visitor.get(link)).status).toBe(200);
  const entered = await visitor.post(link, {});
  expect(entered.status).toBe(303);
  expect(entered.location).toBe('/portail/');
  return visitor;
}

const quoteIdOf = (page: string, title: string) => new RegExp(`href="/portail/devis/([0-9a-f-]{36})"><strong>Devis [^<]+</strong> — ${title}<`).exec(page)![1]!;
const idsIn = (page: string, kind: 'interventions' | 'devis' | 'demandes') => [...page.matchAll(new RegExp(`href="/portail/${kind}/([0-9a-f-]{36})`, 'g'))].map((m) => m[1]!);

beforeAll(async () => {
  loop = await startPortalLoop(BASE);
  ({ hs, inbox, accueil } = loop);
}, 90_000);

afterAll(async () => {
  await loop?.stop();
});

describe('signing in by a link e-mailed to the address HubSpot knows', () => {
  it('answers the same page for a known and an unknown address, and e-mails only the known one', async () => {
    const known = newVisitor();
    const unknown = newVisitor();
    await known.get('/portail/');
    await unknown.get('/portail/');
    const a = await known.post('/portail/connexion', { email: PEOPLE.francois });
    const b = await unknown.post('/portail/connexion', { email: 'personne.inconnue@example.test' });
    expect([a.status, a.location]).toEqual([303, '/portail/lien-envoye']);
    expect([b.status, b.location]).toEqual([303, '/portail/lien-envoye']);
    const pageA = await known.get(a.location!);
    const pageB = await unknown.get(b.location!);
    expect(pageA.body).toBe(pageB.body);
    expect(pageA.body).toContain('Si cette adresse est celle que nous connaissons');
    const mail = await waitFor('the e-mail', () => mailsTo(PEOPLE.francois)[0]);
    expect(mail.subject).toBe('Votre lien de connexion à l’espace client');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text).toContain('Bonjour François,');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(inbox.received.map((m) => m.to)).toEqual([expect.stringContaining(PEOPLE.francois)]);
  });

  it('opens a session from the link at the SMTP server, with a strict cookie; the link never works twice', async () => {
    const visitor = newVisitor();
    const link = linkIn(mailsTo(PEOPLE.francois)[0]!.text);
    // Fetching the page (as a mail scanner would) spends nothing.
    expect((await visitor.get(link)).status).toBe(200);
    expect((await visitor.get(link)).body).toContain('Ouvrir mon espace client');
    const token = visitor.tokenFor(link)!;
    const entered = await visitor.post(link, {}, { token });
    expect(entered.status).toBe(303);
    const session = entered.setCookies.find((c) => c.startsWith('accueil_portail='))!;
    expect(session).toMatch(/; Path=\/portail; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    francois = visitor;
    const home = await visitor.get('/portail/');
    expect(home.body).toContain('Bonjour François');
    expect(home.body).toContain('Entretien chaudière');
    expect(home.body).toContain('mardi 1 décembre 2026 à 10 h');
    expect(home.body).toContain(QUOTE_TITLE);
    expect(home.body).toContain('En attente de votre accord');
    expect(home.body).toContain('Dépannage fuite');
    const past = idsIn(home.body, 'interventions');
    const report = await visitor.get(`/portail/interventions/${past[past.length - 1]}`);
    expect(report.body).toContain('Joint du circulateur remplacé');
    // The same link pressed again: spent, no second session.
    const again = await visitor.post(link, {}, { token });
    expect(again.status).toBe(410);
    expect(again.setCookies).toEqual([]);
    const replay = newVisitor();
    const spent = await replay.get(link);
    expect(spent.status).toBe(410);
    expect(spent.body).toContain('Ce lien a déjà servi');
    expect(replay.cookies.has('accueil_portail')).toBe(false);
  });

  it('refuses a forged or edited link, and one older than 15 minutes', async () => {
    const visitor = newVisitor();
    const link = linkIn(mailsTo(PEOPLE.francois)[0]!.text);
    const edited = `${link.slice(0, -2)}${link.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const path of [edited, '/portail/entrer/k1.portal-login.zzzzzz.YWJj.AAAA', '/portail/entrer/n-importe-quoi']) {
      const page = await visitor.get(path);
      expect(page.status).toBe(404);
      expect(page.body).toContain('Ce lien n’est pas valable');
    }
    const before = mailsTo(PEOPLE.sophie).length;
    await visitor.get('/portail/');
    await visitor.post('/portail/connexion', { email: PEOPLE.sophie });
    const mail = await waitFor('Sophie’s link', () => mailsTo(PEOPLE.sophie)[before]);
    const fresh = linkIn(mail.text);
    await visitor.get(fresh);
    const token = visitor.tokenFor(fresh)!;
    loop.advance(16 * 60_000);
    const late = await visitor.post(fresh, {}, { token });
    expect(late.status).toBe(410);
    expect(late.body).toContain('Ce lien a expiré');
    expect(visitor.cookies.has('accueil_portail')).toBe(false);
  });
});

describe('accepting a quote online', () => {
  let quoteId: string;

  beforeAll(async () => {
    quoteId = quoteIdOf((await francois.get('/portail/')).body, QUOTE_TITLE);
  });

  it('records the evidence and fires « devis accepté » once; HubSpot gets the deal stage and the note once', async () => {
    const page = await francois.get(`/portail/devis/${quoteId}`);
    expect(page.body).toContain('Accepter ce devis');
    expect(page.body).toMatch(/4\s850,00\s€ TTC/);
    const version = /name="version" value="(v1:[0-9a-f]{64})"/.exec(page.body)![1]!;
    const accepted = await francois.post(`/portail/devis/${quoteId}/accord`, { nom: 'François Lefèvre', accord: '1', version });
    expect(accepted.status).toBe(303);
    const after = await francois.get(accepted.location!);
    expect(after.body).toContain('votre accord est enregistré');
    expect(after.body).toContain('« Bon pour accord » donné le mardi 24 novembre 2026');
    expect(after.body).toContain(version);

    const deal = await waitFor('the deal stage in HubSpot', () => hs.state.live('deals', loop.dealId)!.properties['dealstage'] === 'closedwon');
    expect(deal).toBe(true);
    const note = await waitFor('the evidence note in HubSpot', () =>
      hs.state.liveIds('notes').map((id) => hs.state.live('notes', id)!).find((n) => String(n.properties['hs_note_body'] ?? '').includes('accepté en ligne')),
    );
    expect(String(note.properties['hs_note_body'])).toContain('Nom saisi : François Lefèvre');
    expect(String(note.properties['hs_note_body'])).toContain(`Version acceptée : ${version}`);
    expect(String(note.properties['hs_note_body'])).toContain('depuis l’adresse 198.51.100.');
    expect(hs.state.associationsOf('notes', note.id, 'contacts').map((a) => a.toId)).toEqual([loop.contactHubspotId]);
    const chantier = await waitFor('the job to schedule on Claire’s list', async () => {
      const found = (await call<Callback[]>('callbacks.list', { includeDone: false, limit: 200 })).filter((c) => c.reason?.startsWith('Chantier à planifier') && c.reason.includes(QUOTE_TITLE));
      return found.length > 0 ? found : null;
    });
    expect(chantier).toHaveLength(1);

    // Several polls later (the deal comes back from HubSpot as closedwon): nothing twice.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect((await call<Callback[]>('callbacks.list', { includeDone: false, limit: 200 })).filter((c) => c.reason?.startsWith('Chantier à planifier') && c.reason.includes(QUOTE_TITLE))).toHaveLength(1);
    expect(hs.state.liveIds('notes').filter((id) => String(hs.state.live('notes', id)!.properties['hs_note_body'] ?? '').includes('accepté en ligne'))).toHaveLength(1);
    expect(hs.requests.filter((r) => r.method === 'PATCH' && r.path.includes(`/deals/${loop.dealId}`))).toHaveLength(1);
    // A second acceptance changes nothing.
    const twice = await francois.post(`/portail/devis/${quoteId}/accord`, { nom: 'François Lefèvre', accord: '1', version }, { token: francois.tokenFor(`/portail/devis/${quoteId}/accord`, page.body) });
    expect(twice.status).toBe(409);
    expect(twice.body).toContain('« Bon pour accord » donné le');
    expect(hs.requests.filter((r) => r.method === 'PATCH' && r.path.includes(`/deals/${loop.dealId}`))).toHaveLength(1);
  });
});

describe('requests', () => {
  it('a request from the portal becomes a ticket for Claire, on the customer’s record and in HubSpot', async () => {
    await francois.get('/portail/demandes/nouvelle');
    const sent = await francois.post('/portail/demandes', { type: 'panne', texte: 'Ma chaudière fuit depuis ce matin, il y a de l’eau sous le ballon.' });
    expect(sent.status).toBe(303);
    const ticketId = /^\/portail\/demandes\/([0-9a-f-]{36})\?envoyee=1$/.exec(sent.location!)![1]!;
    expect((await francois.get(sent.location!)).body).toContain('votre demande est bien arrivée');
    const ticket = await call<TicketDetail>('tickets.get', { ticketId });
    expect(ticket.ticket).toMatchObject({ subject: 'Espace client : Ma chaudière fuit depuis ce matin, il y a de l’eau sous le ballon.', category: 'depannage', status: 'nouveau' });
    expect(ticket.ownerLabel).toBe('François Lefèvre');
    // One timeline: his history (record and pop) shows the request, from the portal.
    const card = await call<{ recent: Array<{ kind: string; id: string; facts?: { origin?: string | null } }> }>('directory.contactCard', { contactId: ticket.ticket.contactId });
    expect(card.recent.find((i) => i.kind === 'ticket' && i.id === ticketId)?.facts?.origin).toBe('portail');
    await waitFor('the ticket in HubSpot', () => hs.state.liveIds('tickets').some((id) => String(hs.state.live('tickets', id)!.properties['subject'] ?? '').startsWith('Espace client : Ma chaudière fuit')));
  });
});

describe('a request with a photo', () => {
  it('keeps the photo as a document of the ticket, downloadable only by its customer, as a sandboxed attachment', async () => {
    // A real 1×1 PNG, posted as a browser posts a form with a file input.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
    const form = await francois.get('/portail/demandes/nouvelle');
    expect(form.body).toContain('enctype="multipart/form-data"');
    const body = new FormData();
    body.set('_csrf', francois.tokenFor('/portail/demandes')!);
    body.set('type', 'panne');
    body.set('texte', 'Fuite au pied du ballon, photo jointe');
    body.set('photos', new Blob([png], { type: 'image/png' }), 'fuite.png');
    const sent = await fetch(`${francois.origin}/portail/demandes`, { method: 'POST', body, headers: { Cookie: francois.cookieHeader(), 'X-Forwarded-For': francois.ip, Origin: francois.origin }, redirect: 'manual' });
    expect(sent.status).toBe(303);
    const page = await francois.get(sent.headers.get('location')!);
    expect(page.body).toContain('fuite.png');
    const documentId = /href="\/portail\/documents\/([0-9a-f-]{36})"/.exec(page.body)![1]!;
    const download = await fetch(`${francois.origin}/portail/documents/${documentId}`, { headers: { Cookie: francois.cookieHeader(), 'X-Forwarded-For': francois.ip } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="fuite.png"/);
    expect(download.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
    photoId = documentId;
  });
});

describe('the assistant, answering from the customer’s own records', () => {
  const supervisor = { id: 'u-gaetan', login: 'gaetan', name: 'Gaëtan', sipUser: null };

  async function ask(visitor: PortalVisitor, question: string, path = '/portail/assistant'): Promise<string> {
    await visitor.get(path);
    const asked = await visitor.post(path, { question });
    expect(asked.status).toBe(303);
    expect(asked.location).toMatch(/^\/portail\/assistant\/[\w-]{24}$/);
    return asked.location!;
  }

  it('tells François when the technician comes, citing the visit, which opens', async () => {
    const page = await francois.get('/portail/assistant');
    expect(page.body).toContain('aria-current="page">Assistant<');
    const at = await ask(francois, 'quand passe le technicien ?');
    conversation = at.split('/').at(-1)!;
    const answer = await francois.get(at);
    expect(answer.body).toContain('Votre prochaine intervention (entretien chaudière) est prévue le mardi 1 décembre à 10 h (Karim Benali).');
    const visit = /Source : <a href="(\/portail\/interventions\/[0-9a-f-]{36})">Entretien chaudière du mardi 1 décembre<\/a>/.exec(answer.body)![1]!;
    expect((await francois.get(visit)).body).toContain('Entretien chaudière');
    // The help pages never show a conversation of the portal's.
    expect((await newVisitor().get(`/aide/assistant/${conversation}`)).status).toBe(404);
  });

  it('gives the arrival window of a visit booked in Accueil', async () => {
    const saved = await accueil.dispatch(
      'booking.saveTechnician',
      { name: 'Karim Bensaïd', email: 'karim.bensaid@chauffage-martin.test', skills: ['chaudiere_gaz', 'plomberie'], hours: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '08:00', end: '17:30' })), startAddress: 'Zone d’activités, 35510 Cesson-Sévigné' },
      { access: 'supervisor', account: supervisor },
    );
    expect(saved.ok).toBe(true);
    const contactId = (await call<Array<{ type: string; id: string; label: string }>>('directory.search', { query: 'Sophie Martin' })).find((hit) => hit.type === 'contact' && hit.label.includes('Sophie'))!.id;
    const { offers } = await call<{ offers: Array<{ day: string; windowStart: string; windowEnd: string; technicianId: string }> }>('booking.propose', { typeId: 'entretien-chaudiere-gaz', address: '12 rue Saint-Éloi, 35000 Rennes' });
    const first = offers[0]!;
    expect(first.day < '2026-11-27').toBe(true); // before her Ramonage (HubSpot), so it is her next visit
    await call('booking.book', { typeId: 'entretien-chaudiere-gaz', address: '12 rue Saint-Éloi, 35000 Rennes', contactId, day: first.day, windowStart: first.windowStart, windowEnd: first.windowEnd, technicianId: first.technicianId });
    const sophie = await signIn(PEOPLE.sophie);
    const answer = await sophie.get(await ask(sophie, 'le technicien vient a quelle heure'));
    const hour = (clock: string) => (clock.endsWith(':00') ? `${Number(clock.slice(0, 2))} h` : `${Number(clock.slice(0, 2))} h ${clock.slice(3)}`);
    expect(answer.body).toContain(`entre ${hour(first.windowStart)} et ${hour(first.windowEnd)} (Karim Bensaïd)`);
    expect(answer.body).not.toContain('Ramonage du');
    sophieSignedIn = sophie;
  });

  it('says so when it cannot answer, and hands over once: a callback on the number HubSpot knows, a ticket with the conversation', async () => {
    const at = await ask(francois, 'vous vendez des piscines gonflables pour le jardin ?', `/portail/assistant/${conversation}`);
    expect(at).toBe(`/portail/assistant/${conversation}`);
    const page = await francois.get(at);
    expect(page.body).toMatch(/Je ne (suis pas sûr|sais pas répondre)/);
    expect(page.body).toContain('Parler à une personne');
    expect(page.body).toContain(`value="${FIXTURE_CONTACT.phone}"`);
    expect(page.body).not.toContain('Votre adresse e-mail');
    const callbacksBefore = (await call<Callback[]>('callbacks.list', { includeDone: false, limit: 200 })).filter((c) => c.reason?.includes('piscines gonflables'));
    expect(callbacksBefore).toEqual([]);
    // Pressed twice (a double tap, a resent form): one callback.
    const token = francois.tokenFor(`${at}/relais`, page.body)!;
    relaisToken = token;
    for (let i = 0; i < 2; i++) {
      const sent = await francois.post(`${at}/relais`, { kind: 'callback', phone: FIXTURE_CONTACT.phone }, { token });
      expect([sent.status, sent.location]).toEqual([303, at]);
    }
    expect((await francois.get(at)).body).toContain('Votre demande de rappel est transmise');
    for (let i = 0; i < 2; i++) expect((await francois.post(`${at}/relais`, { kind: 'ticket', message: 'Plutôt par e-mail, merci' }, { token })).status).toBe(303);
    // The ticket reaches HubSpot on François's record, with the conversation in it, once.
    const assistantTickets = () => hs.state.liveIds('tickets').map((id) => hs.state.live('tickets', id)!).filter((t) => String(t.properties['subject'] ?? '').startsWith('Assistant en ligne : vous vendez des piscines'));
    const ticket = await waitFor('the ticket in HubSpot', () => assistantTickets()[0]);
    expect(String(ticket.properties['content'] ?? '')).toContain('Message : Plutôt par e-mail, merci');
    expect(String(ticket.properties['content'] ?? '')).toContain('quand passe le technicien ?');
    expect(hs.state.associationsOf('tickets', ticket.id, 'contacts').map((a) => a.toId)).toEqual([loop.contactHubspotId]);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(assistantTickets()).toHaveLength(1);
    const callbacks = (await call<Callback[]>('callbacks.list', { includeDone: false, limit: 200 })).filter((c) => c.reason?.includes('piscines gonflables'));
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toMatchObject({ label: 'François Lefèvre' });
    // François already had a callback waiting (his accepted quote): the request joins it, one call for Claire.
    expect(callbacks[0]!.reason!.split('\n')).toContain('Assistant en ligne : « vous vendez des piscines gonflables pour le jardin ? »');
  });
});

describe('booking, moving and cancelling a visit from the portal', () => {
  const ADDRESS = '12 rue Saint-Éloi, 35000 Rennes';
  let visitId = '';
  const offersIn = (page: string) => [...page.matchAll(/name="creneau" value="([^"]+)"/g)].map((m) => m[1]!);

  it('offers the windows the interventions area computes, and books the one picked: confirmation e-mail with its invitation, HubSpot meeting once', async () => {
    const form = await francois.get('/portail/rendez-vous');
    expect(form.status).toBe(200);
    expect(form.body).toContain('<option value="entretien-chaudiere-gaz"');
    // Longer work (an installation) is not booked online.
    expect(form.body).not.toContain('Installation pompe à chaleur');
    const offers = await francois.get(`/portail/rendez-vous/creneaux?type=entretien-chaudiere-gaz&adresse=${encodeURIComponent(ADDRESS)}`);
    expect(offers.status).toBe(200);
    const choices = offersIn(offers.body);
    expect(choices.length).toBeGreaterThanOrEqual(3);
    // The offers are the booking desk's, for the same request.
    const desk = await call<{ offers: Array<{ day: string; windowStart: string; windowEnd: string; technicianId: string }> }>('booking.propose', { typeId: 'entretien-chaudiere-gaz', address: ADDRESS, count: 5 });
    expect(choices).toEqual(desk.offers.slice(0, choices.length).map((o) => `${o.day}|${o.windowStart}|${o.windowEnd}|${o.technicianId}`));
    const meetingsBefore = hs.state.liveIds('meetings').length;
    const mailsBefore = mailsTo(PEOPLE.francois).length;

    // A window nobody offered (forged in the form): nothing booked, the real windows again.
    const forged = await francois.post('/portail/rendez-vous', { type: 'entretien-chaudiere-gaz', adresse: ADDRESS, creneau: `${choices[0]!.split('|')[0]}|06:00|06:30|${choices[0]!.split('|')[3]}` });
    expect(forged.status).toBe(409);
    expect(forged.body).toContain('Ce créneau vient d’être pris');

    const picked = choices.at(-1)!;
    const booked = await francois.post('/portail/rendez-vous', { type: 'entretien-chaudiere-gaz', adresse: ADDRESS, creneau: picked }, { token: francois.tokenFor('/portail/rendez-vous', offers.body) });
    expect(booked.status).toBe(303);
    visitId = /^\/portail\/interventions\/([0-9a-f-]{36})\?reserve=1$/.exec(booked.location!)![1]!;
    const page = await francois.get(booked.location!);
    expect(page.body).toContain('C’est réservé');
    expect(page.body).toContain('Déplacer ou annuler ce rendez-vous');
    const booking = await call<{ day: string; windowStart: string; history: Array<{ action: string; actor: string | null }> }>('booking.get', { interventionId: visitId });
    expect(`${booking.day}|${booking.windowStart}`).toBe(picked.split('|').slice(0, 2).join('|'));
    expect(booking.history).toEqual([expect.objectContaining({ action: 'booked', actor: 'Client (espace client)' })]);
    const mail = await waitFor('the confirmation', () => mailsTo(PEOPLE.francois)[mailsBefore]);
    expect(mail.subject).toMatch(/^Rendez-vous confirmé/);
    expect(mail.raw).toContain('BEGIN:VCALENDAR');
    await waitFor('the meeting in HubSpot', () => hs.state.liveIds('meetings').length === meetingsBefore + 1);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(hs.state.liveIds('meetings').length).toBe(meetingsBefore + 1);
  });

  it('moves it to another window the desk offers, then cancels it once the box is ticked', async () => {
    const move = await francois.get(`/portail/interventions/${visitId}/deplacer`);
    expect(move.status).toBe(200);
    const choices = offersIn(move.body);
    expect(choices.length).toBeGreaterThan(0);
    // The latest window offered: still more than a day away, so still movable after.
    const target = choices.at(-1)!;
    const moved = await francois.post(`/portail/interventions/${visitId}/deplacer`, { creneau: target });
    expect([moved.status, moved.location]).toEqual([303, `/portail/interventions/${visitId}?deplace=1`]);
    const booking = await call<{ day: string; windowStart: string; sequence: number; history: Array<{ action: string; actor: string | null }> }>('booking.get', { interventionId: visitId });
    expect(`${booking.day}|${booking.windowStart}`).toBe(target.split('|').slice(0, 2).join('|'));
    expect(booking.sequence).toBe(1);
    expect(booking.history.map((h) => h.action)).toEqual(['booked', 'rescheduled']);

    const page = await francois.get(`/portail/interventions/${visitId}/deplacer`);
    // Another customer, with François's valid form tokens: his visit is not there for her.
    const intruder = sophieSignedIn!;
    const cookie = `accueil_formulaire=${francois.cookies.get('accueil_formulaire')}; accueil_portail=${intruder.cookies.get('accueil_portail')}`;
    expect((await intruder.get(`/portail/interventions/${visitId}/deplacer`)).status).toBe(404);
    expect((await intruder.post(`/portail/interventions/${visitId}/deplacer`, { creneau: offersIn(page.body)[0]! }, { token: francois.tokenFor(`/portail/interventions/${visitId}/deplacer`, page.body), cookie })).status).toBe(404);
    expect((await intruder.post(`/portail/interventions/${visitId}/annuler`, { confirmer: '1' }, { token: francois.tokenFor(`/portail/interventions/${visitId}/annuler`, page.body), cookie })).status).toBe(404);
    expect((await call<{ sequence: number; status: string }>('booking.get', { interventionId: visitId })).sequence).toBe(1);
    const unticked = await francois.post(`/portail/interventions/${visitId}/annuler`, {}, { token: francois.tokenFor(`/portail/interventions/${visitId}/annuler`, page.body) });
    expect(unticked.status).toBe(422);
    expect(unticked.body).toContain('Cochez la case pour confirmer l’annulation');
    const cancelled = await francois.post(`/portail/interventions/${visitId}/annuler`, { confirmer: '1' }, { token: francois.tokenFor(`/portail/interventions/${visitId}/annuler`, page.body) });
    expect([cancelled.status, cancelled.location]).toEqual([303, `/portail/interventions/${visitId}?annule=1`]);
    const after = await call<{ status: string; history: Array<{ action: string }> }>('booking.get', { interventionId: visitId });
    expect(after.status).toBe('annulee');
    expect(after.history.map((h) => h.action)).toEqual(['booked', 'rescheduled', 'cancelled']);
    // Cancelled: nothing more to move.
    expect((await francois.get(`/portail/interventions/${visitId}/deplacer`)).location).toBe(`/portail/interventions/${visitId}`);
  });

  it('offers no move for a visit from HubSpot (no window), and none to another customer', async () => {
    const home = (await francois.get('/portail/')).body;
    const hubspotVisit = /href="\/portail\/interventions\/([0-9a-f-]{36})">[^<]*<strong>Entretien chaudière/.exec(home)?.[1] ?? idsIn(home, 'interventions')[0]!;
    const page = await francois.get(`/portail/interventions/${hubspotVisit}`);
    expect(page.body).not.toContain('Déplacer ou annuler');
    expect((await francois.get(`/portail/interventions/${hubspotVisit}/deplacer`)).location).toBe(`/portail/interventions/${hubspotVisit}`);
  });
});

describe('access control: another customer’s ids, a company’s records', () => {
  let sophie: PortalVisitor;
  let paul: PortalVisitor;
  let his: { visits: string[]; quote: string; request: string };
  let companyVisit: string;

  beforeAll(async () => {
    // Sophie signed in to ask the assistant already (an address gets 3 links a quarter of an hour).
    sophie = sophieSignedIn ?? (await signIn(PEOPLE.sophie));
    paul = await signIn(PEOPLE.paul);
    const home = (await francois.get('/portail/')).body;
    expect(photoId).not.toBe('');
    his = { visits: idsIn(home, 'interventions'), quote: quoteIdOf(home, SECOND_QUOTE_TITLE), request: idsIn(home, 'demandes')[0]! };
    expect(his.visits.length).toBeGreaterThanOrEqual(2);
    const paulHome = (await paul.get('/portail/')).body;
    expect(paulHome).toContain('Visite de la chaufferie');
    expect(paulHome).toContain('Syndic Girard');
    expect(paulHome).not.toContain('Entretien chaudière');
    companyVisit = idsIn(paulHome, 'interventions')[0]!;
  });

  it('answers 404 to every read of another customer’s records, as for a record that does not exist', async () => {
    for (const visitor of [sophie, paul]) {
      for (const path of [...his.visits.map((id) => `/portail/interventions/${id}`), `/portail/devis/${his.quote}`, `/portail/demandes/${his.request}`, `/portail/documents/${photoId}`]) {
        const page = await visitor.get(path);
        expect(page.status, `${visitor.ip} ${path}`).toBe(404);
        expect(page.body).not.toContain('Entretien chaudière');
        expect(page.body).not.toContain(QUOTE_TITLE);
      }
    }
    const sophieHome = (await sophie.get('/portail/')).body;
    expect(sophieHome).toContain('Ramonage');
    expect(sophieHome).not.toContain('Syndic Girard');
    for (const visitor of [francois, sophie]) expect((await visitor.get(`/portail/interventions/${companyVisit}`)).status).toBe(404);
    expect((await paul.get(`/portail/interventions/${companyVisit}`)).status).toBe(200);
    expect((await francois.get('/portail/interventions/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it('refuses another customer’s quote and request on write, even with a valid form token', async () => {
    // A valid form token for that action, taken from the owner's page: only the session differs.
    const page = await francois.get(`/portail/devis/${his.quote}`);
    const token = francois.tokenFor(`/portail/devis/${his.quote}/accord`, page.body)!;
    expect(token).toBeTruthy();
    const formCookie = `accueil_formulaire=${francois.cookies.get('accueil_formulaire')}`;
    for (const visitor of [sophie, paul]) {
      const attempt = await visitor.post(`/portail/devis/${his.quote}/accord`, { nom: 'Quelqu’un', accord: '1', version: 'v1:x' }, { token, cookie: `${formCookie}; accueil_portail=${visitor.cookies.get('accueil_portail')}` });
      expect(attempt.status).toBe(404);
    }
    expect((await francois.get(`/portail/devis/${his.quote}`)).body).toContain('Accepter ce devis');
    await paul.get('/portail/demandes/nouvelle');
    const own = await paul.post('/portail/demandes', { type: 'rdv', texte: 'Visite annuelle de la chaufferie à caler' });
    const paulTicket = /\/portail\/demandes\/([0-9a-f-]{36})/.exec(own.location!)![1]!;
    expect((await paul.get(`/portail/demandes/${paulTicket}`)).status).toBe(200);
    expect((await francois.get(`/portail/demandes/${paulTicket}`)).status).toBe(404);
    expect((await sophie.get(`/portail/demandes/${paulTicket}`)).status).toBe(404);
  });

  it('keeps a customer’s conversation with the assistant his: another session reads, continues and hands over nothing of it', async () => {
    expect(conversation).not.toBe('');
    const at = `/portail/assistant/${conversation}`;
    const page = await francois.get(at);
    const formCookie = `accueil_formulaire=${francois.cookies.get('accueil_formulaire')}`;
    const tokens = { ask: francois.tokenFor(at, page.body)!, relais: relaisToken };
    const turnsBefore = (page.body.match(/<strong>Vous :<\/strong>/g) ?? []).length;
    for (const visitor of [sophie, paul]) {
      const read = await visitor.get(at);
      expect(read.status).toBe(404);
      expect(read.body).not.toContain('piscines');
      const cookie = `${formCookie}; accueil_portail=${visitor.cookies.get('accueil_portail')}`;
      expect((await visitor.post(at, { question: 'et mes factures ?' }, { token: tokens.ask, cookie })).status).toBe(404);
      expect((await visitor.post(`${at}/relais`, { kind: 'ticket', message: 'intrus' }, { token: tokens.relais, cookie })).status).toBe(404);
    }

    const after = await francois.get(at);
    expect((after.body.match(/<strong>Vous :<\/strong>/g) ?? []).length).toBe(turnsBefore);
    expect(after.body).not.toContain('et mes factures ?');
    // Without a session: the sign-in page; without the form's token: refused.
    const stranger = newVisitor();
    expect((await stranger.get(at)).location).toBe('/portail/');
    await francois.get('/portail/assistant');
    expect((await francois.post('/portail/assistant', { question: 'sans jeton' }, { token: null })).status).toBe(403);
  });

  it('sends a visitor without a session to the sign-in page, and refuses their forms', async () => {
    const stranger = newVisitor();
    for (const path of [`/portail/interventions/${his.visits[0]}`, `/portail/devis/${his.quote}`, `/portail/demandes/${his.request}`, '/portail/demandes/nouvelle', '/portail/contact']) {
      const page = await stranger.get(path);
      expect([page.status, page.location], path).toEqual([303, '/portail/']);
    }
    const signInPage = await stranger.get('/portail/');
    expect(signInPage.body).toContain('Recevoir mon lien de connexion');
    const token = stranger.tokenFor('/portail/connexion')!;
    for (const path of ['/portail/demandes', '/portail/contact', `/portail/devis/${his.quote}/accord`]) {
      // A token of another form: the surface refuses it before the portal sees it.
      expect((await stranger.post(path, { texte: 'x', message: 'x' }, { token })).status).toBe(403);
    }
  });

  it('checks every form’s origin and token (CSRF)', async () => {
    await sophie.get('/portail/demandes/nouvelle');
    const good = sophie.tokenFor('/portail/demandes')!;
    expect((await sophie.post('/portail/demandes', { texte: 'sans jeton' }, { token: null })).status).toBe(403);
    expect((await sophie.post('/portail/demandes', { texte: 'autre site' }, { token: good, origin: 'https://evil.example' })).status).toBe(403);
    expect((await sophie.post('/portail/demandes', { texte: 'sans origine' }, { token: good, origin: null })).status).toBe(403);
    expect((await sophie.post('/portail/contact', { message: 'jeton d’un autre formulaire' }, { token: good })).status).toBe(403);
    expect((await sophie.post('/portail/deconnexion', {}, { token: good })).status).toBe(403);
    const tickets = (await sophie.get('/portail/')).body;
    expect(tickets).not.toContain('sans jeton');
    expect(tickets).not.toContain('autre site');
  });

  it('ends the session on « Se déconnecter »: the old cookie opens nothing', async () => {
    const cookie = sophie.cookies.get('accueil_portail')!;
    await sophie.get('/portail/');
    const out = await sophie.post('/portail/deconnexion', {});
    expect([out.status, out.location]).toEqual([303, '/portail/']);
    expect(out.setCookies.find((c) => c.startsWith('accueil_portail='))).toMatch(/^accueil_portail=; Path=\/portail; HttpOnly; SameSite=Strict; Max-Age=0$/);
    expect(sophie.cookies.has('accueil_portail')).toBe(false);
    const replay = newVisitor();
    replay.cookies.set('accueil_portail', cookie);
    expect((await replay.get('/portail/')).body).toContain('Recevoir mon lien de connexion');
    expect((await replay.get('/portail/demandes/nouvelle')).location).toBe('/portail/');
  });
});

describe('rate limits on sign-in links', () => {
  it('sends at most 3 links per address in a quarter of an hour, whoever asks, with the same answer', async () => {
    // Paul signed in once already: 2 more links, then nothing, for 5 asks from 5 addresses.
    const before = mailsTo(PEOPLE.paul).length;
    expect(before).toBe(1);
    for (let i = 0; i < 5; i++) {
      const visitor = newVisitor();
      await visitor.get('/portail/');
      const asked = await visitor.post('/portail/connexion', { email: PEOPLE.paul });
      expect([asked.status, asked.location]).toEqual([303, '/portail/lien-envoye']);
    }
    await waitFor('two more links', () => mailsTo(PEOPLE.paul).length >= before + 2);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(mailsTo(PEOPLE.paul).length - before).toBe(2);
  });

  it('answers 429 with Retry-After to one address asking for many links', async () => {
    const visitor = newVisitor();
    await visitor.get('/portail/');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${visitor.origin}/portail/connexion`, {
        method: 'POST',
        headers: { Cookie: visitor.cookieHeader(), 'X-Forwarded-For': visitor.ip, Origin: visitor.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: `inconnu-${i}@example.test`, _csrf: visitor.tokenFor('/portail/connexion')! }),
        redirect: 'manual',
      });
      statuses.push(response.status);
      retryAfter ??= response.headers.get('retry-after');
      await response.text();
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('sessions end by themselves', () => {
  it('after an hour without use', async () => {
    const visitor = await signIn(PEOPLE.sophie);
    expect((await visitor.get('/portail/')).body).toContain('Bonjour Sophie');
    loop.advance(61 * 60_000);
    expect((await visitor.get('/portail/')).body).toContain('Recevoir mon lien de connexion');
  });
});
