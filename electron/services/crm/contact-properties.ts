/**
 * Contact properties other areas keep in HubSpot (the satisfaction area's last score and NPS
 * category today). An area registers the properties it owns and how to read a contact's values;
 * the contact's push carries them, read at send time like the rest of the contact, and each
 * property is created in HubSpot once when it is missing (like accueil_id).
 */
export interface ContactPropertySpec {
  name: string;
  label: string;
  description: string;
  type: 'string' | 'number' | 'enumeration';
  fieldType: 'text' | 'number' | 'select';
  options?: ReadonlyArray<{ label: string; value: string }>;
}

export interface ContactPropertyProvider {
  properties: readonly ContactPropertySpec[];
  /** This contact's values ('' clears one); properties without a value are left as HubSpot has them. */
  valuesFor(contactId: string): Record<string, string>;
}

export class ContactProperties {
  private readonly providers: ContactPropertyProvider[] = [];

  register(provider: ContactPropertyProvider): void {
    this.providers.push(provider);
  }

  specs(): ContactPropertySpec[] {
    return this.providers.flatMap((p) => p.properties);
  }

  valuesFor(contactId: string): Record<string, string> {
    const values: Record<string, string> = {};
    for (const provider of this.providers) Object.assign(values, provider.valuesFor(contactId));
    return values;
  }
}
