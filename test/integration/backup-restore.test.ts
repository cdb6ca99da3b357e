/**
 * `accueil backup` and `accueil restore` on real data folders: a backup taken while another
 * process keeps writing calls is a consistent database (every transaction in it whole or absent),
 * a restored folder opens as Accueil, and a restore refuses — before touching anything — a
 * damaged, altered or newer backup, a folder in use, and a folder that holds data unless forced.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTarGz } from '../../electron/cli/backup-archive';
import { BackupError, describeBackup, describeRestore, runBackup, runRestore } from '../../electron/cli/backup-command';
import { createAccueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { FileSecretStore } from '../../electron/services/settings/secret-store';
import { openStore } from '../../electron/services/store';

let root: string;
let dataDir: string;
let backups: string;
let backupFile: string;
let nextDir = 0;
const newDir = () => path.join(root, `dossier-${nextDir++}`);

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-backup-'));
  dataDir = path.join(root, 'donnees');
  backups = path.join(root, 'sauvegardes');
  fs.mkdirSync(backups);
  const accueil = await createAccueil({ dataDir, mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false, demoContacts: 20 });
  await accueil.close();
  new FileSecretStore(dataDir).set('smtp.password', 'mot-de-passe-smtp');
  for (const name of ['accueil.db', 'settings.json', 'secrets.json']) expect(fs.existsSync(path.join(dataDir, name)), name).toBe(true);
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/**
 * Another process writing calls as `accueil serve` would, two rows per transaction (`w-N-a` and
 * `w-N-b`): a consistent copy has both rows of every pair or neither.
 */
function startWriter(database: string): Promise<{ child: ChildProcess; stop(): Promise<number> }> {
  const script = `
    const Database = require(process.env.SQLITE_MODULE);
    const db = new Database(process.env.DATABASE, { timeout: 5000 });
    const insert = db.prepare("INSERT INTO calls (id, direction, state, from_raw, from_display, to_raw, ring_at, updated_at) VALUES (?, 'inbound', 'missed', '0612345678', '06 12 34 56 78', '201', ?, ?)");
    const pair = db.transaction((n) => { const at = new Date().toISOString(); insert.run('w-' + n + '-a', at, at); insert.run('w-' + n + '-b', at, at); });
    let n = 0;
    process.on('SIGTERM', () => { db.close(); process.stdout.write('done ' + n + '\\n'); process.exit(0); });
    (function loop() { for (let i = 0; i < 10; i++) pair(n++); if (n === 10) process.stdout.write('started\\n'); setImmediate(loop); })();
  `;
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, SQLITE_MODULE: path.resolve('node_modules/better-sqlite3'), DATABASE: database },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`writer exited (${code}): ${out}`)));
    const check = () => {
      if (!out.includes('started')) return;
      child.stdout!.off('data', check);
      child.removeAllListeners('exit');
      resolve({
        child,
        stop: () =>
          new Promise<number>((done) => {
            child.once('exit', () => done(Number(/done (\d+)/.exec(out)?.[1] ?? -1)));
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', check);
  });
}

function pairs(database: string): { a: number; b: number; orphans: number } {
  const db = new BetterSqlite3(database, { readonly: true });
  try {
    const count = (suffix: string) => (db.prepare(`SELECT count(*) AS n FROM calls WHERE id LIKE 'w-%-${suffix}'`).get() as { n: number }).n;
    const orphans = (
      db
        .prepare("SELECT count(*) AS n FROM calls a WHERE a.id LIKE 'w-%-a' AND NOT EXISTS (SELECT 1 FROM calls b WHERE b.id = substr(a.id, 1, length(a.id) - 1) || 'b')")
        .get() as { n: number }
    ).n;
    return { a: count('a'), b: count('b'), orphans };
  } finally {
    db.close();
  }
}

const listing = (file: string) => execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n');
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A backup file made by hand: `files` with a manifest that describes them truthfully. */
async function craftBackup(name: string, files: Record<string, Buffer>, manifest: Record<string, unknown> = {}): Promise<string> {
  const file = path.join(root, name);
  const described = {
    format: 'accueil-sauvegarde',
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    accueilVersion: 'test',
    database: { schema: 0, areas: {} },
    files: Object.entries(files).map(([n, content]) => ({ name: n, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') })),
    ...manifest,
  };
  await writeTarGz(file, [{ name: 'sauvegarde.json', content: Buffer.from(JSON.stringify(described)) }, ...Object.entries(files).map(([n, content]) => ({ name: n, content }))]);
  return file;
}

/** The source database as one self-contained file (a copy made with the backup API). */
async function databaseCopy(change?: (db: BetterSqlite3.Database) => void): Promise<Buffer> {
  const copy = path.join(root, `copie-${nextDir++}.db`);
  const source = new BetterSqlite3(path.join(dataDir, 'accueil.db'));
  await source.backup(copy);
  source.close();
  const db = new BetterSqlite3(copy);
  db.pragma('journal_mode = DELETE');
  change?.(db);
  db.close();
  return fs.readFileSync(copy);
}

describe('accueil backup', () => {
  it('takes a consistent copy while another process keeps writing calls, in one file tar reads', async () => {
    const writer = await startWriter(path.join(dataDir, 'accueil.db'));
    let result;
    let second;
    try {
      result = await runBackup({ dataDir, to: `${backups}${path.sep}`, version: '0.1.0' });
      second = await runBackup({ dataDir, to: path.join(backups, 'manuelle.tar.gz') });
    } finally {
      const written = await writer.stop();
      expect(written).toBeGreaterThan(10);
    }
    backupFile = result.file;
    expect(path.basename(result.file)).toMatch(/^accueil-\d{4}-\d{2}-\d{2}-\d{6}\.tar\.gz$/);
    // Nothing but the two finished files: no staging folder or partial file left behind.
    expect(fs.readdirSync(backups).sort()).toEqual([path.basename(result.file), 'manuelle.tar.gz'].sort());
    expect(fs.statSync(result.file).mode & 0o777).toBe(0o600);
    expect(listing(result.file)).toEqual(['sauvegarde.json', 'accueil.db', 'settings.json', 'secrets.json']);
    expect(listing(second.file)).toEqual(['sauvegarde.json', 'accueil.db', 'settings.json', 'secrets.json']);
    expect(result.manifest).toMatchObject({ format: 'accueil-sauvegarde', formatVersion: 1, accueilVersion: '0.1.0' });
    expect(result.manifest.database.schema).toBeGreaterThan(0);
    expect(Object.keys(result.manifest.database.areas).length).toBeGreaterThan(0);
    expect(describeBackup(result)).toMatch(/^Sauvegarde écrite : .*accueil-.*\.tar\.gz \([\d,]+ Mo ; base au schéma \d+, avec settings\.json, secrets\.json\)\. Elle contient les mots de passe/);

    // Unpacked by hand (as IT would), the database is whole and every transaction complete.
    const unpacked = path.join(root, 'a-la-main');
    fs.mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', result.file, '-C', unpacked]);
    const db = new BetterSqlite3(path.join(unpacked, 'accueil.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const copied = pairs(path.join(unpacked, 'accueil.db'));
    expect(copied.a).toBeGreaterThan(0);
    expect(copied).toEqual({ a: copied.a, b: copied.a, orphans: 0 });
    // The writer went on past the snapshot: the copy was taken mid-stream, not after it.
    expect(pairs(path.join(dataDir, 'accueil.db')).a).toBeGreaterThan(copied.a);
    expect(fs.readdirSync(unpacked).filter((n) => n.endsWith('-wal') || n.endsWith('-shm'))).toEqual([]);
  });

  it('refuses to write into the data folder, or from a folder with no database, and leaves no file', async () => {
    await expect(runBackup({ dataDir, to: path.join(dataDir, 'sauvegarde.tar.gz') })).rejects.toThrow(/dans le dossier de données/);
    const empty = newDir();
    fs.mkdirSync(empty);
    await expect(runBackup({ dataDir: empty, to: path.join(backups, 'vide.tar.gz') })).rejects.toThrow(/Aucune base Accueil/);
    await expect(runBackup({ dataDir, to: path.join(root, 'absent', 'x.tar.gz') })).rejects.toThrow(/n'existe pas/);
    expect(fs.existsSync(path.join(backups, 'vide.tar.gz'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'sauvegarde.tar.gz'))).toBe(false);
  });
});

describe('accueil restore', () => {
  it('restores into a new folder that Accueil opens, with its settings and secrets', async () => {
    const target = newDir();
    const result = await runRestore({ from: backupFile, dataDir: target });
    expect(result.restored).toEqual(['accueil.db', 'settings.json', 'secrets.json']);
    expect(result.setAside).toBeNull();
    expect(describeRestore(result)).toContain(`Restauré dans ${target} : la sauvegarde du `);
    expect(fs.readdirSync(target).sort()).toEqual(['accueil.db', 'secrets.json', 'settings.json']);
    expect(sha(path.join(target, 'settings.json'))).toBe(sha(path.join(dataDir, 'settings.json')));
    expect(sha(path.join(target, 'secrets.json'))).toBe(sha(path.join(dataDir, 'secrets.json')));
    expect(fs.statSync(path.join(target, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(new FileSecretStore(target).get('smtp.password')).toBe('mot-de-passe-smtp');

    const store = openStore(path.join(target, 'accueil.db'));
    expect(store.database.pragma('integrity_check')).toBe('ok');
    const restored = pairs(path.join(target, 'accueil.db'));
    expect(restored.orphans).toBe(0);
    expect(restored.a).toBe(restored.b);
    expect(restored.a).toBeGreaterThan(0);
    expect(store.calls.recent({ limit: 500, onlyMissed: false }).length).toBeGreaterThan(0);
    store.close();
    // And the whole product starts on it (its areas' schemas are all known).
    const accueil = await createAccueil({ dataDir: target, mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false });
    expect(accueil.info().workspace).toBe('demo');
    await accueil.close();
  });

  it('refuses a folder that already holds data, unless forced: then the old content is set aside, not deleted', async () => {
    const target = newDir();
    fs.mkdirSync(path.join(target, 'logs'), { recursive: true });
    fs.writeFileSync(path.join(target, 'logs', 'accueil.log'), 'journal\n');
    // A folder with only logs counts as empty.
    await runRestore({ from: backupFile, dataDir: target });
    fs.writeFileSync(path.join(target, 'settings.json'), '{"avant":true}');
    // A call taken since the backup: it must survive, set aside, after a forced restore.
    const since = new BetterSqlite3(path.join(target, 'accueil.db'));
    since.prepare("INSERT INTO calls (id, direction, state, from_raw, from_display, to_raw, ring_at, updated_at) VALUES ('depuis', 'inbound', 'missed', '1', '1', '1', '2025-03-10', '2025-03-10')").run();
    since.close();
    await expect(runRestore({ from: backupFile, dataDir: target })).rejects.toThrow(/contient déjà des données .* --force/);
    expect(fs.readFileSync(path.join(target, 'settings.json'), 'utf8')).toBe('{"avant":true}');

    const forced = await runRestore({ from: backupFile, dataDir: target, force: true, now: () => new Date('2025-03-10T09:00:00Z') });
    expect(forced.setAside).toBe(path.join(target, 'avant-restauration-2025-03-10T09-00-00'));
    expect(fs.readFileSync(path.join(forced.setAside!, 'settings.json'), 'utf8')).toBe('{"avant":true}');
    const count = (file: string) => {
      const db = new BetterSqlite3(file, { readonly: true });
      const n = (db.prepare("SELECT count(*) AS n FROM calls WHERE id = 'depuis'").get() as { n: number }).n;
      db.close();
      return n;
    };
    expect(count(path.join(forced.setAside!, 'accueil.db'))).toBe(1);
    expect(count(path.join(target, 'accueil.db'))).toBe(0);
    expect(sha(path.join(target, 'settings.json'))).toBe(sha(path.join(dataDir, 'settings.json')));
    expect(fs.readFileSync(path.join(target, 'logs', 'accueil.log'), 'utf8')).toBe('journal\n');
    expect(describeRestore(forced)).toContain('mis de côté dans');
  });

  it('refuses a folder whose database another program has open, even forced', async () => {
    const target = newDir();
    await runRestore({ from: backupFile, dataDir: target });
    const store = openStore(path.join(target, 'accueil.db'));
    try {
      await expect(runRestore({ from: backupFile, dataDir: target, force: true })).rejects.toThrow(/ouverte par un autre programme/);
    } finally {
      store.close();
    }
    await expect(runRestore({ from: backupFile, dataDir: target, force: true })).resolves.toMatchObject({ restored: ['accueil.db', 'settings.json', 'secrets.json'] });
  });

  it('refuses a folder where a console says it runs (console.json of a live process)', async () => {
    const target = newDir();
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'console.json'), JSON.stringify({ origin: 'http://127.0.0.1:1', token: 'x', pid: process.pid }));
    await expect(runRestore({ from: backupFile, dataDir: target, force: true })).rejects.toThrow(new RegExp(`Accueil tourne sur .* \\(processus ${process.pid}\\)`));
  });

  it('refuses a damaged or cut backup file before touching the folder', async () => {
    const bytes = fs.readFileSync(backupFile);
    const cut = path.join(root, 'coupee.tar.gz');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const flipped = path.join(root, 'abimee.tar.gz');
    const damaged = Buffer.from(bytes);
    for (let i = 200; i < 260; i++) damaged[i] = damaged[i]! ^ 0xff;
    fs.writeFileSync(flipped, damaged);
    const notGzip = path.join(root, 'pas-une-sauvegarde.tar.gz');
    fs.writeFileSync(notGzip, 'bonjour');
    for (const file of [cut, flipped, notGzip]) {
      const target = newDir();
      await expect(runRestore({ from: file, dataDir: target }), file).rejects.toThrow(BackupError);
      await expect(runRestore({ from: file, dataDir: target }), file).rejects.toThrow(/n'est pas une sauvegarde Accueil utilisable/);
      // Nothing left: no file restored, no staging folder.
      expect(fs.readdirSync(target)).toEqual([]);
    }
  });

  it('refuses a file altered after the backup (its checksum), and a database that fails the integrity check', async () => {
    const settings = Buffer.from('{"locale":"fr"}');
    const database = await databaseCopy();
    const altered = await craftBackup('alteree.tar.gz', { 'accueil.db': database, 'settings.json': settings }, {
      files: [
        { name: 'accueil.db', bytes: database.length, sha256: createHash('sha256').update(database).digest('hex') },
        { name: 'settings.json', bytes: settings.length, sha256: '0'.repeat(64) },
      ],
    });
    await expect(runRestore({ from: altered, dataDir: newDir() })).rejects.toThrow(/settings\.json ne correspond pas à son empreinte/);

    // Pages in the middle overwritten: the file is a database, but a damaged one.
    const broken = Buffer.from(database);
    broken.fill(0x41, 4096 * 2 + 16, 4096 * 6);
    const corrupt = await craftBackup('corrompue.tar.gz', { 'accueil.db': broken });
    const target = newDir();
    await expect(runRestore({ from: corrupt, dataDir: target })).rejects.toThrow(/est (endommagée|illisible)/);
    expect(fs.readdirSync(target)).toEqual([]);
  });

  it('refuses a backup from a newer Accueil (schema or area this version does not know), changing nothing', async () => {
    const future = await craftBackup('future.tar.gz', { 'accueil.db': await databaseCopy((db) => db.pragma('user_version = 999')) });
    await expect(runRestore({ from: future, dataDir: newDir() })).rejects.toThrow(/version plus récente d'Accueil \(schéma 999/);
    const newArea = await craftBackup('domaine.tar.gz', {
      'accueil.db': await databaseCopy((db) => db.prepare("INSERT INTO area_schema (area, version) VALUES ('enquetes-2030', 1)").run()),
    });
    await expect(runRestore({ from: newArea, dataDir: newDir() })).rejects.toThrow(/domaine « enquetes-2030 » inconnu de cette version/);
    const newFormat = await craftBackup('format.tar.gz', { 'accueil.db': await databaseCopy() }, { formatVersion: 2 });
    await expect(runRestore({ from: newFormat, dataDir: newDir() })).rejects.toThrow(/version plus récente d'Accueil \(format 2\)/);
  });

  it('refuses an archive with a file it does not expect', async () => {
    const database = await databaseCopy();
    const file = path.join(root, 'intrus.tar.gz');
    const manifest = {
      format: 'accueil-sauvegarde',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      accueilVersion: null,
      database: { schema: 0, areas: {} },
      files: [{ name: 'accueil.db', bytes: database.length, sha256: createHash('sha256').update(database).digest('hex') }],
    };
    await writeTarGz(file, [
      { name: 'sauvegarde.json', content: Buffer.from(JSON.stringify(manifest)) },
      { name: 'accueil.db', content: database },
      { name: 'authorized_keys', content: Buffer.from('ssh-ed25519 AAAA') },
    ]);
    const target = newDir();
    await expect(runRestore({ from: file, dataDir: target })).rejects.toThrow(/élément inattendu « authorized_keys »/);
    expect(fs.readdirSync(target)).toEqual([]);
  });
});

describe('documents and attachments in a backup', () => {
  it('carries the content stores’ files and puts each back under its name, readable by its owner only', async () => {
    const source = newDir();
    fs.cpSync(dataDir, source, { recursive: true });
    for (const name of fs.readdirSync(source)) if (/-(wal|shm)$/.test(name)) fs.rmSync(path.join(source, name));
    const put = (store: string, content: Buffer) => {
      const hash = createHash('sha256').update(content).digest('hex');
      const file = path.join(source, ...store.split('/'), hash.slice(0, 2), hash.slice(2, 4), hash);
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, content, { mode: 0o600 });
      // A temp file of a write under way is not a stored content.
      fs.writeFileSync(`${file}.1234.part`, content.subarray(0, 3));
      return `${store}/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;
    };
    const documentName = put('documents', Buffer.from('%PDF-1.4 attestation'));
    const attachmentName = put('mail/attachments', Buffer.from('\xff\xd8\xff photo', 'latin1'));
    const result = await runBackup({ dataDir: source, to: path.join(backups, 'avec-documents.tar.gz') });
    expect(listing(result.file)).toEqual(['sauvegarde.json', 'accueil.db', 'settings.json', 'secrets.json', documentName, attachmentName]);
    expect(describeBackup(result)).toContain('avec settings.json, secrets.json, 2 fichiers (documents, pièces jointes)');

    const target = newDir();
    const restored = await runRestore({ from: result.file, dataDir: target });
    expect(restored.restored).toHaveLength(5);
    for (const name of [documentName, attachmentName]) {
      const file = path.join(target, ...name.split('/'));
      expect(sha(file)).toBe(name.slice(-64));
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(describeRestore(restored)).toContain('2 fichiers (documents, pièces jointes)');
  });

  it('refuses a content file whose bytes are not its name', async () => {
    const database = await databaseCopy();
    const lying = Buffer.from('pas le bon contenu');
    const name = `documents/ab/cd/abcd${'0'.repeat(60)}`;
    const file = path.join(root, 'menteur.tar.gz');
    const manifest = {
      format: 'accueil-sauvegarde',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      accueilVersion: null,
      database: { schema: 0, areas: {} },
      files: [
        { name: 'accueil.db', bytes: database.length, sha256: createHash('sha256').update(database).digest('hex') },
        { name, bytes: lying.length, sha256: name.slice(-64) },
      ],
    };
    await writeTarGz(file, [
      { name: 'sauvegarde.json', content: Buffer.from(JSON.stringify(manifest)) },
      { name: 'accueil.db', content: database },
      { name, content: lying },
    ]);
    const target = newDir();
    await expect(runRestore({ from: file, dataDir: target })).rejects.toThrow(/ne correspond pas à son empreinte/);
    expect(fs.readdirSync(target)).toEqual([]);
  });
});
