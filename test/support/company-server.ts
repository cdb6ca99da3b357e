/**
 * The company server as IT starts it (test support): a configuration file, people added with
 * `accueil users add` (their one-time links kept), then `accueil serve --config` in a child process.
 * Needs `npm run build:web` first (npm test does it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/accueil.mjs');

export interface Person {
  login: string;
  role: 'admin' | 'supervisor' | 'agent' | 'technician';
  name: string;
  sipUser?: string;
}

export interface CompanyServer {
  origin: string;
  dir: string;
  configFile: string;
  /** Each person's one-time link to choose a password. */
  links: Map<string, string>;
  /** Runs `accueil …  --config FILE` and returns its exit code and output. */
  cli(...args: string[]): { code: number | null; out: string; err: string };
  output(): string;
  /** Stops the server process and starts it again on the same configuration (and port). */
  restart(): Promise<void>;
  /** The server process (bench: its memory). */
  pid(): number;
  stop(): Promise<void>;
}

export function passwordToken(link: string): string {
  return new URLSearchParams(new URL(link).hash.slice(1)).get('jeton')!;
}

export async function startCompanyServer(people: readonly Person[], config: Record<string, unknown> = {}): Promise<CompanyServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-company-'));
  const port = await freePort('tcp');
  const configFile = path.join(dir, 'accueil.json');
  fs.writeFileSync(configFile, JSON.stringify({ dataDir: 'data', listen: `127.0.0.1:${port}`, trustedProxies: ['127.0.0.1'], ...config }, null, 2));
  const cli = (...args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...args, '--config', configFile], { encoding: 'utf8', env: { ...process.env, ACCUEIL_DATA_DIR: '' } });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
  const links = new Map<string, string>();
  for (const person of people) {
    const result = cli('users', 'add', person.login, '--role', person.role, '--name', person.name, ...(person.sipUser ? ['--sip-user', person.sipUser] : []));
    if (result.code !== 0) throw new Error(`accueil users add ${person.login} failed: ${result.err}`);
    links.set(person.login, /(http:\/\/\S+\/mot-de-passe#jeton=\S+)/.exec(result.out)![1]!);
  }
  let output = '';
  let child: ChildProcess;
  const launch = () =>
    new Promise<string>((resolve, reject) => {
      output = '';
      child = spawn(process.execPath, [CLI, 'serve', '--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 60_000);
      child.stdout!.on('data', () => {
        const match = /Personnel : (http:\/\/\S+) /.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`accueil serve exited with ${code}:\n${output}`)));
    });
  const halt = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const origin = await launch();
  return {
    origin,
    dir,
    configFile,
    links,
    cli,
    output: () => output,
    async restart() {
      await halt();
      await launch();
    },
    pid: () => child.pid!,
    async stop() {
      await halt();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Chooses a person's password through the server's route, as the page would. */
export async function choosePassword(server: CompanyServer, login: string, password: string): Promise<void> {
  const answer = await fetch(`${server.origin}/api/password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: passwordToken(server.links.get(login)!), password }),
  });
  if (!answer.ok) throw new Error(`password for ${login}: ${answer.status}`);
}
