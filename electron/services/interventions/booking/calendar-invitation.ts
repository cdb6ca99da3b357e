/**
 * The invitation attached to a booking e-mail (RFC 5545 iCalendar, iTIP methods of RFC 5546), so
 * that the visit lands in the customer's calendar and follows it:
 *
 *   booked       METHOD:REQUEST  SEQUENCE:0   STATUS:CONFIRMED
 *   rescheduled  METHOD:REQUEST  SEQUENCE:n+1 (same UID: the calendar moves the event)
 *   cancelled    METHOD:CANCEL   SEQUENCE:n+1 STATUS:CANCELLED (same UID: the calendar removes it)
 *
 * One UID per visit, for its whole life. Times are local to Europe/Paris (DTSTART;TZID=…) with the
 * zone's VTIMEZONE (EU rules since 1996: last Sunday of March 02:00 → CEST, last Sunday of October
 * 03:00 → CET). The event covers the time the customer should be home: from the start of the
 * arrival window to its end plus the visit's expected length. Lines end in CRLF and are folded at
 * 75 octets (never inside a UTF-8 character); text values are escaped (\\ \; \, \n).
 */
export interface InvitationInput {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  /** When this version was made (DTSTAMP, UTC). */
  stamp: Date;
  day: string;
  /** Minutes since midnight, Paris. */
  start: number;
  end: number;
  summary: string;
  description: string;
  location: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

const VTIMEZONE_PARIS = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** A quoted parameter value (CN): no DQUOTE, no control characters. */
function paramValue(value: string): string {
  return `"${value.replace(/["\r\n\t]/g, ' ').trim()}"`;
}

/** Folds a content line at 75 octets, continuation lines starting with a space (§3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  const limit = () => (parts.length === 0 ? 75 : 74);
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit()) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.map((p, i) => (i === 0 ? p : ` ${p}`)).join('\r\n');
}

function localDateTime(day: string, minutes: number): string {
  const extraDays = Math.floor(minutes / 1440);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + extraDays)).toISOString().slice(0, 10).replace(/-/g, '');
  const rest = minutes - extraDays * 1440;
  return `${date}T${String(Math.floor(rest / 60)).padStart(2, '0')}${String(rest % 60).padStart(2, '0')}00`;
}

function utcStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function calendarInvitation(input: InvitationInput): string {
  const cancelled = input.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Accueil//Interventions//FR',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    ...VTIMEZONE_PARIS,
    'BEGIN:VEVENT',
    `UID:${input.uid}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${utcStamp(input.stamp)}`,
    `DTSTART;TZID=Europe/Paris:${localDateTime(input.day, input.start)}`,
    `DTEND;TZID=Europe/Paris:${localDateTime(input.day, input.end)}`,
    `SUMMARY:${escapeText(input.summary)}`,
    `DESCRIPTION:${escapeText(input.description)}`,
    `LOCATION:${escapeText(input.location)}`,
    `ORGANIZER;CN=${paramValue(input.organizer.name)}:mailto:${input.organizer.email}`,
    `ATTENDEE;CN=${paramValue(input.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${input.attendee.email}`,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
