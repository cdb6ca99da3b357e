import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServiceError } from '../../contract/envelope';
import { EncryptedFileSecretStore, FileSecretStore } from './secret-store';

let dir: string;
let file: string;
const at = () => new Date('2026-03-02T09:15:00.000Z');
const THREE = { 'sip.password': 'sip-pw', 'hubspot.token': 'pat-eu1-token', 'smtp.password': 'smtp-pw' };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-secrets-'));
  file = path.join(dir, 'secrets.json');
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const nodeError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** readFileSync fails with `code` for the secrets file (`times` times, or always), as an antivirus lock does. */
function failReads(target: string, code: string, times = Infinity) {
  const real = fs.readFileSync;
  let left = times;
  return vi.spyOn(fs, 'readFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, options?: unknown) => {
    if (p === target && left-- > 0) throw nodeError(code);
    return (real as (p: fs.PathOrFileDescriptor, o?: unknown) => unknown)(p, options);
  }) as typeof fs.readFileSync);
}

function withThreeSecrets(store = new FileSecretStore(dir, at)) {
  for (const [name, value] of Object.entries(THREE)) store.set(name as keyof typeof THREE, value);
  return store;
}

describe('FileSecretStore', () => {
  it('keeps each secret beside the others, in an owner-only file', () => {
    const store = withThreeSecrets();
    store.set('smtp.password', 'nouveau');
    store.set('hubspot.token', null);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ 'sip.password': 'sip-pw', 'smtp.password': 'nouveau' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(new FileSecretStore(dir).get('sip.password')).toBe('sip-pw');
  });

  it('writes nothing when the file cannot be read (EBUSY), and says so in French: the other secrets stay', () => {
    const store = withThreeSecrets();
    const before = fs.readFileSync(file, 'utf8');
    failReads(file, 'EBUSY');
    expect(() => store.set('smtp.password', 'nouveau')).toThrow(ServiceError);
    expect(() => store.set('smtp.password', 'nouveau')).toThrow(/Fichier des secrets illisible \(EBUSY\).*Rien n’a été modifié/);
    expect(() => store.get('sip.password')).toThrow(/illisible \(EBUSY\)/);
    vi.restoreAllMocks();
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(new FileSecretStore(dir).get('hubspot.token')).toBe('pat-eu1-token');
  });

  it('gets through a short lock (two failed reads, then the file is free) without losing anything', () => {
    const store = withThreeSecrets();
    failReads(file, 'EBUSY', 2);
    store.set('smtp.password', 'nouveau');
    vi.restoreAllMocks();
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ ...THREE, 'smtp.password': 'nouveau' });
  });

  it('moves a torn or corrupt file aside instead of overwriting it, tells where, then starts empty', () => {
    const torn = '{\n  "sip.password": "sip-pw",\n  "hubspot.tok';
    fs.writeFileSync(file, torn, { mode: 0o600 });
    const store = new FileSecretStore(dir, at);
    const aside = `${file}.illisible-2026-03-02T09-15-00-000Z`;
    expect(() => store.set('smtp.password', 'nouveau')).toThrow(new RegExp(`abîmé.*${path.basename(aside)}.*rien n’est effacé`));
    expect(fs.readFileSync(aside, 'utf8')).toBe(torn);
    expect(fs.existsSync(file)).toBe(false);
    store.set('smtp.password', 'nouveau');
    expect(store.get('smtp.password')).toBe('nouveau');
    expect(fs.readFileSync(aside, 'utf8')).toBe(torn);
  });

  it('treats JSON that is not an object (null, a list, empty) as corrupt, never as "no secrets"', () => {
    for (const [n, content] of ['null', '["x"]', ''].entries()) {
      fs.writeFileSync(file, content);
      const store = new FileSecretStore(dir, () => new Date(Date.UTC(2026, 0, 1, 0, 0, n)));
      expect(() => store.get('sip.password'), content).toThrow(/abîmé/);
      expect(fs.readdirSync(dir).filter((f) => f.includes('.illisible-'))).toHaveLength(n + 1);
    }
  });

  it('writes through an fsynced temporary file, renames it, then fsyncs the folder', () => {
    const store = withThreeSecrets();
    const steps: string[] = [];
    const fds = new Map<number, string>();
    const realOpen = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
      const fd = (realOpen as (p: fs.PathLike, ...r: unknown[]) => number)(p, ...rest);
      fds.set(fd, String(p) === dir ? 'folder' : path.basename(String(p)).endsWith('.tmp') ? 'temp' : String(p));
      return fd;
    }) as typeof fs.openSync);
    const realFsync = fs.fsyncSync;
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      steps.push(`fsync ${fds.get(fd as number)}`);
      realFsync(fd);
    });
    const realRename = fs.renameSync;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      steps.push(`rename ${path.basename(String(from)).endsWith('.tmp') ? 'temp' : String(from)} → ${path.basename(String(to))}`);
      realRename(from, to);
    });
    store.set('smtp.password', 'nouveau');
    expect(steps).toEqual(['fsync temp', 'rename temp → secrets.json', 'fsync folder']);
  });

  it('keeps the old file and leaves no temporary file when the rename fails (EPERM held by an antivirus)', () => {
    const store = withThreeSecrets();
    const before = fs.readFileSync(file, 'utf8');
    vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw nodeError('EPERM');
    });
    expect(() => store.set('smtp.password', 'nouveau')).toThrow(/Enregistrement du secret impossible \(EPERM\).*Le fichier précédent est intact/);
    vi.restoreAllMocks();
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['secrets.json']);
  });
});

describe('EncryptedFileSecretStore', () => {
  const cipher = {
    encrypt: (plain: string) => Buffer.from([...plain].reverse().join(''), 'utf8'),
    decrypt: (data: Buffer) => [...data.toString('utf8')].reverse().join(''),
  };

  it('keeps the other secrets when the file cannot be read, and moves a corrupt one aside', () => {
    const store = withThreeSecrets(new EncryptedFileSecretStore(dir, cipher, at) as unknown as FileSecretStore);
    const encrypted = path.join(dir, 'secrets.enc.json');
    const before = fs.readFileSync(encrypted, 'utf8');
    failReads(encrypted, 'EACCES');
    expect(() => store.set('hubspot.token', 'autre')).toThrow(/illisible \(EACCES\)/);
    vi.restoreAllMocks();
    expect(fs.readFileSync(encrypted, 'utf8')).toBe(before);
    expect(store.get('sip.password')).toBe('sip-pw');

    fs.writeFileSync(encrypted, '{"sip.password": "dr');
    expect(() => store.get('sip.password')).toThrow(/abîmé/);
    expect(fs.readFileSync(`${encrypted}.illisible-2026-03-02T09-15-00-000Z`, 'utf8')).toBe('{"sip.password": "dr');
  });
});
