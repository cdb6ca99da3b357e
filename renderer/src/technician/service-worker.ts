/**
 * The technicians' app's service worker (built alone as technicien-sw.js, served at
 * /technicien/sw.js with its scope /technicien/). The server writes the build's version and the
 * list of the app's files in front of this script (`self.__ACCUEIL_APP__`), so:
 *  - install keeps every file of the app shell (page, scripts, styles, manifest, icons) in a cache
 *    named after the version; activate drops older versions' caches;
 *  - the app's files are answered from that cache (the app opens with no network);
 *  - the day's data (GET /technicien/api/journee) goes to the network first and is kept, so a reload
 *    without network still shows the day; the other API calls are never cached.
 * It imports nothing: one self-contained script.
 */

interface WorkerEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface WorkerFetchEvent extends WorkerEvent {
  request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface WorkerScope {
  __ACCUEIL_APP__?: { version: string; precache: string[] };
  location: Location;
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: WorkerEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: WorkerFetchEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const app = worker.__ACCUEIL_APP__ ?? { version: 'dev', precache: [] };
const SHELL_CACHE = `technicien-app-${app.version}`;
const DATA_CACHE = 'technicien-journee';
const DAY_PATH = '/technicien/api/journee';
const APP_HOME = '/technicien/';

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(app.precache))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('technicien-app-') && n !== SHELL_CACHE).map((n) => caches.delete(n))))
      .then(() => worker.clients.claim()),
  );
});

async function dayFromNetworkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(DATA_CACHE);
  try {
    const answer = await fetch(request);
    if (answer.ok) await cache.put(DAY_PATH, answer.clone());
    // Signed out: what was kept belongs to a session that ended.
    if (answer.status === 401) await cache.delete(DAY_PATH);
    return answer;
  } catch (error) {
    const kept = await cache.match(DAY_PATH);
    if (kept) return kept;
    throw error;
  }
}

async function shellFirst(request: Request): Promise<Response> {
  const cache = await caches.open(SHELL_CACHE);
  const url = new URL(request.url);
  const kept = await cache.match(request.mode === 'navigate' ? APP_HOME : url.pathname);
  return kept ?? fetch(request);
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin || !url.pathname.startsWith(APP_HOME)) return;
  if (url.pathname === DAY_PATH) return event.respondWith(dayFromNetworkFirst(request));
  if (url.pathname.startsWith('/technicien/api/') || url.pathname === '/technicien/sw.js') return;
  event.respondWith(shellFirst(request));
});
