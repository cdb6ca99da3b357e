/**
 * Where passwords and tokens live. The desktop app plugs in an implementation backed by Electron's
 * safeStorage (DPAPI on Windows); web mode and the CLI use a file in the data directory that only
 * its owner may read. Either way the value never appears in settings.json or in a log line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file';

export type SecretName = 'sip.password' | 'hubspot.token' | 'smtp.password';

export interface SecretStore {
  get(name: SecretName): string | null;
  set(name: SecretName, value: string | null): void;
}

/** Plain JSON file with mode 0600 in the data directory (web mode, CLI). */
export class FileSecretStore implements SecretStore {
  private readonly file: string;
  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'secrets.json');
  }

  private readAll(): Record<string, string> {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  get(name: SecretName): string | null {
    const value = this.readAll()[name];
    return typeof value === 'string' && value.length > 0 ? value : null;
  }

  set(name: SecretName, value: string | null): void {
    const all = this.readAll();
    if (value === null || value === '') delete all[name];
    else all[name] = value;
    writeFileAtomic(this.file, JSON.stringify(all, null, 2), 0o600);
  }
}

/** Encrypts with a pair of functions supplied by the host (Electron's safeStorage). */
export class EncryptedFileSecretStore implements SecretStore {
  private readonly file: string;
  constructor(
    dataDir: string,
    private readonly cipher: { encrypt(plain: string): Buffer; decrypt(data: Buffer): string },
  ) {
    this.file = path.join(dataDir, 'secrets.enc.json');
  }

  private readAll(): Record<string, string> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  get(name: SecretName): string | null {
    const value = this.readAll()[name];
    if (!value) return null;
    try {
      return this.cipher.decrypt(Buffer.from(value, 'base64'));
    } catch {
      // Encrypted on another Windows account or machine: treat as absent, IT re-enters it.
      return null;
    }
  }

  set(name: SecretName, value: string | null): void {
    const all = this.readAll();
    if (value === null || value === '') delete all[name];
    else all[name] = this.cipher.encrypt(value).toString('base64');
    writeFileAtomic(this.file, JSON.stringify(all, null, 2), 0o600);
  }
}
