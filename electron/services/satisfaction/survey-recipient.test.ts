import { describe, expect, it } from 'vitest';
import { chooseRecipient, isSharedMailbox } from './survey-recipient';

describe('who a survey goes to', () => {
  it('knows a shared mailbox from a person', () => {
    for (const address of ['contact@plomberie.fr', 'Accueil@mairie.fr', 'comptabilité@syndic.fr', 'info2@x.fr', 'secretariat@x.fr', 'ne-pas-repondre@x.fr'])
      expect(isSharedMailbox(address), address).toBe(true);
    for (const address of ['m.ndiaye@syndic.fr', 'francois.lefevre@example.fr', 'contact.durand@x.fr']) expect(isSharedMailbox(address), address).toBe(false);
  });

  it('asks the person, never the company’s shared mailbox when a person is known', () => {
    expect(chooseRecipient({ id: 'c1', email: 'f.lefevre@example.fr' }, [])).toEqual({ contactId: 'c1', email: 'f.lefevre@example.fr' });
    expect(chooseRecipient({ id: 'c1', email: 'accueil@syndic.fr' }, [{ id: 'c2', email: 'n.rousseau@syndic.fr' }])).toEqual({ contactId: 'c2', email: 'n.rousseau@syndic.fr' });
  });

  it('falls back on the shared mailbox only when nobody else is known, and on nobody without an address', () => {
    expect(chooseRecipient({ id: 'c1', email: 'contact@boulangerie.fr' }, [])).toEqual({ contactId: 'c1', email: 'contact@boulangerie.fr' });
    expect(chooseRecipient({ id: 'c1', email: null }, [])).toBeNull();
    expect(chooseRecipient({ id: 'c1', email: 'pas une adresse' }, [])).toBeNull();
    expect(chooseRecipient(null, [{ id: 'c2', email: 'info@x.fr' }])).toEqual({ contactId: 'c2', email: 'info@x.fr' });
  });
});
