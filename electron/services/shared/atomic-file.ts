import fs from 'node:fs';
import path from 'node:path';

/**
 * Write-then-rename, so a crash mid-write leaves the old file rather than half a JSON document:
 * the temporary file is written and fsynced, renamed over the real name, then the folder is fsynced
 * so the rename itself survives a power cut. The mode is applied to the temporary file before it
 * takes the real name: never a window where a secret file is world-readable.
 *
 * On failure the old file is untouched, the temporary file is removed and the error is thrown.
 */
export function writeFileAtomic(file: string, content: string, mode = 0o644): void {
  const folder = path.dirname(file);
  fs.mkdirSync(folder, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'w', mode);
    fs.fchmodSync(fd, mode);
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    withRetries(() => fs.renameSync(tmp, file));
  } catch (error) {
    if (fd !== null) closeQuietly(fd);
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  syncFolder(folder);
}

/**
 * The file's text, or null when it does not exist. Any other failure is thrown: a file that is
 * there but cannot be read is not an empty one (writing after that read would lose its content).
 */
export function readFileIfPresent(file: string): string | null {
  try {
    return withRetries(() => fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** The Node error code (EBUSY, EACCES…) of a failure, or null. */
export function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * Codes a Windows antivirus or backup tool causes while it holds the file for a moment; a few short
 * retries get through most of them before the failure is reported.
 */
const TRANSIENT = new Set(['EBUSY', 'EPERM', 'EACCES', 'EAGAIN']);
const RETRY_WAITS_MS = [20, 60, 120];

function withRetries<T>(action: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return action();
    } catch (error) {
      const code = errorCode(error);
      if (attempt >= RETRY_WAITS_MS.length || code === null || !TRANSIENT.has(code)) throw error;
      sleep(RETRY_WAITS_MS[attempt]!);
    }
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Codes that mean "this platform cannot fsync a folder" (Windows), not "the data is at risk". */
const FOLDER_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'ENOTSUP', 'EPERM', 'EACCES']);

function syncFolder(folder: string): void {
  if (process.platform === 'win32') return; // NTFS journals the rename; a folder cannot be opened to fsync it.
  let fd: number | null = null;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch (error) {
    const code = errorCode(error);
    if (code === null || !FOLDER_SYNC_UNSUPPORTED.has(code)) throw error;
  } finally {
    if (fd !== null) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Already closed or invalid: nothing left to release.
  }
}
