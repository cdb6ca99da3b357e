/**
 * Where passwords and tokens live. The desktop app plugs in an implementation backed by Electron's
 * safeStorage (DPAPI on Windows); web mode and the CLI use a file in the data directory that only
 * its owner may read. Either way the value never appears in settings.json or in a log line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../contract/envelope';
import { errorCode, readFileIfPresent, writeFileAtomic } from '../shared/atomic-file';

/**
 * `links.signing-keys` and `forms.csrf-key`: the company server's public surface (signed links in
 * e-mails and SMS, its forms' CSRF tokens); see services/shared/signed-links.ts.
 */
export type SecretName =
  | 'sip.password'
  | 'hubspot.token'
  | 'smtp.password'
  | 'links.signing-keys'
  | 'forms.csrf-key'
  /** The desktop app's session on the company server (remote/remote-area.ts). */
  | 'company-server.session'
  /** An agent's line on the company server (`accueil users set-sip-password`). */
  | `sip.password.${string}`;

export interface SecretStore {
  get(name: SecretName): string | null;
  set(name: SecretName, value: string | null): void;
}

/**
 * The secrets file as one JSON object. The one rule: never write after a read that failed, because
 * the write replaces the whole file and every other secret in it would be lost.
 *
 *   missing file            no secrets yet
 *   cannot be read          (antivirus lock, rights) the call fails with the reason; nothing written
 *   not a JSON object       (torn write, hand edit) moved aside under `<name>.illisible-<date>`, never
 *                           overwritten; the call fails once, saying where it is, then starts empty
 */
export class SecretFile {
  constructor(
    readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  read(): Record<string, unknown> {
    let text: string | null;
    try {
      text = readFileIfPresent(this.file);
    } catch (error) {
      const code = errorCode(error);
      throw new ServiceError(
        'unavailable',
        code !== null ? { reason: 'secrets.file_unreadable', params: { code, file: this.file } } : { reason: 'secrets.file_unreadable_uncoded', params: { file: this.file } },
      );
    }
    if (text === null) return {};
    const parsed = parseObject(text);
    if (parsed) return parsed;
    const aside = this.setAside();
    throw new ServiceError('unavailable', { reason: 'secrets.file_damaged', params: { aside } });
  }

  write(all: Record<string, unknown>): void {
    try {
      writeFileAtomic(this.file, JSON.stringify(all, null, 2), 0o600);
    } catch (error) {
      const code = errorCode(error);
      throw new ServiceError(
        'unavailable',
        code !== null ? { reason: 'secrets.write_failed', params: { code, file: this.file } } : { reason: 'secrets.write_failed_uncoded', params: { file: this.file } },
      );
    }
  }

  /** Changes one entry: read (which must succeed), change, write back everything else as it was. */
  update(change: (all: Record<string, unknown>) => void): void {
    const all = this.read();
    change(all);
    this.write(all);
  }

  private setAside(): string {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    let aside = `${this.file}.illisible-${stamp}`;
    for (let n = 2; fs.existsSync(aside); n++) aside = `${this.file}.illisible-${stamp}-${n}`;
    try {
      fs.renameSync(this.file, aside);
    } catch (error) {
      const code = errorCode(error);
      throw new ServiceError(
        'unavailable',
        code !== null ? { reason: 'secrets.damaged_not_moved', params: { code, file: this.file } } : { reason: 'secrets.damaged_not_moved_uncoded', params: { file: this.file } },
      );
    }
    return aside;
  }
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Plain JSON file with mode 0600 in the data directory (web mode, CLI). */
export class FileSecretStore implements SecretStore {
  private readonly file: SecretFile;
  constructor(dataDir: string, now?: () => Date) {
    this.file = new SecretFile(path.join(dataDir, 'secrets.json'), now);
  }

  get(name: SecretName): string | null {
    const value = this.file.read()[name];
    return typeof value === 'string' && value.length > 0 ? value : null;
  }

  set(name: SecretName, value: string | null): void {
    this.file.update((all) => {
      if (value === null || value === '') delete all[name];
      else all[name] = value;
    });
  }
}

/** Encrypts with a pair of functions supplied by the host (Electron's safeStorage). */
export class EncryptedFileSecretStore implements SecretStore {
  private readonly file: SecretFile;
  constructor(
    dataDir: string,
    private readonly cipher: { encrypt(plain: string): Buffer; decrypt(data: Buffer): string },
    now?: () => Date,
  ) {
    this.file = new SecretFile(path.join(dataDir, 'secrets.enc.json'), now);
  }

  get(name: SecretName): string | null {
    const value = this.file.read()[name];
    if (typeof value !== 'string' || value === '') return null;
    try {
      return this.cipher.decrypt(Buffer.from(value, 'base64'));
    } catch {
      // Encrypted on another Windows account or machine: treat as absent, IT re-enters it.
      return null;
    }
  }

  set(name: SecretName, value: string | null): void {
    // Encrypted before the file is read, so a failing cipher cannot leave a half-done change.
    const sealed = value === null || value === '' ? null : this.cipher.encrypt(value).toString('base64');
    this.file.update((all) => {
      if (sealed === null) delete all[name];
      else all[name] = sealed;
    });
  }
}
