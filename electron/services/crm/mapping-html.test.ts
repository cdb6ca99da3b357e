/**
 * HubSpot e-mail and note bodies arrive as HTML and are stored as text. The tag stripping must read
 * any body in linear time: a body of '<' without '>' used to cost a scan of the rest per '<'.
 */
import { describe, expect, it } from 'vitest';
import { hostileHtml } from '../../../test/support/hostile-text';
import { toMirror, type HubSpotObject, type MappingContext } from './mapping';

const context: MappingContext = { ticketStatus: () => 'nouveau', ownerName: () => null };
const noLinks = { contacts: [], companies: [], tickets: [] };

const AT = '2024-05-14T10:00:00.000Z';

function noteBody(html: string): string {
  const object: HubSpotObject = { id: '1', properties: { hs_note_body: html, hs_timestamp: AT, createdate: AT } };
  return (toMirror('notes', object, noLinks, context).record as { body: string }).body;
}

function emailBody(html: string): string {
  const object: HubSpotObject = { id: '2', properties: { hs_email_text: html, hs_email_subject: 'Devis', hs_timestamp: AT, createdate: AT } };
  return (toMirror('emails', object, noLinks, context).record as { body: string }).body;
}

/** The tag step as it was before it was made linear (the rest of the chain is unchanged). */
const backtrackingWithoutTags = (html: string) => html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p[^>]*>/gi, '\n').replace(/<[^>]+>/g, '');

describe('HubSpot bodies: HTML to text', () => {
  it('removes tags exactly as before, and keeps what is not a tag', () => {
    const samples = [
      '<p>Bonjour,</p><p>Le technicien passe mardi.</p>', 'Ligne 1<br>Ligne 2<br/>Ligne 3', '<div><b>Gras</b> et <i>italique</i></div>',
      'a < b et c > d', 'prix <> 3', '<<b>>x', 'x <a href="y">lien</a', 'fin <', '<>', '<<>', 'a<b<c>d', '3 < 4 > 2 < 1',
    ];
    for (const sample of samples) expect(noteBody(sample), sample).toBe(backtrackingWithoutTags(sample).trim());
  });

  // Bodies are cut at 100,000 characters before this step; there the former pattern took 5.6 s on
  // '<' alone (2 cores), so the two bodies of each shape overrun the 10 s bound, and now take ms.
  it('turns 1 MB of hostile HTML into text without stalling (each shape, as a note and as an e-mail)', () => {
    for (const { name, text } of hostileHtml()) {
      expect(noteBody(text).length, name).toBeLessThanOrEqual(text.length);
      expect(emailBody(text).length, name).toBeLessThanOrEqual(text.length);
    }
    expect(noteBody('<'.repeat(1 << 20))).toMatch(/^<+$/);
  }, 10_000);
});
