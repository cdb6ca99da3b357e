/**
 * A French BTP portal for the stand-in, deterministic for a seed: companies with a switchboard,
 * contacts (phones written as people type them), tickets, deals, and engagements spread over calls,
 * notes, e-mails, meetings and tasks, each associated with its contact and company.
 * The first contact is always François Lefèvre, 06 12 34 56 78 (the demo fixture), so a pop test can
 * dial a number it knows.
 */
import { SeededRandom } from '../../../electron/services/demo/seeded-random';
import { CITIES, FIRST_NAMES, LAST_NAMES, NOTE_BODIES, TICKET_SUBJECTS } from '../../../electron/services/demo/french-data';
import type { StandInState } from './state';

export interface StandInSeed {
  contacts?: number;
  companies?: number;
  engagements?: number;
  tickets?: number;
  deals?: number;
  owners?: number;
  seed?: number;
  /** Modification instant of every seeded record (default: spread over the last 30 days). */
  at?: number;
}

export const FIXTURE_CONTACT = { firstName: 'François', lastName: 'Lefèvre', phone: '06 12 34 56 78', e164: '+33612345678' };

const plainName = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-zA-Z]/g, '').toLowerCase();

export function seedPortal(state: StandInState, seed: StandInSeed): void {
  const random = new SeededRandom(seed.seed ?? 7);
  const contacts = seed.contacts ?? 50;
  const companies = seed.companies ?? Math.max(1, Math.round(contacts / 5));
  const engagements = seed.engagements ?? contacts * 2;
  const tickets = seed.tickets ?? Math.round(contacts / 5);
  const deals = seed.deals ?? Math.round(contacts / 5);
  const base = state.now() - 30 * 86_400_000;
  const at = () => seed.at ?? base + random.int(0, 29 * 86_400_000);
  const fmt = (digits: string) => digits.replace(/(\d{2})(?=\d)/g, '$1 ');

  for (let i = 0; i < (seed.owners ?? 3); i++) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    state.addOwner({ email: `${plainName(first)}.${plainName(last)}@chauffage-martin.fr`, firstName: first, lastName: last });
  }

  const companyIds: string[] = [];
  for (let i = 0; i < companies; i++) {
    const city = random.pick(CITIES);
    const name = `${random.pick(['Syndic', 'SCI', 'Boulangerie', 'Agence', 'Cabinet', 'Hôtel'])} ${random.pick(LAST_NAMES)} ${i + 1}`;
    const record = state.create(
      'companies',
      { name, phone: `${city.zone} ${fmt(random.digits(8))}`, address: `${random.int(1, 120)} rue de la République`, zip: city.postalCode, city: city.name },
      { at: at() },
    );
    companyIds.push(record.id);
  }

  const contactIds: string[] = [];
  const contactCompany: Array<string | null> = [];
  for (let i = 0; i < contacts; i++) {
    const fixture = i === 0;
    const first = fixture ? FIXTURE_CONTACT.firstName : random.pick(FIRST_NAMES);
    const last = fixture ? FIXTURE_CONTACT.lastName : random.pick(LAST_NAMES);
    const city = random.pick(CITIES);
    const mobile = fixture ? FIXTURE_CONTACT.phone : random.chance(0.5) ? `+33 ${random.pick(['6', '7'])} ${fmt(random.digits(8))}` : `0${random.pick(['6', '7'])} ${fmt(random.digits(8))}`;
    const record = state.create(
      'contacts',
      {
        firstname: first,
        lastname: last,
        email: `${plainName(first)}.${plainName(last)}${i}@${random.pick(['orange.fr', 'free.fr', 'gmail.com'])}`,
        mobilephone: mobile,
        phone: random.chance(0.3) ? `${city.zone}.${random.digits(2)}.${random.digits(2)}.${random.digits(2)}.${random.digits(2)}` : undefined,
        city: city.name,
        zip: city.postalCode,
      },
      { at: at() },
    );
    contactIds.push(record.id);
    const company = companyIds.length > 0 && !fixture && random.chance(0.6) ? random.pick(companyIds) : null;
    contactCompany.push(company);
    if (company) state.associate('contacts', record.id, 'companies', company, 1);
  }

  const pipeline = state.pipelines.tickets[0]!;
  for (let i = 0; i < tickets && contactIds.length > 0; i++) {
    const k = random.int(0, contactIds.length - 1);
    const category = random.pick(['depannage', 'demande_devis', 'reclamation', 'facturation'] as const);
    const record = state.create(
      'tickets',
      {
        subject: random.pick(TICKET_SUBJECTS[category]),
        content: random.pick(NOTE_BODIES),
        hs_pipeline: pipeline.id,
        hs_pipeline_stage: random.pick(pipeline.stages).id,
        hs_ticket_priority: random.pick(['LOW', 'MEDIUM', 'HIGH']),
      },
      { at: at() },
    );
    state.associate('tickets', record.id, 'contacts', contactIds[k]!);
    if (contactCompany[k]) state.associate('tickets', record.id, 'companies', contactCompany[k]!);
  }

  for (let i = 0; i < deals && contactIds.length > 0; i++) {
    const k = random.int(0, contactIds.length - 1);
    const record = state.create(
      'deals',
      {
        dealname: random.pick(['Remplacement chaudière gaz', 'Rénovation salle de bains', 'Contrat entretien annuel', 'Pompe à chaleur air/eau']),
        amount: String(random.int(150, 15_000)),
        pipeline: 'default',
        dealstage: random.pick(['appointmentscheduled', 'contractsent', 'closedwon', 'closedlost']),
      },
      { at: at() },
    );
    state.associate('deals', record.id, 'contacts', contactIds[k]!);
    if (contactCompany[k]) state.associate('deals', record.id, 'companies', contactCompany[k]!);
  }

  const kinds = ['calls', 'notes', 'emails', 'meetings', 'tasks'] as const;
  for (let i = 0; i < engagements && contactIds.length > 0; i++) {
    const k = random.int(0, contactIds.length - 1);
    const kind = kinds[i % kinds.length]!;
    const when = new Date(at()).toISOString();
    const properties: Record<string, string | undefined> =
      kind === 'calls'
        ? {
            hs_timestamp: when,
            hs_call_title: 'Appel client',
            hs_call_body: random.pick(NOTE_BODIES),
            hs_call_direction: random.pick(['INBOUND', 'OUTBOUND']),
            hs_call_status: 'COMPLETED',
            hs_call_duration: String(random.int(0, 600) * 1000),
            hs_call_from_number: '+33612345678',
            hs_call_to_number: '+33299000000',
          }
        : kind === 'notes'
          ? { hs_timestamp: when, hs_note_body: `<p>${random.pick(NOTE_BODIES)}</p>` }
          : kind === 'emails'
            ? { hs_timestamp: when, hs_email_direction: random.pick(['EMAIL', 'INCOMING_EMAIL']), hs_email_subject: 'Votre devis', hs_email_text: random.pick(NOTE_BODIES) }
            : kind === 'meetings'
              ? { hs_timestamp: when, hs_meeting_title: 'Entretien chaudière', hs_meeting_start_time: when, hs_meeting_outcome: random.pick(['SCHEDULED', 'COMPLETED']) }
              : { hs_timestamp: when, hs_task_subject: 'Rappeler le client', hs_task_status: random.pick(['NOT_STARTED', 'COMPLETED']) };
    const record = state.create(kind, properties, { at: at() });
    state.associate(kind, record.id, 'contacts', contactIds[k]!);
    if (contactCompany[k]) state.associate(kind, record.id, 'companies', contactCompany[k]!);
  }
}
