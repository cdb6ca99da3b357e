/**
 * The words of the booking e-mails, in French (the customer's and the technician's language here):
 * the customer's confirmation (or move, or cancellation) and the technician's day. Every value is
 * escaped in the HTML part; the plain part is the same text.
 */
import type { Booking } from '../../../contract/booking-calls';

export interface DayVisit {
  windowStart: string;
  windowEnd: string;
  kind: string;
  durationMin: number;
  customer: string;
  address: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** « mardi 2 décembre 2026 ». */
export function frenchDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "08:00" → « 8 h », "13:30" → « 13 h 30 ». */
export function frenchTime(clock: string): string {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

/** « 1 h 30 », « 45 min », « 8 h ». */
export function frenchDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

function html(paragraphs: readonly string[]): string {
  return `<!doctype html><html lang="fr"><body>${paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('')}</body></html>`;
}

export function customerMail(input: {
  booking: Booking;
  firstName: string;
  technicianName: string;
  company: { name: string; phone: string };
  method: 'REQUEST' | 'CANCEL';
}): { subject: string; text: string; html: string; summary: string } {
  const { booking, company } = input;
  const when = `${frenchDay(booking.day)}, arrivée du technicien entre ${frenchTime(booking.windowStart)} et ${frenchTime(booking.windowEnd)}`;
  const hello = input.firstName ? `Bonjour ${input.firstName},` : 'Bonjour,';
  const moved = booking.history.length > 1 && booking.history.at(-1)?.action === 'rescheduled';
  const summary =
    input.method === 'CANCEL'
      ? `Intervention annulée : ${booking.kind}, ${when}.`
      : `${booking.kind} : ${when} (durée prévue ${frenchDuration(booking.durationMin)}).${input.technicianName ? ` Technicien : ${input.technicianName}.` : ''} Adresse : ${booking.address}.`;
  const contact = company.phone ? `Un empêchement ? Répondez à cet e-mail ou appelez-nous au ${company.phone}.` : 'Un empêchement ? Répondez à cet e-mail.';
  const paragraphs =
    input.method === 'CANCEL'
      ? [hello, `Votre rendez-vous « ${booking.kind} » du ${when} est annulé.`, 'L’invitation jointe le retire de votre agenda.', company.name ? `Cordialement,\n${company.name}` : 'Cordialement,']
      : [
          hello,
          moved ? `Votre rendez-vous « ${booking.kind} » est déplacé :` : `Votre rendez-vous « ${booking.kind} » est confirmé :`,
          `${when[0]!.toUpperCase()}${when.slice(1)}.\nDurée prévue : ${frenchDuration(booking.durationMin)}.${input.technicianName ? `\nTechnicien : ${input.technicianName}.` : ''}\nAdresse : ${booking.address}.`,
          moved ? 'L’invitation jointe met à jour votre agenda.' : 'L’invitation jointe l’ajoute à votre agenda.',
          contact,
          company.name ? `Cordialement,\n${company.name}` : 'Cordialement,',
        ];
  const subject =
    input.method === 'CANCEL'
      ? `Rendez-vous annulé : ${booking.kind}, ${frenchDay(booking.day)}`
      : `${moved ? 'Rendez-vous déplacé' : 'Rendez-vous confirmé'} : ${booking.kind}, ${frenchDay(booking.day)} entre ${frenchTime(booking.windowStart)} et ${frenchTime(booking.windowEnd)}`;
  return { subject, text: `${paragraphs.join('\n\n')}\n`, html: html(paragraphs), summary };
}

export function technicianDayMail(input: { technicianName: string; day: string; visits: readonly DayVisit[]; company: { name: string } }): { subject: string; text: string; html: string } {
  const lines = input.visits.map(
    (v, i) => `${i + 1}. ${frenchTime(v.windowStart)}–${frenchTime(v.windowEnd)} · ${v.kind} (${frenchDuration(v.durationMin)})${v.customer ? ` · ${v.customer}` : ''}\n   ${v.address}`,
  );
  const paragraphs = [
    `Bonjour ${input.technicianName},`,
    input.visits.length === 0 ? `Plus aucune visite prévue le ${frenchDay(input.day)}.` : `Votre journée du ${frenchDay(input.day)}, par fenêtre d’arrivée :`,
    ...(lines.length > 0 ? [lines.join('\n')] : []),
    input.company.name ? `— ${input.company.name}` : '— Accueil',
  ];
  const count = input.visits.length;
  return {
    subject: `Votre journée du ${frenchDay(input.day)} : ${count} ${count === 1 ? 'visite' : 'visites'}`,
    text: `${paragraphs.join('\n\n')}\n`,
    html: html(paragraphs),
  };
}
