/**
 * Killed with SIGKILL while it turns a batch of customer e-mails into tickets, then started again:
 * every message is one ticket, none missing, none twice — the ticket, the message row, its HubSpot
 * job and the mailbox checkpoint are one transaction. The product runs in a child process (node
 * --import tsx, so that SIGKILL hits the process that writes) against a private Dovecot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild } from '../support/node-child';
import { dovecotInstalled, startImapServer, type ImapServer } from '../support/imap-server';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'test/support/run-mailbox.ts');
/** The child as plain Node runs it (bundled once: a start per kill costs a few hundred ms, not a compile). */
let bundled: string;
beforeAll(async () => {
  bundled = await bundleChild(SCRIPT);
}, 60_000);
const BASE = Date.parse('2026-11-10T08:00:00Z');
const BATCH = 40;
const ready = dovecotInstalled();

let imap: ImapServer;
let dir: string;
const children: ChildProcess[] = [];

function run(): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(process.execPath, [bundled], {
    cwd: ROOT,
    env: {
      ...process.env,
      ACCUEIL_DATA_DIR: dir,
      ACCUEIL_TEST_BASE: String(BASE),
      ACCUEIL_IMAP_HOST: imap.host,
      ACCUEIL_IMAP_PORT: String(imap.port),
      ACCUEIL_IMAP_SECURITY: 'none',
      ACCUEIL_IMAP_USER: imap.user,
      ACCUEIL_IMAP_PASSWORD: imap.password,
      ACCUEIL_IMAP_POLL_S: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(err);
      resolve();
    }),
  );
  return { child, exited };
}

function count(sql: string): number {
  if (!fs.existsSync(path.join(dir, 'accueil.db'))) return 0;
  try {
    const db = new BetterSqlite3(path.join(dir, 'accueil.db'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // Not migrated yet.
  }
}

async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  if (!ready) return;
  imap = await startImapServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-mailbox-crash-'));
  for (let i = 1; i <= BATCH; i++) {
    await imap.deliver(
      [
        `From: "Client ${i}" <client${i}@example.test>`,
        'To: service-client@chauffage-martin.test',
        `Subject: Demande n° ${i} : chaudière`,
        'Date: Tue, 10 Nov 2026 08:30:00 +0100',
        `Message-ID: <crash-${i}@example.test>`,
        'Content-Type: text/plain; charset=UTF-8',
        '',
        `Bonjour, ma chaudière est en panne (${i}).`,
      ].join('\r\n'),
    );
  }
}, 90_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await imap?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!ready)('kill -9 while reading the mailbox', () => {
  it('makes each e-mail exactly one ticket across kills in the middle of the batch', async () => {
    const processed = () => count(`SELECT count(*) AS n FROM mail_messages`);
    for (const killAt of [3, 15, 28]) {
      const first = run();
      await until(`${killAt} messages`, () => processed() >= killAt, 90_000);
      first.child.kill('SIGKILL');
      await first.exited;
    }
    const last = run();
    await until('the whole batch', () => processed() === BATCH, 60_000);
    // A little longer: nothing more arrives.
    await new Promise((r) => setTimeout(r, 1_500));
    last.child.kill('SIGKILL');
    await last.exited;

    expect(count(`SELECT count(*) AS n FROM tickets`)).toBe(BATCH);
    expect(count(`SELECT count(DISTINCT ticket_id) AS n FROM mail_messages WHERE state = 'opened'`)).toBe(BATCH);
    expect(count(`SELECT count(*) AS n FROM jobs WHERE queue = 'hubspot' AND kind = 'ticket'`)).toBe(BATCH);
    expect(count(`SELECT last_uid AS n FROM mail_checkpoints`)).toBe(BATCH);
    expect((await imap.list()).length).toBe(BATCH);
  });
});
