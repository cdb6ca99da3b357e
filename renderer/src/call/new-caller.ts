/**
 * The "new caller" card's two actions: quick-create a contact for the number, or attach the number
 * to an existing customer (rival consoles cannot; we can). After either, the pop (or the looked-up
 * number) is identified again so the card shows the customer at once.
 */
import type { CallerNumber, Contact } from '../contract';
import { api } from '../transport/contract-client';
import { useCallStore } from './call-store';
import { useDirectoryStore, type RecordType } from '../directory/directory-store';

export interface NewContactForm {
  firstName: string;
  lastName: string;
  email: string;
  city: string;
  companyId: string | null;
}

export type NewContactField = 'lastName' | 'email';
export type NewContactError = 'newCaller.lastNameRequired' | 'newCaller.emailInvalid';

export function validateNewContact(form: NewContactForm): Partial<Record<NewContactField, NewContactError>> {
  const errors: Partial<Record<NewContactField, NewContactError>> = {};
  if (form.lastName.trim() === '') errors.lastName = 'newCaller.lastNameRequired';
  const email = form.email.trim();
  // The domain's first dot after its first character, found once (`[^\s@]+\.[^\s@]+` retried every dot).
  if (email !== '' && !/^[^\s@]+@[^\s@][^\s@.]*\.[^\s@]+$/.test(email)) errors.email = 'newCaller.emailInvalid';
  return errors;
}

export type AttachKind = 'mobile' | 'fixe' | 'standard' | 'autre';

/** A company gets the number as its switchboard; a contact as mobile or landline by its shape. */
export function defaultAttachKind(number: CallerNumber, target: RecordType): AttachKind {
  if (target === 'company') return 'standard';
  if (number.kind === 'mobile') return 'mobile';
  if (number.kind === 'fixe') return 'fixe';
  return 'autre';
}

/** What to send as the phone: the normalised number when there is one. */
export function phoneToStore(number: CallerNumber): string {
  return number.e164 ?? number.raw;
}

interface Origin {
  /** The live call, when the card is in a pop. */
  liveCallId: string | null;
  /** The call the number came from (live or from the recent list). */
  callId: string | null;
}

async function refreshAfterChange(origin: Origin): Promise<void> {
  if (origin.liveCallId) await useCallStore.getState().reidentify(origin.liveCallId);
  else await useDirectoryStore.getState().reloadNumber();
}

export async function createContactForCaller(origin: Origin, number: CallerNumber, form: NewContactForm): Promise<Contact> {
  const contact = await api().invoke('directory.createContact', {
    firstName: form.firstName.trim(),
    lastName: form.lastName.trim(),
    phone: phoneToStore(number),
    email: form.email.trim() === '' ? null : form.email.trim(),
    city: form.city.trim() === '' ? null : form.city.trim(),
    companyId: form.companyId,
  });
  if (origin.liveCallId) {
    // Attach the ringing call to the new record too, so the journal shows who called. Best effort:
    // the contact exists either way.
    try {
      const result = await api().invoke('calls.chooseMatch', {
        callId: origin.liveCallId,
        contactId: contact.id,
        companyId: contact.companyId,
      });
      useCallStore.getState().updated(result.call);
    } catch {
      /* the pop is refreshed below regardless */
    }
  }
  await refreshAfterChange(origin);
  return contact;
}

export async function attachNumberForCaller(
  origin: Origin,
  number: CallerNumber,
  target: { type: RecordType; id: string },
  kind: AttachKind,
): Promise<void> {
  await api().invoke('directory.attachNumber', {
    number: phoneToStore(number),
    contactId: target.type === 'contact' ? target.id : null,
    companyId: target.type === 'company' ? target.id : null,
    kind,
    ...(origin.callId ? { callId: origin.callId } : {}),
  });
  await refreshAfterChange(origin);
}

/** Search used by the card's pickers (company for quick-create, any record for attach). */
export async function searchRecords(query: string, only: RecordType | null) {
  const hits = await api().invoke('directory.search', { query: query.trim(), limit: 8 });
  return only ? hits.filter((h) => h.type === only) : hits;
}
