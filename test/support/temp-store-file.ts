/**
 * A SQLite file in a fresh folder for each test, and the stores opened on it, closed and removed
 * after each test (store tests that reopen, damage or inspect the file).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openStore, type AccueilStore } from '../../electron/services/store';

export function useTempStoreFile(prefix: string): { dir(): string; file(): string; open(options?: Parameters<typeof openStore>[1], at?: string): AccueilStore } {
  let dir = '';
  let file = '';
  const opened: AccueilStore[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    file = path.join(dir, 'accueil.db');
  });
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    file: () => file,
    /** Opens the test's file, or `at` (a copy of it elsewhere); closed after the test either way. */
    open(options = {}, at = file) {
      const store = openStore(at, options);
      opened.push(store);
      return store;
    },
  };
}
