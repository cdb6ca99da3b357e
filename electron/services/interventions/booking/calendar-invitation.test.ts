import { describe, expect, it } from 'vitest';
import { child, parseICalendar, property, unescapeText } from '../../../../test/support/icalendar';
import { calendarInvitation, foldLine } from './calendar-invitation';

const base = {
  uid: 'intervention-1f2e@accueil',
  sequence: 0,
  method: 'REQUEST' as const,
  stamp: new Date('2026-12-01T09:30:00Z'),
  day: '2026-12-02',
  start: 8 * 60,
  end: 13 * 60,
  summary: 'Entretien chaudière gaz — Thermique Ouest',
  description: 'Arrivée du technicien entre 8 h et 12 h.\nDurée prévue : 1 h; merci, à bientôt',
  location: '12 rue Saint-Éloi, 35000 Rennes',
  organizer: { name: 'Thermique Ouest', email: 'contact@thermique-ouest.fr' },
  attendee: { name: 'François Lefèvre', email: 'francois.lefevre@orange.fr' },
};

describe('calendarInvitation', () => {
  it('writes a REQUEST with one VEVENT in Paris time, its VTIMEZONE, organizer and attendee', () => {
    const cal = parseICalendar(calendarInvitation(base));
    expect(property(cal, 'VERSION')?.value).toBe('2.0');
    expect(property(cal, 'METHOD')?.value).toBe('REQUEST');
    expect(property(cal, 'PRODID')).toBeDefined();
    const tz = child(cal, 'VTIMEZONE')!;
    expect(property(tz, 'TZID')?.value).toBe('Europe/Paris');
    expect(tz.components.map((c) => c.name).sort()).toEqual(['DAYLIGHT', 'STANDARD']);
    const event = child(cal, 'VEVENT')!;
    expect(property(event, 'UID')?.value).toBe(base.uid);
    expect(property(event, 'SEQUENCE')?.value).toBe('0');
    expect(property(event, 'DTSTAMP')?.value).toBe('20261201T093000Z');
    expect(property(event, 'DTSTART')).toEqual({ name: 'DTSTART', params: { TZID: 'Europe/Paris' }, value: '20261202T080000' });
    expect(property(event, 'DTEND')?.value).toBe('20261202T130000');
    expect(unescapeText(property(event, 'DESCRIPTION')!.value)).toBe(base.description);
    expect(unescapeText(property(event, 'LOCATION')!.value)).toBe(base.location);
    expect(property(event, 'ORGANIZER')).toMatchObject({ params: { CN: 'Thermique Ouest' }, value: 'mailto:contact@thermique-ouest.fr' });
    expect(property(event, 'ATTENDEE')?.value).toBe('mailto:francois.lefevre@orange.fr');
    expect(property(event, 'STATUS')?.value).toBe('CONFIRMED');
  });

  it('cancels with the same UID, a higher SEQUENCE and STATUS:CANCELLED', () => {
    const cal = parseICalendar(calendarInvitation({ ...base, method: 'CANCEL', sequence: 2 }));
    expect(property(cal, 'METHOD')?.value).toBe('CANCEL');
    const event = child(cal, 'VEVENT')!;
    expect(property(event, 'UID')?.value).toBe(base.uid);
    expect(property(event, 'SEQUENCE')?.value).toBe('2');
    expect(property(event, 'STATUS')?.value).toBe('CANCELLED');
  });

  it('folds long lines at 75 octets without cutting a character in two, and CRLF everywhere', () => {
    const long = `DESCRIPTION:${'é'.repeat(100)}`;
    const folded = foldLine(long);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(long);
    const text = calendarInvitation({ ...base, description: 'é'.repeat(300) });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(unescapeText(property(child(parseICalendar(text), 'VEVENT')!, 'DESCRIPTION')!.value)).toBe('é'.repeat(300));
  });

  it('ends after midnight on the next day when the visit runs late', () => {
    const event = child(parseICalendar(calendarInvitation({ ...base, end: 24 * 60 + 30 })), 'VEVENT')!;
    expect(property(event, 'DTEND')?.value).toBe('20261203T003000');
  });
});
