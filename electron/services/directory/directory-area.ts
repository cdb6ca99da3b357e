/**
 * The directory as an area: identify a number, search, the cards, and the two ways Claire adds to
 * it from a call (quick-create, attach a number). What she adds goes to the CRM in the same
 * transaction as the local row, so what is later linked to it can be associated there.
 */
import type { AreaModule } from '../area';

export const directoryArea: AreaModule = {
  name: 'directory',
  order: 700,
  create({ workspace, events, port }) {
    const { store, directory } = workspace;
    const crmOutbox = port('crmOutbox');
    const journal = port('journal');
    const relinkLoggedCall = port('relinkLoggedCall');
    return {
      handlers: {
        'directory.identify': ({ number }) => directory.buildPop(number),
        'directory.search': ({ query, limit }) => directory.search(query, limit),
        'directory.searchPage': ({ query, offset, limit }) => directory.searchPage(query, { offset, limit }),
        'directory.contactCard': ({ contactId, historyLimit }) => directory.contactCard(contactId, historyLimit),
        'directory.companyCard': ({ companyId, historyLimit }) => directory.companyCard(companyId, historyLimit),
        'directory.createContact': (input) => {
          // Created from the new-caller card: upserted in the CRM by accueil_id.
          const contact = store.transaction(() => {
            const created = directory.createContact(input);
            crmOutbox.enqueue({ kind: 'contact', localId: created.id, op: 'create' });
            return created;
          });
          events.emit('directory.changed', { contactIds: [contact.id], companyIds: contact.companyId ? [contact.companyId] : [] });
          return contact;
        },
        'directory.attachNumber': ({ number, contactId, companyId, kind, callId }) => {
          // The number reaches the CRM with its owner (the payload lists the owner's phones).
          const result = store.transaction(() => {
            const attached = directory.attachNumber({ number, contactId, companyId, ...(kind ? { kind } : {}) });
            crmOutbox.enqueue(contactId ? { kind: 'contact', localId: contactId, op: 'update' } : { kind: 'company', localId: companyId!, op: 'update' });
            return attached;
          });
          if (callId) {
            const label = result.contact ? `${result.contact.firstName} ${result.contact.lastName}`.trim() : (result.company?.name ?? null);
            journal.attach(callId, { contactId, companyId, label });
            relinkLoggedCall(callId);
          }
          events.emit('directory.changed', { contactIds: contactId ? [contactId] : [], companyIds: companyId ? [companyId] : [] });
          return result;
        },
      },
    };
  },
};
