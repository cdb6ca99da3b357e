/**
 * The company server's configuration (`accueil serve --config FILE`, or ACCUEIL_CONFIG): a JSON
 * file IT writes once. Without one, Accueil is today's standalone console (one desk, a per-run
 * token, loopback only). Every field is checked at start with a sentence saying what to fix.
 *
 *   {
 *     "dataDir": "/var/lib/accueil",
 *     "listen": "192.168.1.20:8080",            // the staff's surface (consoles, admin, scripts)
 *     "agentUrl": "http://accueil.lan:8080",    // how the staff reach it (links in e-mails, CLI)
 *     "publicListen": "127.0.0.1:8443",         // customers, technicians, webhooks
 *     "publicUrl": "https://accueil.example.fr",// as the reverse proxy publishes it
 *     "trustedProxies": ["127.0.0.1"],          // whose X-Forwarded-For is believed
 *     "tls": { "cert": "/etc/accueil/cert.pem", "key": "/etc/accueil/key.pem" },
 *     "sip": { "wsUrl": "wss://pbx.lan:8089/ws", "domain": "pbx.lan" },   // one line per agent
 *     "sessions": { "idleMinutes": 720, "absoluteHours": 72 }
 *   }
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const Address = z.string().refine((value) => parseListen(value) !== null, { message: 'adresse attendue sous la forme HÔTE:PORT (par exemple 0.0.0.0:8080)' });
const HttpUrl = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));

export const ServerConfigSchema = z
  .object({
    dataDir: z.string().min(1).optional(),
    listen: Address.default('127.0.0.1:8080'),
    agentUrl: HttpUrl.optional(),
    publicListen: Address.optional(),
    publicUrl: z.url({ protocol: /^https$/ }).transform((value) => value.replace(/\/+$/, '')).optional(),
    trustedProxies: z.array(z.string().refine((ip) => net.isIP(ip) !== 0, { message: 'adresse IP attendue' })).default([]),
    tls: z.object({ cert: z.string().min(1), key: z.string().min(1) }).strict().optional(),
    /** The PBX the server registers each agent's line to (their SIP accounts: `accueil users add --sip-user`). */
    sip: z.object({ wsUrl: z.url({ protocol: /^wss?$/ }), domain: z.string().min(1).max(253) }).strict().optional(),
    sessions: z
      .object({ idleMinutes: z.number().int().min(5).max(7 * 24 * 60).default(720), absoluteHours: z.number().int().min(1).max(24 * 90).default(72) })
      .strict()
      .default({ idleMinutes: 720, absoluteHours: 72 }),
  })
  .strict()
  .refine((config) => (config.publicListen === undefined) === (config.publicUrl === undefined), {
    message: 'publicListen et publicUrl vont ensemble : l’adresse où écouter et l’adresse publiée (https://…)',
  });

export type ServerConfig = z.output<typeof ServerConfigSchema> & { agentUrl: string; file: string };

export function parseListen(value: string): { host: string; port: number } | null {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(value.trim());
  if (!match) return null;
  const port = Number(match[2]);
  if (port < 0 || port > 65535) return null;
  const host = match[1]!;
  if (host !== 'localhost' && net.isIP(host) === 0) return null;
  return { host, port };
}

export class ServerConfigError extends Error {}

/** Reads and checks the file; the error names the file and each problem, in French. */
export function loadServerConfig(file: string, overrides: Partial<Record<'listen' | 'publicListen' | 'publicUrl' | 'tlsCert' | 'tlsKey', string>> = {}): ServerConfig {
  const absolute = path.resolve(file);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(absolute, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'fichier introuvable' : `JSON illisible (${(error as Error).message})`;
    throw new ServerConfigError(`Configuration ${absolute} : ${reason}.`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ServerConfigError(`Configuration ${absolute} : un objet JSON est attendu.`);
  const merged: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  if (overrides.listen) merged['listen'] = overrides.listen;
  if (overrides.publicListen) merged['publicListen'] = overrides.publicListen;
  if (overrides.publicUrl) merged['publicUrl'] = overrides.publicUrl;
  if (overrides.tlsCert || overrides.tlsKey) merged['tls'] = { cert: overrides.tlsCert ?? '', key: overrides.tlsKey ?? '' };
  const parsed = ServerConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(fichier)'} : ${issue.message}`);
    throw new ServerConfigError(`Configuration ${absolute} :\n  - ${problems.join('\n  - ')}`);
  }
  const config = parsed.data;
  const listen = parseListen(config.listen)!;
  const shownHost = listen.host === '0.0.0.0' || listen.host === '::' ? 'localhost' : listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  const scheme = config.tls ? 'https' : 'http';
  return {
    ...config,
    ...(config.dataDir ? { dataDir: path.resolve(path.dirname(absolute), config.dataDir) } : {}),
    agentUrl: config.agentUrl ?? `${scheme}://${shownHost}:${listen.port}`,
    file: absolute,
  };
}
