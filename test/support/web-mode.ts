/**
 * Starts the product as a newcomer would (`node bin/accueil.mjs serve`), in a child process, and
 * Debian's Chromium driven by playwright-core. Needs `npm run build:web` first (npm test does it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startKamailio, type KamailioServer } from './kamailio.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';

export interface ServedProduct {
  url: string;
  wallboardUrl: string;
  origin: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export function tempDataDir(prefix = 'accueil-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function serve(options: { dataDir?: string; env?: Record<string, string>; args?: string[]; /** Another built copy of the product (toy-area test). */ root?: string } = {}): Promise<ServedProduct> {
  const root = options.root ?? ROOT;
  const entry = path.join(root, 'out/cli/accueil.mjs');
  if (!fs.existsSync(entry)) throw new Error('out/cli/accueil.mjs is missing: run `npm run build:web` first');
  const dataDir = options.dataDir ?? tempDataDir();
  const child = spawn(process.execPath, [path.join(root, 'bin/accueil.mjs'), 'serve', '--data-dir', dataDir, ...(options.args ?? [])], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`accueil serve did not print its URL in time:\n${out}`)), 60_000);
    const check = () => {
      const match = /Ouvrez : (http:\/\/\S+)/.exec(out);
      // The wall screen's line is printed next, possibly in another chunk: wait for both.
      if (match?.[1] && /Écran mural \(lecture seule\) : http:\/\/\S+\n/.test(out)) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`accueil serve exited with ${code}:\n${out}`));
    });
  });
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '';
  const wallboardUrl = /Écran mural \(lecture seule\) : (http:\/\/\S+)/.exec(out)?.[1] ?? '';
  return {
    url,
    wallboardUrl,
    origin: parsed.origin,
    token,
    dataDir,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

export const ARTIFACTS = path.join(ROOT, 'test-results');

/** Claire's console, as the end-to-end tests start it: a registrar, the product, a browser page. */
export interface AgentConsole {
  kamailio: KamailioServer;
  product: ServedProduct;
  browser: Browser;
  page: Page;
  /** Messages of any alert/confirm the page opened (hostile content must open none). */
  dialogs: string[];
  stop(): Promise<void>;
}

/**
 * Starts Kamailio, `accueil serve` registered as claire (plus `env`), Chromium on the printed URL,
 * and waits until the status bar says the line is registered.
 */
export async function startAgentConsole(options: { env?: Record<string, string>; viewport?: { width: number; height: number }; presence?: boolean } = {}): Promise<AgentConsole> {
  const kamailio = await startKamailio(options.presence ? { presence: true } : {});
  const product = await serve({
    env: {
      ACCUEIL_SIP_WS_URL: kamailio.wsUrl,
      ACCUEIL_SIP_URI: 'sip:claire@127.0.0.1',
      ACCUEIL_SIP_USER: 'claire',
      ACCUEIL_SIP_PASSWORD: 'not-checked-by-this-registrar',
      ...options.env,
    },
  });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1366, height: 768 } });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(product.url);
  await page.locator('[data-testid="status-registration"][data-state="registered"]').waitFor({ timeout: 20_000 });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return {
    kamailio,
    product,
    browser,
    page,
    dialogs,
    async stop() {
      await browser.close();
      await product.stop();
      await kamailio.stop();
      fs.rmSync(product.dataDir, { recursive: true, force: true });
    },
  };
}
