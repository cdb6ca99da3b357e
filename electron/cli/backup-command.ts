/**
 * `accueil backup` and `accueil restore`: the company server's data folder in one file, taken
 * while the server runs, put back into a stopped one.
 *
 * The file (`accueil-AAAA-MM-JJ-HHMMSS.tar.gz`, see backup-archive.ts) is a gzip'd tar of:
 *
 *   sauvegarde.json   the manifest, first: format, date, the database's schema (its version and
 *                     each area's), and every other file's size and SHA-256
 *   accueil.db        the SQLite database, a consistent copy (online backup API, one read
 *                     transaction: calls written meanwhile are in it entirely or not at all)
 *   settings.json     the settings
 *   secrets.json      passwords, tokens and signing keys (or secrets.enc.json: the desktop app's,
 *                     readable only by the Windows account that wrote it)
 *   documents/…, mail/attachments/…   the content stores' files (shared/content-store.ts), each named
 *                     by its SHA-256: the documents' bytes and the e-mails' attachments
 *
 * Not kept: logs/, console.json (the address of a running console). A backup holds the secrets:
 * it is written readable by its owner only, and must be stored like a password.
 *
 * Restoring checks everything before it touches the folder (the manifest, each file's SHA-256,
 * PRAGMA integrity_check, a schema this version knows), refuses a folder a running Accueil holds,
 * and moves what was there aside (never deletes it) when told to replace it (`force`).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AREAS } from '../services/accueil';
import { latestVersion } from '../services/store/migrations';
import { NotAnArchiveError, readTarGz, writeTarGz, type ArchiveEntry } from './backup-archive';
import { CONSOLE_FILE } from './running-console';

export const BACKUP_FORMAT = 'accueil-sauvegarde';
export const BACKUP_FORMAT_VERSION = 1;
const MANIFEST = 'sauvegarde.json';
const DATABASE = 'accueil.db';
/**
 * The data folder's files a backup carries besides the database: each is written whole by
 * write-then-rename (shared/atomic-file.ts), so a copy is never half of one. An area that keeps
 * files of its own in the data folder adds them here.
 */
export const DATA_FILES: readonly string[] = ['settings.json', 'secrets.json', 'secrets.enc.json'];
/**
 * The content stores (shared/content-store.ts): folders of files named by their SHA-256, written
 * whole (temp name, then rename) and never changed or removed — a file listed is a file complete.
 * Taken after the database's copy, they hold every file it names.
 */
export const CONTENT_STORES: readonly string[] = ['documents', 'mail/attachments'];
const CONTENT_FILE = /^(?:documents|mail\/attachments)\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
const isContentFile = (name: string): boolean => {
  const match = CONTENT_FILE.exec(name);
  return match !== null && match[3]!.startsWith(match[1]! + match[2]!);
};

/** Every file of the content stores, as archive names (forward slashes). */
function contentFiles(dataDir: string): string[] {
  const out: string[] = [];
  for (const store of CONTENT_STORES) {
    const root = path.join(dataDir, ...store.split('/'));
    if (!fs.existsSync(root)) continue;
    for (const relative of fs.readdirSync(root, { recursive: true }) as string[]) {
      const name = `${store}/${relative.split(path.sep).join('/')}`;
      if (isContentFile(name) && fs.statSync(path.join(root, relative)).isFile()) out.push(name);
    }
  }
  return out.sort();
}
/** Kept in place by a restore: the server's own logs. */
const KEPT_ON_RESTORE = new Set(['logs']);
const BUSY_TIMEOUT_MS = 5_000;

export class BackupError extends Error {}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** The Accueil that wrote it (informative). */
  accueilVersion: string | null;
  database: { schema: number; areas: Record<string, number> };
  files: Array<{ name: string; bytes: number; sha256: string }>;
}

export interface BackupOptions {
  dataDir: string;
  /** A file, or an existing folder (the file is then named after the date). */
  to: string;
  version?: string;
  now?: () => Date;
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

export async function runBackup(options: BackupOptions): Promise<BackupResult> {
  const now = options.now ?? (() => new Date());
  const dataDir = path.resolve(options.dataDir);
  const database = path.join(dataDir, DATABASE);
  if (!fs.existsSync(database)) throw new BackupError(`Aucune base Accueil dans ${dataDir} (${DATABASE} introuvable) : vérifiez --data-dir.`);
  const createdAt = now();
  const target = backupTarget(path.resolve(options.to), createdAt);
  if (isInside(target, dataDir)) throw new BackupError(`La sauvegarde ne peut pas être écrite dans le dossier de données (${dataDir}) : choisissez un autre emplacement, idéalement un autre disque.`);
  if (!fs.existsSync(path.dirname(target))) throw new BackupError(`Le dossier ${path.dirname(target)} n'existe pas : créez-le, ou choisissez un autre --to.`);

  // Everything is prepared beside the target, then renamed over it: an interrupted backup leaves
  // no half-written file under the name a script or a person will trust.
  const staging = fs.mkdtempSync(path.join(path.dirname(target), '.accueil-sauvegarde-'));
  const partial = path.join(staging, 'sauvegarde.tar.gz');
  try {
    const copy = path.join(staging, DATABASE);
    await copyDatabase(database, copy);
    const schema = inspectDatabase(copy, `la copie de ${database}`);
    const entries: ArchiveEntry[] = [{ name: DATABASE, content: { file: copy } }];
    for (const name of DATA_FILES) {
      const content = readIfPresent(path.join(dataDir, name));
      if (content !== null) entries.push({ name, content });
    }
    const contents = contentFiles(dataDir);
    for (const name of contents) entries.push({ name, content: { file: path.join(dataDir, ...name.split('/')) } });
    const contentSet = new Set(contents);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: createdAt.toISOString(),
      accueilVersion: options.version ?? null,
      database: schema,
      files: await Promise.all(
        entries.map(async (entry) => ({
          name: entry.name,
          bytes: Buffer.isBuffer(entry.content) ? entry.content.length : fs.statSync(entry.content.file).size,
          // A content store's file is named by its SHA-256: a restore checks the bytes against it.
          sha256: Buffer.isBuffer(entry.content) ? sha256(entry.content) : contentSet.has(entry.name) ? entry.name.slice(-64) : await sha256File(entry.content.file),
        })),
      ),
    };
    await writeTarGz(partial, [{ name: MANIFEST, content: Buffer.from(JSON.stringify(manifest, null, 2)), mtime: createdAt }, ...entries.map((e) => ({ ...e, mtime: createdAt }))]);
    fs.renameSync(partial, target);
    syncFolder(path.dirname(target));
    return { file: target, bytes: fs.statSync(target).size, manifest };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`La sauvegarde a échoué, rien n'a été écrit à ${target} : ${(error as Error).message}`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** `to` as given, or a dated name inside it when it is a folder. */
function backupTarget(to: string, at: Date): string {
  const isFolder = (fs.existsSync(to) && fs.statSync(to).isDirectory()) || /[\\/]$/.test(to);
  if (!isFolder) return to;
  const stamp = at.toISOString().replace(/\.\d+Z$/, '').replace('T', '-').replace(/:/g, '');
  return path.join(to, `accueil-${stamp}.tar.gz`);
}

/**
 * SQLite's online backup, as the server keeps writing: copied in one step, so in one read
 * transaction — a consistent snapshot that WAL lets the server write past without waiting.
 * (Copied in small steps, a write by the server between two steps would restart the copy, and
 * a busy server could keep it from ever finishing.)
 */
async function copyDatabase(source: string, copy: string): Promise<void> {
  const db = new BetterSqlite3(source, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    await db.backup(copy, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  // One self-contained file: no -wal beside it in the archive.
  const check = new BetterSqlite3(copy, { timeout: BUSY_TIMEOUT_MS });
  try {
    check.pragma('journal_mode = DELETE');
  } finally {
    check.close();
  }
}

/** Integrity and schema of a database file, or a BackupError saying what is wrong with it. */
function inspectDatabase(file: string, what: string): BackupManifest['database'] {
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const problems = (db.pragma('integrity_check(5)') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') throw new BackupError(`${what} est endommagée (${problems.join(' ; ')}).`);
    const schema = db.pragma('user_version', { simple: true }) as number;
    const hasAreas = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'area_schema'").get() !== undefined;
    const areas: Record<string, number> = {};
    if (hasAreas) for (const row of db.prepare('SELECT area, version FROM area_schema ORDER BY area').all() as Array<{ area: string; version: number }>) areas[row.area] = row.version;
    return { schema, areas };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${what} est illisible (${(error as Error).message}).`);
  } finally {
    db?.close();
  }
}

export interface RestoreOptions {
  from: string;
  dataDir: string;
  /** Replace a folder that already holds data (what was there is moved aside, not deleted). */
  force?: boolean;
  now?: () => Date;
}

export interface RestoreResult {
  dataDir: string;
  restored: string[];
  /** Where the folder's previous content went (force), or null. */
  setAside: string | null;
  manifest: BackupManifest;
}

export async function runRestore(options: RestoreOptions): Promise<RestoreResult> {
  const now = options.now ?? (() => new Date());
  const from = path.resolve(options.from);
  const dataDir = path.resolve(options.dataDir);
  if (!fs.existsSync(from) || !fs.statSync(from).isFile()) throw new BackupError(`Sauvegarde introuvable : ${from}.`);

  const present = fs.existsSync(dataDir) ? fs.readdirSync(dataDir).filter((name) => !KEPT_ON_RESTORE.has(name) && !name.startsWith('.restauration-')) : [];
  refuseIfHeld(dataDir);
  if (present.length > 0 && !options.force) {
    throw new BackupError(
      `Le dossier ${dataDir} contient déjà des données (${present.slice(0, 4).join(', ')}${present.length > 4 ? '…' : ''}) : ` +
        `restaurez dans un dossier vide, ou ajoutez --force pour mettre son contenu de côté et le remplacer.`,
    );
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  // Unpacked and checked inside the data folder (same disk: the final step is renames only).
  const staging = fs.mkdtempSync(path.join(dataDir, '.restauration-'));
  try {
    const manifest = await unpack(from, staging);
    const schema = inspectDatabase(path.join(staging, DATABASE), `La base de la sauvegarde ${from}`);
    refuseFutureSchema(schema, from);

    let setAside: string | null = null;
    if (present.length > 0) {
      setAside = path.join(dataDir, `avant-restauration-${now().toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-')}`);
      fs.mkdirSync(setAside, { mode: 0o700 });
      // Everything, the database's -wal and -shm with it: an old -wal beside the restored database
      // would be replayed into it.
      for (const name of present) fs.renameSync(path.join(dataDir, name), path.join(setAside, name));
    }
    const restored: string[] = [];
    for (const { name } of manifest.files) {
      const file = path.join(dataDir, name);
      if (name.includes('/')) fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.renameSync(path.join(staging, name), file);
      fs.chmodSync(file, name === 'settings.json' ? 0o644 : 0o600);
      restored.push(name);
    }
    syncFolder(dataDir);
    return { dataDir, restored, setAside, manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** A running server (or any command) has the database open: replacing it under them would lose their writes. */
function refuseIfHeld(dataDir: string): void {
  const consoleFile = path.join(dataDir, CONSOLE_FILE);
  if (fs.existsSync(consoleFile)) {
    let pid = 0;
    try {
      pid = Number((JSON.parse(fs.readFileSync(consoleFile, 'utf8')) as { pid?: unknown }).pid);
    } catch {
      // Unreadable: the lock below still tells.
    }
    if (pid > 0 && processAlive(pid)) throw new BackupError(`Accueil tourne sur ${dataDir} (processus ${pid}) : arrêtez-le avant de restaurer.`);
  }
  const database = path.join(dataDir, DATABASE);
  if (!fs.existsSync(database)) return;
  // An exclusive lock is refused while any other connection has the file open (WAL keeps a
  // shared lock for as long as a connection lives), and taking it changes nothing in the file.
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(database, { fileMustExist: true, timeout: 200 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new BackupError(`La base ${database} est ouverte par un autre programme (le serveur Accueil ou une commande) : arrêtez-le avant de restaurer.`);
    }
    // A damaged database is not in use: --force moves it aside.
  } finally {
    db?.close();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Unpacks into `staging`, checking the manifest and every file against it. */
async function unpack(from: string, staging: string): Promise<BackupManifest> {
  const notOurs = (why: string) => new BackupError(`${from} n'est pas une sauvegarde Accueil utilisable (${why}).`);
  let manifest: BackupManifest | null = null;
  const seen = new Set<string>();
  const open = new Set<number>();
  try {
    await readTarGz(from, (name, size) => {
      if (manifest === null) {
        // A manifest lists every document and attachment: up to ~500 000 of them.
        if (name !== MANIFEST || size > 64 * 1024 * 1024) throw notOurs(`${MANIFEST} n'est pas en tête`);
        const chunks: Buffer[] = [];
        return {
          write: (chunk) => chunks.push(chunk),
          end: () => {
            manifest = parseManifest(Buffer.concat(chunks), notOurs);
          },
        };
      }
      const expected = (manifest as BackupManifest).files.find((f) => f.name === name);
      if (!expected || seen.has(name)) throw notOurs(`élément inattendu « ${name} »`);
      if (expected.bytes !== size) throw notOurs(`${name} n'a pas la taille annoncée`);
      seen.add(name);
      if (name.includes('/')) fs.mkdirSync(path.dirname(path.join(staging, name)), { recursive: true, mode: 0o700 });
      const fd = fs.openSync(path.join(staging, name), 'wx', 0o600);
      open.add(fd);
      return {
        write: (chunk) => fs.writeSync(fd, chunk),
        end: (sha) => {
          fs.fsyncSync(fd);
          fs.closeSync(fd);
          open.delete(fd);
          if (sha !== expected.sha256) throw notOurs(`${name} ne correspond pas à son empreinte : fichier altéré`);
        },
      };
    });
  } catch (error) {
    if (error instanceof BackupError) throw error;
    if (error instanceof NotAnArchiveError) throw notOurs(error.message);
    throw error;
  } finally {
    for (const fd of open) fs.closeSync(fd);
  }
  const found = manifest as BackupManifest | null;
  if (found === null) throw notOurs('fichier vide');
  const missing = found.files.filter((f) => !seen.has(f.name)).map((f) => f.name);
  if (missing.length > 0) throw notOurs(`il manque ${missing.join(', ')}`);
  if (!seen.has(DATABASE)) throw notOurs(`il manque ${DATABASE}`);
  return found;
}

function parseManifest(bytes: Buffer, notOurs: (why: string) => BackupError): BackupManifest {
  let value: Partial<BackupManifest>;
  try {
    value = JSON.parse(bytes.toString('utf8')) as Partial<BackupManifest>;
  } catch {
    throw notOurs(`${MANIFEST} illisible`);
  }
  if (value.format !== BACKUP_FORMAT) throw notOurs('format inconnu');
  if (typeof value.formatVersion !== 'number' || value.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError(`Cette sauvegarde a été écrite par une version plus récente d'Accueil (format ${String(value.formatVersion)}) : mettez Accueil à jour pour la restaurer.`);
  }
  const allowed = new Set([DATABASE, ...DATA_FILES]);
  if (!Array.isArray(value.files) || !value.files.every((f) => (allowed.has(f?.name) || isContentFile(String(f?.name))) && Number.isSafeInteger(f.bytes) && /^[0-9a-f]{64}$/.test(f.sha256))) {
    throw notOurs(`${MANIFEST} : liste de fichiers inattendue`);
  }
  return value as BackupManifest;
}

/** A database from a newer Accueil: opening it here could lose what that version stored. */
function refuseFutureSchema(schema: BackupManifest['database'], from: string): void {
  const known = new Map(AREAS.map((area) => [area.name, area.migrations?.length ?? 0]));
  const newer: string[] = [];
  if (schema.schema > latestVersion) newer.push(`schéma ${schema.schema}, cette version connaît jusqu'au ${latestVersion}`);
  for (const [area, version] of Object.entries(schema.areas)) {
    const knownVersion = known.get(area);
    if (knownVersion === undefined) newer.push(`domaine « ${area} » inconnu de cette version`);
    else if (version > knownVersion) newer.push(`domaine « ${area} » en version ${version}, cette version connaît jusqu'à la ${knownVersion}`);
  }
  if (newer.length > 0) {
    throw new BackupError(`La sauvegarde ${from} vient d'une version plus récente d'Accueil (${newer.join(' ; ')}) : installez cette version (ou une plus récente) avant de la restaurer. Rien n'a été modifié.`);
  }
}

/** The sentence `accueil backup` prints when it is done. */
export function describeBackup(result: BackupResult): string {
  const size = (result.bytes / 1_000_000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  const names = result.manifest.files.map((f) => f.name).filter((n) => n !== DATABASE);
  return (
    `Sauvegarde écrite : ${result.file} (${size} Mo ; base au schéma ${result.manifest.database.schema}${names.length > 0 ? `, avec ${describeNames(names)}` : ''}). ` +
    `Elle contient les mots de passe et jetons d'Accueil : rangez-la comme un mot de passe, de préférence hors de ce serveur.`
  );
}

/** The sentences `accueil restore` prints when it is done. */
/** File names for a sentence: a content store's files counted, not listed. */
function describeNames(names: readonly string[]): string {
  const stored = names.filter(isContentFile).length;
  return [...names.filter((n) => !isContentFile(n)), ...(stored > 0 ? [`${stored} fichier${stored > 1 ? 's' : ''} (documents, pièces jointes)`] : [])].join(', ');
}

export function describeRestore(result: RestoreResult): string {
  const taken = new Date(result.manifest.createdAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });
  return [
    `Restauré dans ${result.dataDir} : la sauvegarde du ${taken} (${describeNames(result.restored)}).`,
    ...(result.setAside ? [`L'ancien contenu du dossier est mis de côté dans ${result.setAside} (supprimez-le quand tout va bien).`] : []),
    `Démarrez Accueil : les migrations éventuelles s'appliquent d'elles-mêmes.`,
  ].join('\n');
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function readIfPresent(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function syncFolder(folder: string): void {
  // Makes the rename durable; not possible on Windows, where a folder cannot be opened.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
