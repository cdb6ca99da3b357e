/**
 * Whose record a history line, a ticket or a devis belongs to. Lines about a contact who works for a
 * company carry both ids, so the company's card shows what its people said and did.
 */
export type RecordOwner = { kind: 'contact'; id: string } | { kind: 'company'; id: string };

export type OwnerColumn = 'contact_id' | 'company_id';

export function ownerColumn(owner: RecordOwner): OwnerColumn {
  return owner.kind === 'contact' ? 'contact_id' : 'company_id';
}

/** Current time as stored: ISO-8601 UTC. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
