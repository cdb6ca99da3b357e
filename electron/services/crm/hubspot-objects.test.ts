import { describe, expect, it } from 'vitest';
import { MIRROR_TABLE, PUSHED_KIND } from '../store/crm-mirror-repository';
import { NotYet } from '../jobs/job-queue';
import { ACCUEIL_ID, HUBSPOT_OBJECTS, PUSHED_OBJECT, associationTypeId, type PayloadSources } from './hubspot-objects';

const sources = (over: Partial<PayloadSources> = {}): PayloadSources => ({
  phonesOf: () => [],
  ticketStage: () => ({ pipelineId: '0', stageId: '1' }),
  callDisposition: async (label) => (label === 'Connected' ? 'f240bbac-87c9-4f6e-bf70-924b57d47db7' : null),
  contactExtras: () => ({}),
  ...over,
});

describe('HubSpot objects', () => {
  it('describes every mirrored type once, in the order of the initial sync, with its local table', () => {
    expect(HUBSPOT_OBJECTS.map((o) => o.type)).toEqual(['companies', 'contacts', 'tickets', 'deals', 'calls', 'notes', 'emails', 'meetings', 'tasks']);
    for (const o of HUBSPOT_OBJECTS) expect(o.table, o.type).toBe(MIRROR_TABLE[o.type]);
  });

  it('pushes the seven kinds the store knows as pushed, each link with its association type', () => {
    const pushed = HUBSPOT_OBJECTS.filter((o) => o.push);
    expect(Object.fromEntries(pushed.map((o) => [o.type, o.push!.kind]))).toEqual(PUSHED_KIND);
    for (const o of Object.values(PUSHED_OBJECT)) {
      for (const to of o.links) expect(associationTypeId(o, to), `${o.type}→${to}`).not.toBeNull();
      expect(Object.keys(o.push.associationTypeIds).sort()).toEqual([...o.links].sort());
      // What a resend must find: upserted types read accueil_id back, engagements are searched by it.
      expect(o.properties).toContain(ACCUEIL_ID);
    }
    expect(Object.values(PUSHED_OBJECT).filter((o) => o.push.identity === 'upsert').map((o) => o.type)).toEqual(['companies', 'contacts', 'tickets']);
  });

  it('sends a visit marked done as its meeting’s COMPLETED outcome, with the technician’s words', async () => {
    const row = { id: 'iv-1', kind: 'Entretien chaudière', status: 'terminee', scheduled_at: '2026-11-24T08:00:00.000Z', report: 'Brûleur nettoyé' };
    expect(await PUSHED_OBJECT.meeting.push.payload(row, sources())).toEqual({
      [ACCUEIL_ID]: 'iv-1',
      hs_timestamp: '2026-11-24T08:00:00.000Z',
      hs_meeting_start_time: '2026-11-24T08:00:00.000Z',
      hs_meeting_title: 'Entretien chaudière',
      hs_meeting_outcome: 'COMPLETED',
      hs_meeting_body: 'Brûleur nettoyé',
    });
    expect((await PUSHED_OBJECT.meeting.push.payload({ ...row, status: 'annulee', report: null }, sources()))['hs_meeting_outcome']).toBe('CANCELED');
  });

  it('builds a contact from its row and its numbers, the mobile apart', async () => {
    const phones = sources({ phonesOf: () => [{ e164: '+33299112233', raw: '02 99 11 22 33', kind: 'fixe' }, { e164: null, raw: '06 11', kind: 'mobile' }] });
    const row = { id: 'ct-1', first_name: 'Lucie', last_name: 'Marchand', email: null, role: 'Gérante', city: 'Rennes' };
    expect(await PUSHED_OBJECT.contact.push.payload(row, phones)).toEqual({
      [ACCUEIL_ID]: 'ct-1',
      firstname: 'Lucie',
      lastname: 'Marchand',
      jobtitle: 'Gérante',
      city: 'Rennes',
      mobilephone: '06 11',
      phone: '+33299112233',
    });
  });

  it('waits for a call to end, then sends it with the portal’s disposition', async () => {
    const call = { id: 'call-1', state: 'answered', direction: 'inbound', ring_at: '2026-03-02T09:00:00.000Z', from_raw: '0612345678', to_raw: '201' };
    await expect(PUSHED_OBJECT.call.push.payload(call, sources())).rejects.toBeInstanceOf(NotYet);
    const ended = { ...call, state: 'ended', answer_at: '2026-03-02T09:00:10.000Z', end_at: '2026-03-02T09:02:10.000Z', outcome: 'connecte', from_e164: '+33612345678', body: 'Fuite' };
    expect(await PUSHED_OBJECT.call.push.payload(ended, sources())).toMatchObject({
      hs_call_status: 'COMPLETED',
      hs_call_duration: '120000',
      hs_call_from_number: '+33612345678',
      hs_call_title: 'Appel entrant',
      hs_call_disposition: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
    });
  });

  it('puts a ticket in the stage its status maps to', async () => {
    const row = { id: 'tk-1', subject: 'Panne', status: 'en_attente', priority: 'urgente' };
    const stages: string[] = [];
    const payload = await PUSHED_OBJECT.ticket.push.payload(row, sources({ ticketStage: (status) => (stages.push(status), { pipelineId: '0', stageId: '2' }) }));
    expect(stages).toEqual(['en_attente']);
    expect(payload).toEqual({ [ACCUEIL_ID]: 'tk-1', subject: 'Panne', hs_pipeline: '0', hs_pipeline_stage: '2', hs_ticket_priority: 'URGENT' });
  });
});
