/**
 * Known records of every demo workspace, whatever the seed and size, so tests and demos elsewhere can
 * dial a number and know who must pop:
 *
 *   mobileContact       06 12 34 56 78 → François Lefèvre (Rennes). His card suggests a relance de
 *                       devis (devis sent 8 days before `now`) and a confirmation de RDV (entretien
 *                       the day after `now`).
 *   switchboardCompany  04 78 12 34 56 → Syndic Saint-Éloi Gestion, ONE company match (3 contacts;
 *                       Mamadou N'Diaye also carries the switchboard, as a CRM import would).
 *   sharedLandline      02 99 87 65 43 → Hélène then Jérôme Gauthier (a couple; Hélène called last).
 *   unknownNumber       06 98 76 54 32 → nobody (new caller card).
 *   missedYesterday     07 81 23 45 67 → Sophie Martin-Dubois (the syndic's assistant): her call of
 *                       yesterday 16:20 (Paris) was missed and never returned — on the callback list, to do.
 *   withheld / extension: 'anonymous' → masqué, '201' → internal; neither matches.
 *
 *   const store = openStore(':memory:'); generateDemoWorkspace(store);
 *   const { mobileContact } = demoFixtures(store);   // throws if the workspace is not a demo one
 *   directory.buildPop(mobileContact.sipUri).card?.contact?.id === mobileContact.contactId
 */
import type { AccueilStore } from '../store';

export const DEMO_FIXTURES = {
  mobileContact: {
    contactId: 'demo-contact-francois-lefevre',
    name: 'François Lefèvre',
    dial: '06 12 34 56 78',
    e164: '+33612345678',
    sipUri: 'sip:+33612345678@pbx.demo.invalid;user=phone',
  },
  switchboardCompany: {
    companyId: 'demo-company-syndic-saint-eloi',
    name: 'Syndic Saint-Éloi Gestion',
    dial: '04 78 12 34 56',
    e164: '+33478123456',
    contactIds: ['demo-contact-nathalie-rousseau', 'demo-contact-mamadou-ndiaye', 'demo-contact-sophie-martin-dubois'],
    /** Mamadou N'Diaye's direct line: pops him, not the company. */
    directLine: { contactId: 'demo-contact-mamadou-ndiaye', dial: '04 78 12 34 99', e164: '+33478123499' },
  },
  sharedLandline: {
    dial: '02 99 87 65 43',
    e164: '+33299876543',
    /** In the order the pop ranks them (Hélène was in touch last). */
    contactIds: ['demo-contact-helene-gauthier', 'demo-contact-jerome-gauthier'],
  },
  unknownNumber: { dial: '06 98 76 54 32', e164: '+33698765432' },
  /** A customer slipping away: annual services until two years ago, nothing since (« Risque de départ : élevé »). */
  slippingCustomer: { companyId: 'demo-company-boulangerie-le-fournil', name: 'Boulangerie Le Fournil', dial: '02 99 75 12 40', e164: '+33299751240' },
  missedYesterday: {
    contactId: 'demo-contact-sophie-martin-dubois',
    name: 'Sophie Martin-Dubois',
    dial: '07 81 23 45 67',
    e164: '+33781234567',
  },
  withheld: 'anonymous',
  extension: '201',
} as const;

export type DemoFixtures = typeof DEMO_FIXTURES;

/** The fixtures, after checking that `store` holds a demo workspace. */
export function demoFixtures(store: AccueilStore): DemoFixtures {
  if (!store.contacts.get(DEMO_FIXTURES.mobileContact.contactId) || !store.companies.get(DEMO_FIXTURES.switchboardCompany.companyId)) {
    throw new Error("Cette base n'est pas un espace de démonstration : créez-le avec generateDemoWorkspace().");
  }
  return DEMO_FIXTURES;
}
