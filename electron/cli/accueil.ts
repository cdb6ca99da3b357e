/**
 * `accueil`: the command line for IT and scripts.
 *
 *   accueil serve      --data-dir DIR [--port N]          web mode; prints the URL with its token
 *   accueil lookup     NUMBER --data-dir DIR [--json]     who would pop for this number
 *   accueil demo-data  --data-dir DIR [--contacts N] [--seed S]
 *   accueil calls      --data-dir DIR [--json] [--limit N] [--missed]
 *   accueil sync       --data-dir DIR [--full|--once]     HubSpot → cache (+ outbox); progress bar on a TTY
 *   accueil simulate-call NUMBER --data-dir DIR [--answered|--missed]   rings the running console
 *   accueil serve      --config FILE [--listen H:P] …       the company server (accounts, LAN, public surface)
 *   accueil users      add|list|disable|enable|reset-password|set-role …   people and roles (company server)
 *   accueil audit      [--json] [--limit N]              logins, failures and administrative changes
 *   accueil backup     --to FILE [--data-dir DIR]        a consistent copy, while serving
 *   accueil restore    --from FILE --data-dir DIR [--force]
 *   accueil routes solve INSTANCE.json [--json] [--seed N]   a day's routes (no data dir)
 *   accueil sage       import FILE [--format …] [--encoding …] [--dry-run] [--json] | export --out FILE | reviews
 *
 * Exit codes: 0 done, 1 the command failed (message on stderr), 2 bad usage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CallRecord, ScreenPop } from '../contract/model';
import { fixedTokenProblem, startWebHost } from '../host/web-host';
import { sessionAuthentication } from '../host/session-authentication';
import { createAccueil } from '../services/accueil';
import { loadServerConfig, parseListen, type ServerConfig } from '../services/server-config';
import type { AccountRole } from '../services/accounts/accounts-repository';
import { createFileLogger } from '../services/log';
import { runSyncCommand } from './sync-command';
import { describeBackup, describeRestore, runBackup, runRestore } from './backup-command';
import { PUBLIC_TIMEOUTS, startPublicSurface } from '../host/public-channel';
import { callRunningConsole, writeConsoleAddress } from './running-console';
import { solveRoutesCommand } from './routes-command';
import { runSageCommand, SageUsageError } from './sage-command';

const VERSION = '0.1.0';
const here = path.dirname(fileURLToPath(import.meta.url));

class UsageError extends Error {}

const USAGE = `Accueil ${VERSION} — console d'accueil téléphonique

Usage :
  accueil serve      [--data-dir DIR] [--port N] [--demo-contacts N]
  accueil lookup     NUMÉRO [--data-dir DIR] [--json]
  accueil demo-data  [--data-dir DIR] [--contacts N] [--seed S]
  accueil calls      [--data-dir DIR] [--json] [--limit N] [--missed]
  accueil satisfaction [--data-dir DIR] [--json] [--days N]
                     note moyenne /10, NPS (avec n et l’intervalle à 95 %), taux de réponse, par technicien et par mois
  accueil churn      [--data-dir DIR] [--limit N] [--json]
                     les clients les plus à risque de départ, avec leurs raisons (modèle appris ou règles)
  accueil workflows dry-run [--data-dir DIR] [--days N] [--json]
                     ce que les automatisations feraient les N prochains jours (14 par défaut), rien n’est envoyé
  accueil workflows history [--data-dir DIR] [--limit N] [--json]
                     les dernières étapes faites, ignorées ou en échec, avec leur raison
  accueil sync       [--data-dir DIR] [--full|--once]
  accueil sage import FICHIER [--format sage100|sage50|csv] [--encoding windows-1252|ibm850|ibm437|utf-8]
                     [--source NOM] [--kind accounts|open-items] [--map champ=Colonne]… [--dry-run] [--json] [--progress]
                     comptes clients ou échéances de Sage : rapport (créés, rapprochés, inchangés, à vérifier, lignes refusées)
  accueil sage export --out FICHIER [--format …] [--encoding …] [--dry-run] [--json]
                     les clients inconnus de Sage, pour l’import du comptable (même format, même code page)
  accueil sage reviews [--json]   rapprochements douteux à trancher
  accueil simulate-call NUMÉRO [--data-dir DIR] [--answered|--missed]
                     fait sonner la console lancée par « accueil serve » (appel simulé, jamais envoyé au CRM)

Serveur de l'entreprise (plusieurs personnes, comptes et rôles) :
  accueil serve --config FICHIER [--listen HÔTE:PORT] [--public-listen HÔTE:PORT] [--public-url https://…]
                [--tls-cert FICHIER --tls-key FICHIER]      (ou ACCUEIL_CONFIG=FICHIER)
  accueil users add IDENTIFIANT --role admin|supervisor|agent|technician --name "Prénom Nom" [--sip-user COMPTE]
  accueil users list [--json]
  accueil users disable|enable|reset-password IDENTIFIANT
  accueil users set-role IDENTIFIANT RÔLE
  accueil users set-sip-password IDENTIFIANT   (mot de passe de sa ligne lu sur l'entrée standard)
  accueil audit [--json] [--limit N]
  (chacune avec --config FICHIER ; « add » et « reset-password » affichent un lien à usage unique pour choisir le mot de passe)

Tournées :
  accueil routes solve INSTANCE.json [--json] [--seed N]
                     ordre et heures d’arrivée par technicien, visites non affectées et pourquoi, km et minutes de route

Sauvegarde :
  accueil backup  --to FICHIER|DOSSIER [--data-dir DIR]     copie cohérente, même pendant le service
  accueil restore --from FICHIER --data-dir DIR [--force]   serveur arrêté ; l'ancien contenu est mis de côté

Dossier de données par défaut : $ACCUEIL_DATA_DIR, sinon ~/.accueil
Standard (PBX) : écran Paramètres, ou ACCUEIL_SIP_WS_URL, ACCUEIL_SIP_URI, ACCUEIL_SIP_USER, ACCUEIL_SIP_PASSWORD.
HubSpot : écran Paramètres, ou ACCUEIL_HUBSPOT_TOKEN (ACCUEIL_HUBSPOT_POLL_MS, ACCUEIL_HUBSPOT_BURST).`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  json: { type: 'boolean', default: false },
  contacts: { type: 'string' },
  'demo-contacts': { type: 'string' },
  seed: { type: 'string' },
  limit: { type: 'string' },
  days: { type: 'string' },
  missed: { type: 'boolean', default: false },
  answered: { type: 'boolean', default: false },
  full: { type: 'boolean', default: false },
  once: { type: 'boolean', default: false },
  config: { type: 'string' },
  listen: { type: 'string' },
  'public-listen': { type: 'string' },
  'public-url': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  'sip-user': { type: 'string' },
  to: { type: 'string' },
  from: { type: 'string' },
  force: { type: 'boolean', default: false },
  format: { type: 'string' },
  encoding: { type: 'string' },
  source: { type: 'string' },
  kind: { type: 'string' },
  map: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean', default: false },
  progress: { type: 'boolean', default: false },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

function integer(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} attend un entier entre ${min} et ${max} (reçu « ${value} »)`);
  return n;
}

function dataDirOf(value: string | undefined): string {
  return path.resolve(value ?? process.env['ACCUEIL_DATA_DIR'] ?? path.join(os.homedir(), '.accueil'));
}

function loggerFor(dataDir: string) {
  return createFileLogger({ file: path.join(dataDir, 'logs', 'accueil.log'), echo: true });
}

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const print = (text: string) => out.write(`${text}\n`);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`accueil : ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) {
    print(VERSION);
    return 0;
  }
  if (values.help || !command) {
    print(USAGE);
    return command || values.help ? 0 : 2;
  }
  try {
    const configFile = values.config ?? process.env['ACCUEIL_CONFIG'] ?? undefined;
    const server = configFile
      ? loadServerConfig(configFile, {
          ...(values.listen ? { listen: values.listen } : {}),
          ...(values['public-listen'] ? { publicListen: values['public-listen'] } : {}),
          ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
          ...(values['tls-cert'] ? { tlsCert: values['tls-cert'] } : {}),
          ...(values['tls-key'] ? { tlsKey: values['tls-key'] } : {}),
        })
      : null;
    const dataDir = dataDirOf(values['data-dir'] ?? server?.dataDir);
    switch (command) {
      case 'serve':
        return server ? await serveCompany(dataDir, server, print) : await serve(dataDir, values, print);
      case 'users':
        return await users(dataDir, server, rest, values, print);
      case 'audit':
        return await audit(dataDir, server, values, print);
      case 'backup': {
        if (!values.to) throw new UsageError('backup attend --to FICHIER (ou un dossier) : accueil backup --to /srv/sauvegardes/');
        print(describeBackup(await runBackup({ dataDir, to: values.to, version: VERSION })));
        return 0;
      }
      case 'restore': {
        if (!values.from) throw new UsageError('restore attend --from FICHIER : accueil restore --from sauvegarde.tar.gz --data-dir DIR');
        print(describeRestore(await runRestore({ from: values.from, dataDir, force: values.force })));
        return 0;
      }
      case 'lookup': {
        const number = rest.join(' ');
        if (!number) throw new UsageError('lookup attend un numéro : accueil lookup "06 12 34 56 78"');
        return await lookup(dataDir, number, values.json, print);
      }
      case 'demo-data':
        return await demoData(dataDir, values, print);
      case 'calls':
        return await calls(dataDir, values, print);
      case 'satisfaction':
        return await satisfaction(dataDir, values, print);
      case 'workflows':
        return await workflows(dataDir, rest, values, print);
      case 'churn':
        return await churn(dataDir, values, print);
      case 'sage':
        return await runSageCommand({ dataDir, version: VERSION, logger: loggerFor(dataDir), args: rest, values, print, progressOut: process.stderr });
      case 'sync':
        if (values.full && values.once) throw new UsageError('--full ou --once, pas les deux');
        return await runSyncCommand({ dataDir, mode: values.full ? 'full' : values.once ? 'once' : 'watch', out });
      case 'simulate-call': {
        const number = rest.join(' ');
        if (!number) throw new UsageError('simulate-call attend un numéro : accueil simulate-call "06 12 34 56 78" [--missed]');
        if (values.answered && values.missed) throw new UsageError('--answered ou --missed, pas les deux');
        const { callKey } = await callRunningConsole(dataDir, 'demo.simulateCall', { number, outcome: values.missed ? 'missed' : 'answered' });
        print(`La console sonne : appel simulé de ${number} (${values.missed ? 'manqué' : 'décroché'}), ${callKey}`);
        return 0;
      }
      case 'routes': {
        const [verb, file, ...extra] = rest;
        if (verb !== 'solve' || !file || extra.length > 0) throw new UsageError('routes attend « solve INSTANCE.json » : accueil routes solve journee.json --json');
        return solveRoutesCommand({ file, json: Boolean(values.json), seed: integer(values.seed, 'seed', 1, 0, 2_147_483_647), print });
      }
      default:
        throw new UsageError(`commande inconnue « ${command} »`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof SageUsageError) {
      process.stderr.write(`accueil : ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`accueil : ${(error as Error).message}\n`);
    return 1;
  }
}

type Values = { port?: string | undefined; 'demo-contacts'?: string | undefined; contacts?: string | undefined; seed?: string | undefined; limit?: string | undefined; days?: string | undefined; missed?: boolean | undefined; json?: boolean | undefined };

async function serve(dataDir: string, values: Values, print: (t: string) => void): Promise<number> {
  // Checked before anything starts: a weak fixed token is refused, not served for a while.
  const fixedToken = process.env['ACCUEIL_WEB_TOKEN'] || undefined;
  const tokenProblem = fixedToken === undefined ? null : fixedTokenProblem(fixedToken);
  if (tokenProblem) throw new Error(tokenProblem);
  const started = performance.now();
  const logger = loggerFor(dataDir);
  const accueil = await createAccueil({
    dataDir,
    mode: 'web',
    version: VERSION,
    logger,
    demoContacts: integer(values['demo-contacts'], 'demo-contacts', 200, 1, 1_000_000),
  });
  const host = await startWebHost({
    dispatch: accueil.dispatch,
    events: accueil.events,
    logger: logger.child('host'),
    staticDir: process.env['ACCUEIL_STATIC_DIR'] ?? path.resolve(here, '../renderer'),
    port: integer(values.port, 'port', 0, 0, 65535),
    ...(fixedToken ? { token: fixedToken } : {}),
    services: { port: (name) => accueil.port(name) },
  });
  const ms = Math.round(performance.now() - started);
  print(`Accueil est prêt (${ms} ms) — données : ${dataDir}${accueil.info().workspace === 'demo' ? ' (espace de démonstration)' : ''}`);
  print(`Ouvrez : ${host.url}`);
  print(`Écran mural (lecture seule) : ${host.wallboardUrl}`);
  logger.info('web mode ready', { port: host.port, startupMs: ms });
  // For `accueil simulate-call` and other scripts on this machine (see running-console.ts).
  const forgetAddress = writeConsoleAddress(dataDir, { origin: new URL(host.url).origin, token: host.token, pid: process.pid });

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  forgetAddress();
  await host.close();
  await accueil.close();
  return 0;
}

/** `accueil serve --config`: the company server (see README « Déployer le serveur de l'entreprise »). */
async function serveCompany(dataDir: string, server: ServerConfig, print: (t: string) => void): Promise<number> {
  const started = performance.now();
  const logger = loggerFor(dataDir);
  const accueil = await createAccueil({ dataDir, mode: 'web', version: VERSION, logger, server });
  const accounts = accueil.port('accounts');
  const listen = parseListen(server.listen)!;
  const host = await startWebHost({
    dispatch: accueil.dispatch,
    events: accueil.events,
    logger: logger.child('host'),
    staticDir: process.env['ACCUEIL_STATIC_DIR'] ?? path.resolve(here, '../renderer'),
    listenHost: listen.host,
    port: listen.port,
    allowedHosts: [new URL(server.agentUrl).host],
    ...(server.tls ? { tls: server.tls } : {}),
    // A client that trickles its request in is cut (open consoles are upgraded sockets: unaffected).
    timeouts: PUBLIC_TIMEOUTS,
    services: { port: (name) => accueil.port(name) },
    authentication: sessionAuthentication({ accounts, logger: logger.child('sessions'), trustedProxies: server.trustedProxies, tls: Boolean(server.tls) }),
  }).catch(async (error: unknown) => {
    await accueil.close();
    throw error;
  });
  const publicListen = server.publicListen ? parseListen(server.publicListen) : null;
  const publicSurface =
    publicListen && server.publicUrl
      ? await startPublicSurface({
          logger: logger.child('public'),
          publicUrl: server.publicUrl,
          trustedProxies: server.trustedProxies,
          secrets: accueil.secrets,
          version: VERSION,
          // Each area's public pages (surveys…), reading the running services.
          services: { port: (name) => accueil.port(name) },
          // The technicians' app (/technicien/) is served from the built renderer.
          assetsDir: process.env['ACCUEIL_STATIC_DIR'] ?? path.resolve(here, '../renderer'),
          host: publicListen.host,
          port: publicListen.port,
          // --tls-cert/--tls-key: both surfaces serve TLS themselves (no reverse proxy).
          ...(server.tls ? { tls: server.tls } : {}),
        }).catch(async (error: unknown) => {
          await host.close();
          await accueil.close();
          throw error;
        })
      : null;
  const ms = Math.round(performance.now() - started);
  print(`Serveur de l'entreprise prêt (${ms} ms) — données : ${dataDir}`);
  print(`Personnel : ${server.agentUrl} (écoute ${listen.host}:${host.port})`);
  if (publicSurface) print(`Public : ${publicSurface.publicUrl} (écoute ${publicSurface.url})`);
  if (accounts.list().length === 0) {
    print(`Aucun compte encore : créez l'administrateur avec « accueil users add admin --role admin --name "Prénom Nom" --config ${server.file} ».`);
  }
  logger.info('company server ready', { port: host.port, startupMs: ms });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await publicSurface?.close();
  await host.close();
  await accueil.close();
  return 0;
}

function readStdin(): string {
  try {
    return fs.readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

/** One-shot commands on the company server's data (beside a running server: SQLite allows it). */
async function withServerData<T>(dataDir: string, server: ServerConfig | null, work: (accueil: Awaited<ReturnType<typeof createAccueil>>) => Promise<T> | T): Promise<T> {
  if (!server) throw new UsageError('les comptes sont ceux du serveur de l’entreprise : indiquez sa configuration (--config FICHIER ou ACCUEIL_CONFIG)');
  const accueil = await createAccueil({ dataDir, mode: 'web', version: VERSION, logger: loggerFor(dataDir), startTelephony: false, startSync: false, server });
  try {
    return await work(accueil);
  } finally {
    await accueil.close();
  }
}

const ROLE_NAMES: Record<AccountRole, string> = { admin: 'administrateur', supervisor: 'superviseur', agent: 'agent', technician: 'technicien' };

type UserValues = { role?: string | undefined; name?: string | undefined; 'sip-user'?: string | undefined; json?: boolean | undefined; limit?: string | undefined };

async function users(dataDir: string, server: ServerConfig | null, args: string[], values: UserValues, print: (t: string) => void): Promise<number> {
  const [action, login, extra] = args;
  const actor = { login: `cli:${os.userInfo().username}` };
  const link = (token: string) => `${server?.agentUrl ?? ''}/mot-de-passe#jeton=${token}`;
  const needLogin = () => {
    if (!login) throw new UsageError(`users ${action} attend un identifiant`);
    return login;
  };
  return withServerData(dataDir, server, (accueil) => {
    const accounts = accueil.port('accounts');
    switch (action) {
      case 'add': {
        if (!values.role || !values.name) throw new UsageError('users add attend --role et --name : accueil users add claire --role agent --name "Claire Martin"');
        const { account, passwordToken } = accounts.add({ login: needLogin(), name: values.name, role: values.role as AccountRole, sipUser: values['sip-user'] ?? null }, actor);
        print(`Compte créé : ${account.login} (${ROLE_NAMES[account.role]}, ${account.name}${account.sipUser ? `, ligne ${account.sipUser}` : ''}).`);
        print(`Lien à usage unique pour choisir le mot de passe (valable 72 h) : ${link(passwordToken)}`);
        return 0;
      }
      case 'list': {
        const list = accounts.list();
        if (values.json) print(JSON.stringify(list, null, 2));
        else if (list.length === 0) print('Aucun compte.');
        else for (const a of list) print(`${a.login.padEnd(16)} ${ROLE_NAMES[a.role].padEnd(15)} ${a.name}${a.sipUser ? ` — ligne ${a.sipUser}` : ''}${a.disabled ? ' — désactivé' : ''}${a.hasPassword ? '' : ' — mot de passe à choisir'}`);
        return 0;
      }
      case 'disable':
        accounts.disable(needLogin(), actor);
        print(`Compte ${login} désactivé ; ses sessions sont fermées.`);
        return 0;
      case 'enable':
        accounts.enable(needLogin(), actor);
        print(`Compte ${login} réactivé.`);
        return 0;
      case 'reset-password': {
        const token = accounts.resetPassword(needLogin(), actor);
        print(`Mot de passe de ${login} effacé, sessions fermées. Lien à usage unique (valable 72 h) : ${link(token)}`);
        return 0;
      }
      case 'set-sip-password': {
        const account = accounts.get(needLogin());
        if (!account?.sipUser) throw new Error(`${login} n’a pas de ligne : accueil users add … --sip-user COMPTE, ou l’écran des comptes.`);
        const password = readStdin().replace(/\r?\n$/, '');
        accueil.secrets.set(`sip.password.${account.sipUser}`, password === '' ? null : password);
        print(password === '' ? `Mot de passe de la ligne ${account.sipUser} effacé.` : `Mot de passe de la ligne ${account.sipUser} enregistré dans les secrets du dossier de données (fichier lisible par le seul compte du service, jamais dans un journal) ; le serveur l’utilise à la prochaine connexion de la ligne.`);
        return 0;
      }
      case 'set-role': {
        if (!extra) throw new UsageError('users set-role attend un identifiant et un rôle : accueil users set-role claire supervisor');
        const account = accounts.setRole(needLogin(), extra as AccountRole, actor);
        print(`${account.login} est maintenant ${ROLE_NAMES[account.role]} ; ses sessions sont fermées.`);
        return 0;
      }
      default:
        throw new UsageError(`users ${action ?? ''} : add, list, disable, enable, reset-password, set-role ou set-sip-password`);
    }
  });
}

async function audit(dataDir: string, server: ServerConfig | null, values: UserValues, print: (t: string) => void): Promise<number> {
  const limit = integer(values.limit, 'limit', 200, 1, 100_000);
  return withServerData(dataDir, server, (accueil) => {
    const entries = accueil.port('accounts').auditLog({ limit });
    if (values.json) print(JSON.stringify(entries, null, 2));
    else for (const e of entries) print(`${e.at}  ${e.action.padEnd(24)} ${e.actor ?? '-'} → ${e.target ?? '-'}${e.ip ? ` (${e.ip})` : ''}`);
    return 0;
  });
}

async function lookup(dataDir: string, number: string, json: boolean | undefined, print: (t: string) => void): Promise<number> {
  const accueil = await createAccueil({ dataDir, mode: 'web', version: VERSION, logger: loggerFor(dataDir), startTelephony: false });
  try {
    const pop: ScreenPop = accueil.lookup(number);
    if (json) {
      print(JSON.stringify(pop, null, 2));
    } else {
      print(`${pop.number.display} (${pop.number.kind}${pop.number.e164 ? `, ${pop.number.e164}` : ''})`);
      if (pop.matches.length === 0) print('  Aucun client connu pour ce numéro.');
      pop.matches.forEach((m, i) => print(`  ${i + 1}. ${m.label}${m.companyName && m.companyName !== m.label ? ` — ${m.companyName}` : ''} [${m.reason}]`));
    }
    return pop.matches.length > 0 ? 0 : 3;
  } finally {
    await accueil.close();
  }
}

async function demoData(dataDir: string, values: Values, print: (t: string) => void): Promise<number> {
  const contacts = integer(values.contacts, 'contacts', 200, 1, 2_000_000);
  const seed = integer(values.seed, 'seed', 42, 0, 2 ** 31);
  const accueil = await createAccueil({ dataDir, mode: 'web', version: VERSION, logger: loggerFor(dataDir), startTelephony: false, seedDemo: false });
  try {
    const started = performance.now();
    const summary = accueil.generateDemo({ contacts, seed });
    print(`Espace de démonstration créé dans ${dataDir} en ${Math.round(performance.now() - started)} ms : ${JSON.stringify(summary)}`);
    return 0;
  } finally {
    await accueil.close();
  }
}

/** `accueil workflows dry-run|history`: what the automations would do, and what they did and why. */
async function workflows(dataDir: string, rest: string[], values: Values, print: (t: string) => void): Promise<number> {
  const [verb] = rest;
  if (verb !== 'dry-run' && verb !== 'history') throw new UsageError('workflows attend « dry-run » ou « history » : accueil workflows dry-run --days 14 --json');
  const accueil = await createAccueil({ dataDir, mode: 'web', version: VERSION, logger: loggerFor(dataDir), startTelephony: false, startSync: false, seedDemo: false });
  try {
    const engine = accueil.port('workflows');
    // Records changed since the server last read them are read now (idempotent: the server would do the same).
    engine.enrolPending();
    const when = (iso: string) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
    if (verb === 'dry-run') {
      const days = integer(values.days, 'days', 14, 1, 60);
      const items = engine.dryRun(days);
      if (values.json) {
        print(JSON.stringify({ days, items }, null, 2));
        return 0;
      }
      print(`Automatisations — les ${days} prochains jours (simulation, rien n’est envoyé) : ${items.length} étape(s)`);
      for (const item of items) print(`  ${when(item.dueAt)}  ${item.ruleName} · ${item.stepLabel}\n      ${item.contactName ?? '—'} — ${item.recordLabel}\n      → ${item.outcome}`);
      return 0;
    }
    const items = engine.history(integer(values.limit, 'limit', 100, 1, 500));
    if (values.json) {
      print(JSON.stringify({ items }, null, 2));
      return 0;
    }
    print(`Automatisations — ${items.length} dernière(s) étape(s)`);
    for (const item of items) print(`  ${when(item.finishedAt ?? item.dueAt)}  ${item.ruleName} · ${item.stepLabel} [${item.state}]\n      ${item.contactName ?? '—'} — ${item.recordLabel}${item.reason ? `\n      ${item.reason}` : ''}`);
    return 0;
  } finally {
    await accueil.close();
  }
}

/** `accueil satisfaction`: the figures the supervisor sees, for a script or a monthly report. */
async function satisfaction(dataDir: string, values: Values, print: (t: string) => void): Promise<number> {
  const accueil = await createAccueil({ dataDir, mode: 'web', version: VERSION, logger: loggerFor(dataDir), startTelephony: false, startSync: false, seedDemo: false });
  try {
    const figures = accueil.port('surveys').figures(integer(values.days, 'days', 90, 7, 365));
    if (values.json) {
      print(JSON.stringify(figures, null, 2));
      return 0;
    }
    const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));
    const decimal = (n: number | null) => (n === null ? '—' : n.toLocaleString('fr-FR'));
    const w = figures.window;
    print(`Satisfaction client — ${figures.windowDays} derniers jours`);
    print(`  Réponses : ${w.n} (${figures.answered} sur ${figures.sent} enquêtes envoyées${figures.responseRate === null ? '' : `, ${figures.responseRate} %`})`);
    print(`  Note moyenne : ${decimal(w.mean)}/10${w.meanInterval ? ` (entre ${decimal(w.meanInterval.low)} et ${decimal(w.meanInterval.high)} à 95 %)` : ''}`);
    print(`  NPS : ${signed(w.nps)}${w.npsInterval ? ` (entre ${signed(w.npsInterval.low)} et ${signed(w.npsInterval.high)} à 95 %)` : ''} — ${w.promoters} promoteurs, ${w.passives} passifs, ${w.detractors} détracteurs`);
    if (figures.byTechnician.length > 0) print('Par technicien :');
    for (const g of figures.byTechnician) print(`  ${g.label.padEnd(24)} ${String(g.n).padStart(4)} réponses  ${decimal(g.mean).padStart(5)}/10  NPS ${signed(g.nps)}`);
    print('Mois par mois :');
    for (const m of figures.months) print(`  ${m.month}  ${String(m.n).padStart(4)} réponses  ${decimal(m.mean).padStart(5)}/10  NPS ${signed(m.nps)}`);
    return 0;
  } finally {
    await accueil.close();
  }
}

/** `accueil churn`: the customers most at risk of leaving, computed now from the data folder. */
async function churn(dataDir: string, values: Values, print: (t: string) => void): Promise<number> {
  const accueil = await createAccueil({ dataDir, mode: 'web', version: VERSION, logger: loggerFor(dataDir), startTelephony: false, startSync: false, seedDemo: false });
  try {
    const desk = accueil.port('churn');
    const state = desk.refresh();
    const top = desk.top(integer(values.limit, 'limit', 20, 1, 10_000));
    if (values.json) {
      print(JSON.stringify({ method: state.method, examples: state.examples, left: state.left, computedAt: state.computedAt, customers: top }, null, 2));
      return 0;
    }
    print(
      state.method === 'learned'
        ? `Risque de départ — modèle appris sur ${state.examples} situations passées (${state.left} départs), ${state.scores.size} clients actifs notés`
        : `Risque de départ — historique trop court pour apprendre (${state.examples} situations passées) : règles de base, ${state.scores.size} clients actifs notés`,
    );
    const levels = { eleve: 'élevé', moyen: 'moyen', faible: 'faible' } as const;
    for (const c of top) print(`  ${String(Math.round(c.probability * 100)).padStart(3)} %  ${levels[c.level].padEnd(6)}  ${c.label.padEnd(32)} ${c.reasons.join(' · ')}`);
    return 0;
  } finally {
    await accueil.close();
  }
}

async function calls(dataDir: string, values: Values, print: (t: string) => void): Promise<number> {
  const accueil = await createAccueil({ dataDir, mode: 'web', version: VERSION, logger: loggerFor(dataDir), startTelephony: false, seedDemo: false });
  try {
    const list: CallRecord[] = accueil.recentCalls({ limit: integer(values.limit, 'limit', 50, 1, 10_000), onlyMissed: Boolean(values.missed) });
    if (values.json) print(JSON.stringify(list, null, 2));
    else
      for (const c of list)
        print(`${c.ringAt}  ${c.state.padEnd(18)} ${c.fromDisplay.padEnd(16)} ${c.matchLabel ?? c.callerName ?? ''}`);
    return 0;
  } finally {
    await accueil.close();
  }
}
