/**
 * A real IMAP server on loopback for tests: a private Dovecot (Debian's `dovecot-imapd`) with its own
 * configuration, run directory, log and Maildir in a temp folder, on a free port, with one mailbox
 * account. Nothing of the system's Dovecot is read or touched (`-c` points at our file only).
 *
 *   const imap = await startImapServer();                       // { host, port, user, password }
 *   await imap.deliver(rawMessage);                               // APPENDs to INBOX, like a delivery
 *   await imap.stop();
 *
 * As root (CI, this machine) Dovecot's own processes drop to its system users (`dovecot`,
 * `dovenull`) and mail is owned by `nobody`: Dovecot refuses mail access as UID 0. As another user,
 * everything runs as that user. `idle: false` removes IDLE from the capabilities, so the client
 * must poll.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './ports';

export const DOVECOT = '/usr/sbin/dovecot';

export interface ImapServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Appends a raw RFC 5322 message to a mailbox (INBOX by default), as a delivery would. */
  deliver(raw: string | Buffer, mailbox?: string): Promise<void>;
  /** The UIDs and flags of a mailbox as the server has them (nothing deleted, nothing flagged…). */
  list(mailbox?: string): Promise<Array<{ uid: number; flags: string[] }>>;
  stop(): Promise<void>;
  log(): string;
}

export interface ImapServerOptions {
  user?: string;
  password?: string;
  /** False: the server does not announce IDLE (the client falls back to polling). */
  idle?: boolean;
}

export function dovecotInstalled(): boolean {
  return fs.existsSync(DOVECOT) && fs.existsSync('/usr/lib/dovecot/imap');
}

function accounts(): { internal: string; login: string; mail: { uid: string; gid: string } } {
  const me = os.userInfo();
  if (me.uid !== 0) return { internal: me.username, login: me.username, mail: { uid: String(me.uid), gid: String(me.gid) } };
  return { internal: 'dovecot', login: 'dovenull', mail: { uid: 'nobody', gid: 'nogroup' } };
}

function waitForGreeting(port: number, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('data', (chunk) => {
        socket.destroy();
        if (chunk.toString().startsWith('* OK')) resolve();
        else reject(new Error(`Dovecot greeted with ${chunk.toString().slice(0, 80)}`));
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`Dovecot did not listen on ${port}:\n${log()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export async function startImapServer(options: ImapServerOptions = {}): Promise<ImapServer> {
  const user = options.user ?? 'accueil';
  const password = options.password ?? 'mot-de-passe-de-test';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-dovecot-'));
  // Dovecot's unprivileged processes (as root: dovecot, dovenull) must traverse the folder.
  fs.chmodSync(dir, 0o755);
  const mailRoot = path.join(dir, 'mail');
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub), { mode: 0o755 });
  const who = accounts();
  if (os.userInfo().uid === 0) fs.chownSync(mailRoot, 65534, 65534);
  const port = await freePort('tcp');
  const usersFile = path.join(dir, 'users');
  fs.writeFileSync(usersFile, `${user}:{PLAIN}${password}\n`, { mode: 0o644 });
  const logFile = path.join(dir, 'dovecot.log');
  const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${logFile}
info_log_path = ${logFile}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${who.internal}
default_login_user = ${who.login}
mail_location = maildir:${mailRoot}/%u/Maildir
${options.idle === false ? 'imap_capability = IMAP4rev1 SASL-IR LITERAL+ ENABLE UIDPLUS NAMESPACE CONDSTORE ESEARCH SPECIAL-USE MOVE' : ''}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${usersFile}
}
userdb {
  driver = static
  args = uid=${who.mail.uid} gid=${who.mail.gid} home=${mailRoot}/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  inet_listener http {
    port = 0
  }
}
`;
  const configFile = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(configFile, config);
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForGreeting(port, 10_000, () => `${stderr}\n${log()}`);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  const client = () =>
    new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, tls: { rejectUnauthorized: false } });

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async deliver(raw, mailbox = 'INBOX') {
      const imap = client();
      await imap.connect();
      try {
        if (mailbox !== 'INBOX') await imap.mailboxCreate(mailbox).catch(() => undefined);
        await imap.append(mailbox, typeof raw === 'string' ? Buffer.from(raw.replace(/\r?\n/g, '\r\n'), 'utf8') : raw);
      } finally {
        await imap.logout();
      }
    },
    async list(mailbox = 'INBOX') {
      const imap = client();
      await imap.connect();
      try {
        await imap.mailboxOpen(mailbox, { readOnly: true });
        const found: Array<{ uid: number; flags: string[] }> = [];
        for await (const message of imap.fetch('1:*', { uid: true, flags: true })) found.push({ uid: message.uid, flags: [...(message.flags ?? [])] });
        return found;
      } finally {
        await imap.logout();
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
    log,
  };
}
