/**
 * The HTTP core every surface of the web host shares: one loopback server, the Host header check
 * (DNS rebinding), the Origin check of WebSocket upgrades (another site open in the same browser),
 * the security headers, and the built renderer's static files. What is served beyond that — the
 * console's contract socket today; the company server's customer portal, technicians' app and
 * webhooks tomorrow — is a channel (`HostChannel`), plugged in without editing this file.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../services/log';

export interface UpgradeRequest {
  req: http.IncomingMessage;
  socket: Duplex;
  head: Buffer;
  url: URL;
  /** Answers the upgrade with an HTTP error and closes the socket (logged with its reason). */
  refuse(status: number, reason: string): void;
}

/** One surface of the host: its pages, its HTTP routes, its WebSocket. */
export interface HostChannel {
  name: string;
  /** Page paths this surface serves from the renderer build, e.g. { '/wallboard': 'index.html' }. */
  pages?: Record<string, string>;
  /** The path of its WebSocket upgrade (Host and Origin already checked). */
  upgradePath?: string;
  upgrade?(request: UpgradeRequest): void;
  /** An HTTP route of its own (Host already checked); true when it answered. */
  handle?(req: http.IncomingMessage, res: http.ServerResponse, url: URL): boolean;
  close?(): void | Promise<void>;
}

export interface HttpCoreOptions {
  logger: Logger;
  /**
   * Folder of the built renderer (out/renderer); null for a core that serves no renderer at all
   * (the company server's public surface: its channel answers every path, and the console's
   * index.html must not be reachable there even by mistake).
   */
  staticDir: string | null;
  port?: number;
  /** Address to listen on: loopback by default; the company server may give a LAN address. */
  host?: string;
  /**
   * Host headers accepted besides this machine's loopback names (DNS rebinding): the names the
   * company server is reached by (`accueil.lan:8080`, `accueil.example.fr`).
   */
  allowedHosts?: readonly string[];
  /** Serve HTTPS directly (PEM files); otherwise HTTP, normally behind a TLS reverse proxy. */
  tls?: { cert: string; key: string };
  /**
   * Slow clients (a connection that trickles its headers or body holds a socket): how long the
   * headers, and the whole request, may take before the server answers 408 and closes; how often
   * connections are checked. Node's defaults (60 s, 300 s, every 30 s) otherwise.
   */
  timeouts?: { headersMs?: number; requestMs?: number; keepAliveMs?: number; checkEveryMs?: number };
  channels: readonly HostChannel[];
}

export interface HttpCore {
  origin: string;
  port: number;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
  // The page's own CSP is a <meta> in index.html (it must also hold under file:// in Electron);
  // frame-ancestors only works as a header.
  'Content-Security-Policy': "frame-ancestors 'none'",
};

export async function startHttpCore(options: HttpCoreOptions): Promise<HttpCore> {
  const { logger, channels } = options;
  const bindHost = options.host ?? '127.0.0.1';
  const staticRoot = options.staticDir === null ? null : path.resolve(options.staticDir);
  if (staticRoot !== null && !fs.existsSync(path.join(staticRoot, 'index.html'))) {
    throw new Error(`Interface introuvable dans ${staticRoot} : lancez d’abord « npm run build:web ».`);
  }
  const pages = new Map<string, string>(staticRoot === null ? [] : [['/', 'index.html']]);
  const upgrades = new Map<string, HostChannel>();
  for (const channel of channels) {
    for (const [page, file] of Object.entries(channel.pages ?? {})) {
      if (staticRoot === null) throw new Error(`Page « ${page} » of channel ${channel.name}: this core serves no renderer`);
      if (pages.has(page) && page !== '/') throw new Error(`Page « ${page} » served by two channels (${channel.name})`);
      pages.set(page, file);
    }
    if (channel.upgradePath) {
      if (upgrades.has(channel.upgradePath)) throw new Error(`WebSocket « ${channel.upgradePath} » served by two channels (${channel.name})`);
      upgrades.set(channel.upgradePath, channel);
    }
  }

  let port = 0;
  const configuredHosts = (options.allowedHosts ?? []).map((h) => h.toLowerCase());
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, ...configuredHosts]);
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!allowedHosts().has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Hôte refusé');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    for (const channel of channels) if (channel.handle?.(req, res, url)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    serveStatic(req, res, url);
  };
  const timeouts = options.timeouts ?? {};
  const serverOptions: http.ServerOptions = {
    ...(timeouts.headersMs !== undefined ? { headersTimeout: timeouts.headersMs } : {}),
    ...(timeouts.requestMs !== undefined ? { requestTimeout: timeouts.requestMs } : {}),
    ...(timeouts.keepAliveMs !== undefined ? { keepAliveTimeout: timeouts.keepAliveMs } : {}),
    ...(timeouts.checkEveryMs !== undefined ? { connectionsCheckingInterval: timeouts.checkEveryMs } : {}),
  };
  const server = options.tls
    ? https.createServer({ ...serverOptions, cert: fs.readFileSync(options.tls.cert), key: fs.readFileSync(options.tls.key) }, onRequest)
    : http.createServer(serverOptions, onRequest);

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (staticRoot === null) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Introuvable');
      return;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const page = pages.get(relative);
    if (page) relative = `/${page}`;
    const file = path.resolve(staticRoot, `.${relative}`);
    if (!file.startsWith(staticRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Introuvable');
      return;
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  }

  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, reason: string) => {
      logger.warn('web socket refused', { reason, origin: req.headers.origin ?? null });
      socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    const channel = upgrades.get(url.pathname);
    if (!channel?.upgrade) return refuse(404, 'Not Found');
    if (!allowedHosts().has((req.headers.host ?? '').toLowerCase())) return refuse(421, 'Misdirected Request');
    const origin = req.headers.origin;
    // Browsers always send Origin on a WebSocket upgrade: a foreign page is refused here even if it
    // guessed the port. Scripts (no Origin) still need the channel's own credentials.
    if (origin !== undefined && !sameOrigin(origin)) return refuse(403, 'Forbidden');
    channel.upgrade({ req, socket, head, url, refuse });
  });

  /** An Origin of this server: a name it is published under, or its own scheme and address. */
  function sameOrigin(origin: string): boolean {
    const match = /^(https?):\/\/([^/]+)$/.exec(origin.toLowerCase());
    if (!match) return false;
    const [, scheme, host] = match as unknown as [string, string, string];
    // A published name may be fronted by a TLS proxy: the page is https, this server plain http.
    if (configuredHosts.includes(host)) return true;
    return scheme === (options.tls ? 'https' : 'http') && allowedHosts().has(host);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  const shownHost = bindHost === '0.0.0.0' ? '127.0.0.1' : bindHost === '::' ? '[::1]' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  return {
    origin: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    async close() {
      for (const channel of channels) await channel.close?.();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Browsers and scripts keep idle keep-alive connections open: without this, stopping waits for them.
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), 2_000);
      await closed;
      clearTimeout(cut);
    },
  };
}
