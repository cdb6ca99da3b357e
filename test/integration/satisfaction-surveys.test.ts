/**
 * The survey loop as a customer meets it, with real parts: a HubSpot meeting marked COMPLETED (the
 * stand-in over HTTP) is pulled by the sync, the survey leaves through a real SMTP server on
 * loopback, the link from that e-mail is answered over HTTP on the company server's public surface,
 * and the detractor lands on Claire's callback list while the note and the contact's properties
 * reach HubSpot once. The calendar is injected (a Tuesday morning in Paris): the test never depends
 * on today's date or hour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Callback } from '../../electron/contract/work-calls';
import type { LatestAnswer, SatisfactionFigures } from '../../electron/contract/satisfaction-calls';
import type { Accueil } from '../../electron/services/accueil';
import type { PublicSurface } from '../../electron/host/public-channel';
import { FIXTURE_CONTACT, type HubSpotStandIn } from '../support/hubspot-standin';
import type { ReceivedMail, SmtpInbox } from '../support/smtp-inbox';
import { SURVEY_HOST, startSurveyLoop, type SurveyLoop } from '../support/survey-loop';

const PUBLISHED = SURVEY_HOST;
/** Tuesday 24 November 2026, 10:00 in Paris; the injected clock runs on from there. */
const BASE = Date.parse('2026-11-24T09:00:00Z');

let loop: SurveyLoop;
let hs: HubSpotStandIn;
let inbox: SmtpInbox;
let accueil: Accueil;
let surface: PublicSurface;
let contactHubspotId: string;
let meetingId: string;
let mail: ReceivedMail;

async function call<T>(name: string, input: unknown): Promise<T> {
  const envelope = await accueil.dispatch(name, input, { access: 'agent' });
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const onSurface = (link: string) => loop.onSurface(link);
const linkFor = (score: number) => new RegExp(`(https://${PUBLISHED.replace(/\./g, '\\.')}/avis/\\S+\\?note=${score})\\b`).exec(mail.text)![1]!;
const contactId = () => accueil.lookup(FIXTURE_CONTACT.e164).card!.contact!.id;

beforeAll(async () => {
  loop = await startSurveyLoop(BASE);
  ({ hs, inbox, accueil, surface, contactHubspotId, meetingId } = loop);
  await waitFor('the first sync', async () => (await call<{ lastSuccessAt: string | null }>('sync.status', {})).lastSuccessAt !== null);
}, 90_000);

afterAll(async () => {
  await loop?.stop();
});

describe('a survey after a visit, end to end', () => {
  it('sends one survey e-mail when HubSpot says the visit is COMPLETED, through the SMTP server', async () => {
    expect(inbox.received).toHaveLength(0);
    hs.state.update('meetings', meetingId, { hs_meeting_outcome: 'COMPLETED' });
    mail = await inbox.next(40_000);
    expect(mail.to).toContain('francois.lefevre@example.test');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.headers.get('list-unsubscribe')).toMatch(new RegExp(`^<https://${PUBLISHED}/avis/\\S+/desabonnement>$`));
    expect(mail.text).toContain('Bonjour François,');
    expect(mail.text).toContain('À propos de : Entretien chaudière du mardi 24 novembre 2026, par Karim Benali.');
    for (let score = 0; score <= 10; score++) expect(linkFor(score)).toContain(`?note=${score}`);
  });

  it('records the score clicked, then the comment from the page (no JavaScript, a real form)', async () => {
    const page = await fetch(onSurface(linkFor(3)));
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('Votre note : <strong>3/10</strong>');
    const field = /<input type="hidden" name="(_csrf)" value="([^"]+)">/.exec(body)!;
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const action = /<form method="post" action="([^"]+)"/.exec(body)![1]!;
    const form = new URLSearchParams({ [field[1]!]: field[2]!, commentaire: 'Technicien arrivé en retard', rappel: 'non' });
    const posted = await fetch(`${surface.url}${action}`, { method: 'POST', body: form, headers: { Cookie: cookie, Origin: surface.url }, redirect: 'manual' });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toMatch(/\/merci$/);
    const thanks = await (await fetch(`${surface.url}${posted.headers.get('location')}`)).text();
    expect(thanks).toContain('Technicien arrivé en retard');
  });

  it('puts the detractor on Claire’s callback list with the comment, and the pop shows the score', async () => {
    const item = await waitFor('the callback', async () =>
      (await call<Callback[]>('callbacks.list', { includeDone: false, limit: 200 })).find((c) => c.contactId === contactId() && c.reason !== null),
    );
    expect(item.reason).toBe('Avis 3/10 sur « Entretien chaudière » — « Technicien arrivé en retard »');
    expect(item.number).toBe(FIXTURE_CONTACT.e164);
    const latest = await call<LatestAnswer>('satisfaction.latest', { contactId: contactId() });
    expect(latest).toMatchObject({ score: 3, category: 'detracteur', comment: 'Technicien arrivé en retard' });
    const figures = await call<SatisfactionFigures>('satisfaction.figures', { windowDays: 90 });
    expect(figures.window).toMatchObject({ n: 1, detractors: 1, nps: -100 });
    expect(figures.sent).toBe(1);
    expect(figures.responseRate).toBe(100);
    // One timeline: the answer is in his history (record and pop), saying the channel its link went by.
    const card = await call<{ recent: Array<{ kind: string; title: string; facts?: { origin?: string | null } }> }>('directory.contactCard', { contactId: contactId() });
    expect(card.recent.find((i) => i.kind === 'note' && i.title === 'Note de Enquête de satisfaction')?.facts?.origin).toBe('email');
  });

  it('sends HubSpot one note and the contact’s last score and NPS category, even when the link is clicked again', async () => {
    await fetch(onSurface(linkFor(3)));
    const note = await waitFor('the note in HubSpot', () =>
      hs.state.liveIds('notes').map((id) => hs.state.live('notes', id)!).find((n) => String(n.properties['hs_note_body'] ?? '').includes('Enquête de satisfaction : 3/10')),
    );
    expect(String(note.properties['hs_note_body'])).toContain('« Technicien arrivé en retard »');
    expect(hs.state.associationsOf('notes', note.id, 'contacts').map((a) => a.toId)).toEqual([contactHubspotId]);
    await waitFor('the contact properties', () => hs.state.live('contacts', contactHubspotId)!.properties['accueil_categorie_nps'] === 'detracteur');
    expect(hs.state.live('contacts', contactHubspotId)!.properties['accueil_derniere_note']).toBe('3');
    // A few seconds more: nothing is sent twice.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const notes = hs.state.liveIds('notes').filter((id) => String(hs.state.live('notes', id)!.properties['hs_note_body'] ?? '').includes('Enquête de satisfaction'));
    expect(notes).toHaveLength(1);
    expect(inbox.received).toHaveLength(1);
  });

  it('refuses a tampered, made-up or cross-purpose link politely, recording nothing', async () => {
    const good = new URL(linkFor(9));
    const token = good.pathname.split('/')[2]!;
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const pathname of [`/avis/${tampered}?note=9`, `/avis/k1.survey.zzzzzz.YWJj.AAAA?note=9`, `/avis/${token.replace('.survey.', '.survey-optout.')}?note=9`]) {
      const res = await fetch(`${surface.url}${pathname}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Ce lien n’est pas valable');
    }
    expect((await call<LatestAnswer>('satisfaction.latest', { contactId: contactId() })).score).toBe(3);
    // A HEAD (a link checker) records nothing either.
    expect((await fetch(onSurface(linkFor(10)), { method: 'HEAD' })).status).toBe(200);
    expect((await call<LatestAnswer>('satisfaction.latest', { contactId: contactId() })).score).toBe(3);
  });

  it('unsubscribes in one click (RFC 8058 post from the mail client), honoured at once', async () => {
    const unsubscribe = /^<(.+)>$/.exec(mail.headers.get('list-unsubscribe')!)![1]!;
    const page = await fetch(onSurface(unsubscribe));
    expect(await page.text()).toContain('Ne plus recevoir ces enquêtes');
    const posted = await fetch(onSurface(unsubscribe), {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.status).toBe(200);
    expect(await (await fetch(onSurface(unsubscribe))).text()).toContain('Vous ne recevez plus nos enquêtes de satisfaction');
  });
});
