/**
 * What the phone keeps between visits to the app, in IndexedDB (it survives a restart, a page
 * reload and a day without network): the last day's data, the action queue (action-queue.ts's
 * QueueStore, in the order actions were made) and the pictures taken (shown before and after they
 * are sent). Nothing here is a secret: the session is an HttpOnly cookie the page cannot read.
 */
import type { TechnicianDays } from '../../../electron/contract/technician-phone';
import type { QueuedAction, QueueStore } from './action-queue';

const DB_NAME = 'accueil-technicien';
const VERSION = 1;

export interface StoredPicture {
  clientId: string;
  interventionId: string;
  kind: 'photo' | 'signature';
  blob: Blob;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB'));
  });
}

export class LocalStore implements QueueStore {
  private constructor(private readonly db: IDBDatabase) {}

  static open(): Promise<LocalStore> {
    return new Promise((resolve, reject) => {
      const open = indexedDB.open(DB_NAME, VERSION);
      open.onupgradeneeded = () => {
        const db = open.result;
        db.createObjectStore('kv');
        const queue = db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
        queue.createIndex('clientId', 'clientId', { unique: true });
        const pictures = db.createObjectStore('pictures', { keyPath: 'clientId' });
        pictures.createIndex('interventionId', 'interventionId');
      };
      open.onsuccess = () => resolve(new LocalStore(open.result));
      open.onerror = () => reject(open.error ?? new Error('IndexedDB'));
    });
  }

  private store(name: 'kv' | 'queue' | 'pictures', mode: IDBTransactionMode): IDBObjectStore {
    return this.db.transaction(name, mode).objectStore(name);
  }

  async day(): Promise<TechnicianDays | null> {
    return ((await request(this.store('kv', 'readonly').get('day'))) as TechnicianDays | undefined) ?? null;
  }

  async saveDay(day: TechnicianDays): Promise<void> {
    await request(this.store('kv', 'readwrite').put(day, 'day'));
  }

  async all(): Promise<QueuedAction[]> {
    const rows = (await request(this.store('queue', 'readonly').getAll())) as Array<QueuedAction & { seq: number }>;
    return rows.sort((a, b) => a.seq - b.seq).map(({ seq: _seq, ...action }) => action);
  }

  async put(action: QueuedAction): Promise<void> {
    const store = this.store('queue', 'readwrite');
    const known = await request(store.index('clientId').getKey(action.clientId));
    if (known === undefined) await request(store.add({ ...action }));
  }

  async remove(clientId: string): Promise<void> {
    const store = this.store('queue', 'readwrite');
    const key = await request(store.index('clientId').getKey(clientId));
    if (key !== undefined) await request(store.delete(key));
  }

  async savePicture(picture: StoredPicture): Promise<void> {
    await request(this.store('pictures', 'readwrite').put(picture));
  }

  async picturesOf(interventionId: string): Promise<StoredPicture[]> {
    return (await request(this.store('pictures', 'readonly').index('interventionId').getAll(interventionId))) as StoredPicture[];
  }

  /** Signing out: the next technician on this phone sees nothing of this one's round. */
  async clear(): Promise<void> {
    for (const name of ['kv', 'queue', 'pictures'] as const) await request(this.store(name, 'readwrite').clear());
  }
}
