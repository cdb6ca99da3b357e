import { openStore } from '../store';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './default-templates';
import { TemplateLibrary, foldForSearch } from './template-library';

function library() {
  const store = openStore(':memory:');
  const lib = new TemplateLibrary(store);
  return { store, lib };
}

describe('default templates', () => {
  it('ships at least 25 French templates with the purposes the pop suggests', () => {
    expect(DEFAULT_TEMPLATES.length).toBeGreaterThanOrEqual(25);
    const categories = new Set(DEFAULT_TEMPLATES.map((t) => t.category));
    for (const purpose of ['confirmation_rdv', 'relance_devis_j7', 'relance_devis_j15', 'compte_rendu', 'retard_technicien', 'pieces_commande', 'demande_avis', 'facture']) {
      expect(categories.has(purpose), purpose).toBe(true);
    }
  });
});

describe('TemplateLibrary.seedDefaults', () => {
  it('seeds the defaults into an empty workspace once', () => {
    const { lib } = library();
    expect(lib.seedDefaults()).toBe(DEFAULT_TEMPLATES.length);
    expect(lib.seedDefaults()).toBe(0);
    expect(lib.list()).toHaveLength(DEFAULT_TEMPLATES.length);
  });

  it('never overwrites Claire’s edit and never brings back a default she deleted', () => {
    const { lib } = library();
    lib.seedDefaults();
    const edited = lib.save({ id: 'tpl-facture', name: 'Facture (ma version)', category: 'facture', subject: 'Votre facture', body: 'Texte de Claire' });
    lib.delete('tpl-demande-avis');
    lib.seedDefaults();
    expect(lib.get('tpl-facture')).toEqual(edited);
    expect(lib.list().some((t) => t.id === 'tpl-demande-avis')).toBe(false);
  });

  it('adds a default that a later version ships, after the existing ones', () => {
    const { lib } = library();
    lib.seedDefaults();
    const added = { id: 'tpl-nouveau', name: 'Nouveau', category: 'information', subject: 'Nouveau', body: 'Bonjour' };
    expect(lib.seedDefaults([...DEFAULT_TEMPLATES, added])).toBe(1);
    expect(lib.list().at(-1)?.id).toBe('tpl-nouveau');
  });

  it('keeps the templates a demo workspace wrote before (same ids): nothing duplicated', () => {
    const { store, lib } = library();
    store.templates.upsert({ ...DEFAULT_TEMPLATES[0]!, body: 'version démo modifiée', position: 0 });
    lib.seedDefaults();
    expect(lib.get(DEFAULT_TEMPLATES[0]!.id).body).toBe('version démo modifiée');
    expect(lib.list()).toHaveLength(DEFAULT_TEMPLATES.length);
  });
});

describe('TemplateLibrary search and editing', () => {
  it('searches without accents or case, every word, name matches first', () => {
    const { lib } = library();
    lib.seedDefaults();
    expect(lib.list({ query: 'DEPLACE' }).map((t) => t.id)).toContain('tpl-report-rdv');
    expect(lib.list({ query: 'pieces' }).map((t) => t.id).slice(0, 2).sort()).toEqual(['tpl-pieces-commande', 'tpl-pieces-recues']);
    expect(lib.list({ query: 'relance devis' }).map((t) => t.id).slice(0, 2)).toEqual(['tpl-relance-devis-j7', 'tpl-relance-devis-j15']);
    expect(lib.list({ query: 'zzz introuvable' })).toEqual([]);
    expect(lib.list({ category: 'chantier' }).map((t) => t.id).sort()).toEqual(['tpl-acces-chantier', 'tpl-fin-chantier']);
  });

  it('folds œ, apostrophes and hyphens for search', () => {
    expect(foldForSearch('Cœur d’Été-Noël')).toBe('coeur d ete noel');
  });

  it('creates a template in a new category, then edits it in place', () => {
    const { lib } = library();
    lib.seedDefaults();
    const created = lib.save({ name: '  Ramonage  ', category: 'ramonage', subject: 'Ramonage de votre conduit', body: 'Bonjour {{contact.prenom}},\r\nà bientôt' });
    expect(created).toMatchObject({ name: 'Ramonage', category: 'ramonage', body: 'Bonjour {{contact.prenom}},\nà bientôt' });
    expect(lib.list().at(-1)?.id).toBe(created.id);
    const edited = lib.save({ ...created, subject: 'Ramonage annuel' });
    expect(lib.get(created.id).subject).toBe('Ramonage annuel');
    expect(edited.id).toBe(created.id);
    expect(lib.list({ query: 'ramonage annuel' })[0]?.id).toBe(created.id);
  });

  it('refuses an unknown field, a multi-line subject and empty parts, in French', () => {
    const { lib } = library();
    const base = { name: 'X', category: 'autre', subject: 'Objet', body: 'Texte' };
    expect(() => lib.save({ ...base, body: 'Bonjour {{contact.prenon}}' })).toThrow(/Champ inconnu : \{\{contact\.prenon\}\}/);
    expect(() => lib.save({ ...base, subject: 'Objet\r\nBcc: x@evil.test' })).toThrow(/une seule ligne/);
    expect(() => lib.save({ ...base, name: ' ' })).toThrow(/nom/);
    expect(() => lib.save({ ...base, id: 'absent' })).toThrow(/introuvable/);
    expect(() => lib.delete('absent')).toThrow(/introuvable/);
  });
});

describe('templates for SMS and WhatsApp', () => {
  it('keeps an SMS template without a subject, and lists by channel', () => {
    const { lib } = library();
    const sms = lib.save({ name: 'SMS : en route', category: 'retard_technicien', subject: 'ignoré', body: 'Bonjour {{contact.prenom}}, {{intervention.technicien}} arrive.', channel: 'sms' });
    expect(sms).toMatchObject({ channel: 'sms', subject: '', whatsapp: null });
    expect(lib.list({ channel: 'sms' }).map((t) => t.id)).toEqual([sms.id]);
    expect(lib.list({ channel: 'email' }).some((t) => t.id === sms.id)).toBe(false);
    expect(lib.get(sms.id)).toEqual(sms);
  });

  it('binds a WhatsApp template to the approved one it sends, and refuses a parameter left unmapped', () => {
    const { lib } = library();
    const base = { name: 'Rappel WhatsApp', category: 'confirmation_rdv', subject: '', channel: 'whatsapp' as const };
    expect(() => lib.save({ ...base, body: 'Rendez-vous du {{intervention.date}}.' })).toThrow(/modèle approuvé par WhatsApp/);
    expect(() => lib.save({ ...base, body: 'Rendez-vous du {{intervention.date}} à {{2}}.', whatsapp: { name: 'rappel_rdv', language: 'fr' } })).toThrow('Remplacez {{2}} par le champ qui le remplit');
    expect(() => lib.save({ ...base, body: 'x', whatsapp: { name: 'Rappel RDV', language: 'fr' } })).toThrow(/modèle approuvé/);
    const saved = lib.save({ ...base, body: 'Rendez-vous du {{intervention.date}} à {{intervention.heure}}.', whatsapp: { name: 'rappel_rdv', language: 'fr' } });
    expect(lib.get(saved.id)).toMatchObject({ channel: 'whatsapp', whatsapp: { name: 'rappel_rdv', language: 'fr' } });
    // Back to e-mail: the binding goes, a subject is needed again.
    expect(() => lib.save({ ...base, id: saved.id, channel: 'email', body: 'x' })).toThrow(/objet/i);
  });

  it('seeds the default SMS templates, short and in the GSM-7 alphabet once merged with the examples', async () => {
    const { DEFAULT_SMS_TEMPLATES } = await import('./default-templates');
    const { countSms } = await import('../../contract/sms-segments');
    const { MERGE_FIELDS } = await import('../shared/merge-fields');
    const { lib } = library();
    expect(lib.seedDefaults(DEFAULT_SMS_TEMPLATES)).toBe(DEFAULT_SMS_TEMPLATES.length);
    expect(lib.list({ channel: 'sms' })).toHaveLength(DEFAULT_SMS_TEMPLATES.length);
    const examples = new Map(MERGE_FIELDS.map((f) => [f.key, f.example]));
    for (const t of DEFAULT_SMS_TEMPLATES) {
      // The fields' examples carry « François », « Lefèvre »: the template's own words must not force UCS-2.
      const text = t.body.replace(/\{\{([^}]+)\}\}/g, (_, key: string) => (examples.get(key) ?? '').normalize('NFD').replace(/\p{M}/gu, ''));
      expect(countSms(text), t.id).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    }
  });
});
