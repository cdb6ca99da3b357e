/**
 * Every SMS text Accueil ships, merged with usual (and long-ish) values, as the operator will bill
 * it: GSM-7 (one « ê », « ’ » or « œ » would switch the whole SMS to UCS-2, 70 characters) and one
 * segment — except the survey's, whose signed link alone is ~130 characters: two at most.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countSms } from '../../contract/sms-segments';
import { mergeText } from '../shared/merge-engine';
import { createLinkSigner } from '../shared/signed-links';
import { SURVEY_SMS_TEXT } from '../satisfaction/survey-desk';
import { MemorySecrets } from '../../../test/support/memory-secrets';
import { SHIPPED_RULES } from './shipped-rules';

/** Values as a real customer's file gives them, on the long side. */
const EXAMPLE: Record<string, string> = {
  'societe.nom': 'Durand Chauffage',
  'societe.telephone': '02 99 00 11 22',
  'contact.prenom': 'Anne-Sophie',
  'contact.nom': 'Lefèvre',
  'intervention.technicien': 'Karim Benali',
  'intervention.date': 'mercredi 30 septembre 2026',
  'intervention.heure': '14 h 30',
  'intervention.type': 'entretien chaudière gaz',
};

const merged = (text: string) => {
  const result = mergeText(text, EXAMPLE, 'body');
  expect(result.missing.map((m) => m.key)).toEqual([]);
  return result.text;
};

const shippedSteps = SHIPPED_RULES.flatMap((rule) => rule.steps.flatMap((step) => (step.action.type === 'email' && step.action.smsFallback ? [[`${rule.id}/${step.id}`, step.action.smsFallback] as const] : [])));
const shippedTemplates = (JSON.parse(readFileSync(join(__dirname, '../../../resources/templates/modeles-sms-fr.json'), 'utf8')) as Array<{ id: string; body: string }>).map((t) => [t.id, t.body] as const);

describe('shipped SMS texts', () => {
  it('has texts to check (the reminder the day before and the four SMS templates)', () => {
    expect(shippedSteps.map(([id]) => id)).toContain('rappel-rdv/veille');
    expect(shippedTemplates).toHaveLength(4);
  });

  it.each([...shippedSteps, ...shippedTemplates])('%s is GSM-7 and one SMS with usual values', (_id, text) => {
    const count = countSms(merged(text));
    expect(count.encoding).toBe('GSM-7');
    expect(count.segments).toBe(1);
  });

  it('tells a UCS-2 text apart (the old « Un empêchement ? » would have cost a 70-character SMS)', () => {
    expect(countSms(merged('Rappel {{societe.nom}} : un empêchement ? {{societe.telephone}}')).encoding).toBe('UCS-2');
  });

  it('sends the survey link in GSM-7, two SMS at most', () => {
    const links = createLinkSigner(new MemorySecrets(), { now: () => new Date('2026-11-24T13:00:00Z') });
    const token = links.sign({ purpose: 'survey', subject: '6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f', expiresAt: new Date('2026-12-24T13:00:00Z') });
    const count = countSms(`${merged(SURVEY_SMS_TEXT)} https://accueil.durand-chauffage.fr/avis/${token}`);
    expect(count.encoding).toBe('GSM-7');
    expect(count.segments).toBeLessThanOrEqual(2);
  });
});
