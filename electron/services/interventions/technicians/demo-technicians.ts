/**
 * The demo's technicians: the names its visits carry (demo/french-data.ts), each based where the
 * demo's customers are, with the skills of a heating and plumbing firm, a week of hours and a few
 * days off around the demo's « today ». Seeded once, in the demo workspace only.
 */
import { addDays } from '../../shared/paris-time';
import type { TechnicianWrite, TechniciansRepository } from './technicians-repository';
import type { Skill } from '../../../contract/booking-calls';

const WEEK = [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '08:00', end: '17:30' }));

const DEMO: ReadonlyArray<{ id: string; name: string; skills: Skill[]; start: string; hours?: TechnicianWrite['hours']; away?: [number, number] }> = [
  { id: 'demo-tech-karim', name: 'Karim Bensaïd', skills: ['chaudiere_gaz', 'chaudiere_fioul', 'ramonage'], start: 'Zone d’activités, 35510 Cesson-Sévigné' },
  { id: 'demo-tech-julien', name: 'Julien Moreau', skills: ['pompe_a_chaleur', 'electricite', 'climatisation'], start: '35000 Rennes', away: [3, 4] },
  { id: 'demo-tech-kevin', name: 'Kévin Le Floch', skills: ['plomberie', 'chaudiere_gaz'], start: '35400 Saint-Malo', hours: [0, 1, 3, 4].map((weekday) => ({ weekday, start: '08:00', end: '17:30' })) },
  { id: 'demo-tech-sebastien', name: 'Sébastien Durand', skills: ['chaudiere_gaz', 'plomberie'], start: '69003 Lyon' },
  { id: 'demo-tech-anthony', name: 'Anthony Ferreira', skills: ['pompe_a_chaleur', 'climatisation', 'electricite'], start: '69100 Villeurbanne' },
  { id: 'demo-tech-loic', name: 'Loïc Tanguy', skills: ['chaudiere_gaz', 'chaudiere_fioul', 'plomberie'], start: '75011 Paris' },
  { id: 'demo-tech-mickael', name: 'Mickaël Perrot', skills: ['chaudiere_gaz', 'pompe_a_chaleur', 'plomberie'], start: '33000 Bordeaux' },
  { id: 'demo-tech-dylan', name: 'Dylan Caron', skills: ['chaudiere_gaz', 'plomberie', 'electricite'], start: '59000 Lille', hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:30' })) },
];

/** Seeds the demo's technicians when there are none; returns how many. */
export function seedDemoTechnicians(technicians: TechniciansRepository, today: string): number {
  if (technicians.list().length > 0) return 0;
  for (const t of DEMO) {
    technicians.save({
      id: t.id,
      name: t.name,
      userId: null,
      hubspotOwnerId: null,
      email: null,
      skills: t.skills,
      hours: t.hours ?? WEEK,
      absences: t.away ? [{ from: addDays(today, t.away[0]), to: addDays(today, t.away[1]), reason: 'Congés' }] : [],
      startAddress: t.start,
      endAddress: '',
      active: true,
    });
  }
  return DEMO.length;
}
