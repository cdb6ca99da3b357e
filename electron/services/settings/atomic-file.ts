import fs from 'node:fs';
import path from 'node:path';

/**
 * Write-then-rename, so a crash mid-write leaves the old file rather than half a JSON document.
 * The mode is applied to the temporary file before it takes the real name: never a window where a
 * secret file is world-readable.
 */
export function writeFileAtomic(file: string, content: string, mode = 0o644): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode });
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
}
