/**
 * Adding an area is adding files. A copy of the product gets the toy area of test/fixtures/toy-area
 * (its contract module, its service area, its renderer feature — files that do not exist in the
 * product, so no shared list is edited), is typechecked and built as CI builds it, and served: the
 * toy's calls answer with their roles, its events reach only their audience, its migration ran, its
 * durable queue runs its jobs, its demo purge hook runs when the demo goes, and its badge shows in
 * the console's top bar.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, serve, type ServedProduct } from '../support/web-mode';
import { startHubSpotStandIn, type HubSpotStandIn } from '../support/hubspot-standin';
import { waitFor } from '../support/wait';
import { DEMO_FIXTURES } from '../../electron/services/demo';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/toy-area');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** A socket speaking the contract, keeping every event it receives. */
class ContractSocket {
  readonly events: Array<{ name: string; payload: unknown }> = [];
  private next = 1;
  private readonly waiting = new Map<number, (result: { ok: boolean; value?: unknown; error?: { code: string } }) => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { t: string; id?: number; result?: never; name?: string; payload?: unknown };
      if (frame.t === 'event') this.events.push({ name: frame.name!, payload: frame.payload });
      if (frame.t === 'result') this.waiting.get(frame.id!)?.(frame.result!);
    });
  }
  static async open(origin: string, token: string): Promise<ContractSocket> {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws?token=${token}`, { headers: { Origin: origin } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new ContractSocket(ws);
  }
  call(name: string, input: unknown = {}): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ t: 'call', id, name, input }));
    });
  }
  close() {
    this.ws.close();
  }
}

let copy: string;
let product: ServedProduct | undefined;
let hs: HubSpotStandIn | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-toy-'));
  const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    // Files only (a worktree's node_modules may be a symlink git does not ignore).
    .filter((f) => f && !f.startsWith('test/') && f !== 'node_modules' && fs.existsSync(path.join(ROOT, f)) && fs.lstatSync(path.join(ROOT, f)).isFile());
  for (const file of tracked) {
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(copy, file));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  for (const file of filesUnder(FIXTURE).filter((f) => f !== 'README.md')) {
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(path.join(FIXTURE, file), path.join(copy, file));
  }
  const run = (...args: string[]) => {
    try {
      execFileSync(process.execPath, args, { cwd: copy, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
    }
  };
  // Typed by its own files: the toy's handlers, calls and events typecheck on both sides.
  fs.writeFileSync(path.join(copy, 'tsconfig.toy-node.json'), JSON.stringify({ extends: './tsconfig.node.json', include: ['electron/**/*.ts'], exclude: ['**/*.test.ts'] }));
  run('node_modules/typescript/bin/tsc', '-p', 'tsconfig.toy-node.json', '--noEmit');
  run('node_modules/typescript/bin/tsc', '-p', 'tsconfig.web.json', '--noEmit');
  run('node_modules/vite/bin/vite.js', 'build', '-c', 'vite.web.config.ts', '--logLevel', 'error');
  run('node_modules/vite/bin/vite.js', 'build', '-c', 'vite.cli.config.ts', '--logLevel', 'error');

  hs = await startHubSpotStandIn({ seed: { contacts: 5, companies: 1, engagements: 0 }, rateLimit: false });
  product = await serve({ root: copy, env: { ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl } });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  await hs?.stop();
  if (copy && !process.env.KEEP_TOY_COPY) fs.rmSync(copy, { recursive: true, force: true });
});

describe('an area added by files only', () => {
  it('creates files and edits none of the product', () => {
    const added = filesUnder(FIXTURE).filter((f) => f !== 'README.md');
    expect(added.length).toBeGreaterThanOrEqual(5);
    for (const file of added) expect(fs.existsSync(path.join(ROOT, file)), file).toBe(false);
  });

  it('is served: calls with their roles, events to their audience only, and its badge in the top bar', async () => {
    const agent = await ContractSocket.open(product!.origin, product!.token);
    const wall = await ContractSocket.open(product!.origin, new URLSearchParams(new URL(product!.wallboardUrl).hash.slice(1)).get('token')!);
    const page = await browser!.newPage();
    await page.goto(product!.url);
    await expect.poll(() => page.getByTestId('toy-badge').textContent(), { timeout: 15_000 }).toBe('Notes jouet : 0');

    const added = await agent.call('toy.addNote', { body: 'Rappeler pour le ramonage' });
    expect(added).toMatchObject({ ok: true, value: { id: 1, body: 'Rappeler pour le ramonage', contactId: null, filed: false } });
    // Its durable queue files the note by itself.
    await expect.poll(async () => ((await agent.call('toy.notes')).value as Array<{ filed: boolean }>)[0]?.filed, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('toy-badge').textContent()).toBe('Notes jouet : 1');

    // The wall screen may read, not write; it hears the count, never the note.
    expect(await wall.call('toy.addNote', { body: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await wall.call('toy.notes')).toMatchObject({ ok: true });
    await waitFor('the toy events', () => agent.events.some((e) => e.name === 'toy.noted') && wall.events.some((e) => e.name === 'toy.counted'));
    expect(agent.events.map((e) => e.name)).toEqual(expect.arrayContaining(['toy.noted', 'toy.counted']));
    expect(wall.events.map((e) => e.name)).not.toContain('toy.noted');
    agent.close();
    wall.close();
    await page.close();
  });

  it('migrated its table once, and its demo purge hook runs when the demo goes', async () => {
    const agent = await ContractSocket.open(product!.origin, product!.token);
    const pop = (await agent.call('directory.identify', { number: DEMO_FIXTURES.mobileContact.e164 })) as { value: { card: { contact: { id: string } } } };
    const demoContact = pop.value.card.contact.id;
    await agent.call('toy.addNote', { body: 'Note sur un client de démonstration', contactId: demoContact });
    const before = (await agent.call('toy.notes')).value as unknown[];
    expect(before).toHaveLength(2);

    expect((await agent.call('sync.setToken', { token: hs!.token })).ok).toBe(true);
    await expect.poll(async () => ((await agent.call('toy.notes')).value as Array<{ contactId: string | null }>).map((n) => n.contactId), { timeout: 30_000 }).toEqual([null]);
    agent.close();

    const db = new BetterSqlite3(path.join(product!.dataDir, 'accueil.db'), { readonly: true, fileMustExist: true });
    try {
      expect(db.prepare(`SELECT version FROM area_schema WHERE area = 'toy'`).get()).toEqual({ version: 1 });
    } finally {
      db.close();
    }
  });
});
