/** Secrets kept in memory, for tests that hand the sync a token without a secrets file. */
import type { SecretName, SecretStore } from '../../electron/services/settings/secret-store';

export class MemorySecrets implements SecretStore {
  private readonly values = new Map<SecretName, string>();
  get(name: SecretName) {
    return this.values.get(name) ?? null;
  }
  set(name: SecretName, value: string | null) {
    if (value) this.values.set(name, value);
    else this.values.delete(name);
  }
}
