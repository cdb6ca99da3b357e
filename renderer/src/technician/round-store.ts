/**
 * The technician's round on the phone: the day's data (from the server, else as kept on the phone),
 * the queue of actions made on site (action-queue.ts over IndexedDB) and its visible sync state.
 * Every action is queued first and sent when the network lets it: on the spot when online, when the
 * browser says the network is back, and every 20 s while some wait. Nothing waits in memory only.
 */
import { create } from 'zustand';
import type { SheetFields, TechnicianDays, TechnicianJob } from '../../../electron/contract/technician-phone';
import { ActionQueue, type QueuedAction, type SyncState } from './action-queue';
import { editOf, EMPTY_SHEET, localSheet, type Sheet } from './job-sheet';
import { LocalStore } from './local-store';
import { PhoneApi, SignedOutError, type SignInResult } from './phone-api';
import { base64Of, downscale } from './picture';

export interface Conflict {
  field: keyof Sheet;
  office: string | null;
}

export interface Picture {
  clientId: string;
  kind: 'photo' | 'signature';
  url: string;
}

interface RoundState {
  phase: 'loading' | 'signed-out' | 'ready';
  name: string | null;
  day: TechnicianDays | null;
  /** The session ended while actions wait: they leave after the next sign-in. */
  sessionLost: boolean;
  sync: SyncState;
  queued: QueuedAction[];
  pictures: Record<string, Picture[]>;
  conflicts: Record<string, Conflict[]>;
  /** Visits whose « Terminé » the server has applied. */
  doneSent: Record<string, true>;
  /** « Se déconnecter » while actions still wait (no network): refused, said on screen. */
  signOutRefused: boolean;
  start(): Promise<void>;
  signIn(login: string, password: string): Promise<SignInResult>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
  flush(): Promise<void>;
  edit(interventionId: string, changes: SheetFields): Promise<void>;
  addPhoto(interventionId: string, file: Blob): Promise<void>;
  sign(interventionId: string, png: Blob): Promise<void>;
  finish(interventionId: string): Promise<void>;
}

const api = new PhoneApi();
/** The service worker's cache of the day (service-worker.ts). */
const DAY_CACHE = 'technicien-journee';
let local: LocalStore | null = null;
let queue: ActionQueue | null = null;

export const findJob = (day: TechnicianDays | null, id: string): TechnicianJob | null => day?.days.flatMap((d) => d.jobs).find((j) => j.id === id) ?? null;

/** What the phone shows of a visit's sheet (server values and waiting edits). */
export const sheetOf = (state: Pick<RoundState, 'day' | 'queued'>, id: string): Sheet => localSheet(findJob(state.day, id)?.sheet ?? EMPTY_SHEET, state.queued, id);

export const useRound = create<RoundState>((set, get) => {
  const refreshQueued = async () => {
    if (local) set({ queued: await local.all() });
  };

  const send = async (actions: readonly QueuedAction[]) => {
    const results = await api.sendActions(actions);
    for (const [i, action] of actions.entries()) {
      const result = results[i];
      if (!result?.ok) continue;
      const outcome = result.outcome as { conflicts?: Conflict[] } | null;
      if (action.kind === 'edit' && outcome?.conflicts?.length) {
        set((s) => ({ conflicts: { ...s.conflicts, [action.interventionId]: [...(s.conflicts[action.interventionId] ?? []), ...outcome.conflicts!] } }));
      }
      if (action.kind === 'done') set((s) => ({ doneSent: { ...s.doneSent, [action.interventionId]: true } }));
    }
    return results;
  };

  const enqueue = async (interventionId: string, kind: QueuedAction['kind'], payload: unknown): Promise<QueuedAction | null> => {
    if (!queue) return null;
    const queued = await queue.enqueue({ interventionId, kind, payload });
    await refreshQueued();
    void get().flush();
    return queued;
  };

  const loadPictures = async (day: TechnicianDays | null) => {
    if (!local || !day) return;
    const pictures: Record<string, Picture[]> = {};
    for (const job of day.days.flatMap((d) => d.jobs)) {
      const kept = await local.picturesOf(job.id);
      if (kept.length > 0) pictures[job.id] = kept.map((p) => ({ clientId: p.clientId, kind: p.kind, url: URL.createObjectURL(p.blob) }));
    }
    set({ pictures });
  };

  const keepPicture = async (interventionId: string, kind: 'photo' | 'signature', blob: Blob) => {
    const action = await enqueue(interventionId, kind, { [kind]: { data: await base64Of(blob) } });
    if (!action || !local) return;
    await local.savePicture({ clientId: action.clientId, interventionId, kind, blob });
    set((s) => ({ pictures: { ...s.pictures, [interventionId]: [...(s.pictures[interventionId] ?? []), { clientId: action.clientId, kind, url: URL.createObjectURL(blob) }] } }));
  };

  return {
    phase: 'loading',
    name: null,
    day: null,
    sessionLost: false,
    sync: { pending: 0, syncedAt: null, offline: false, refused: [] },
    queued: [],
    pictures: {},
    conflicts: {},
    doneSent: {},
    signOutRefused: false,

    async start() {
      if (local) return;
      local = await LocalStore.open();
      queue = new ActionQueue(local, send, () => new Date(), () => crypto.randomUUID(), (sync) => set({ sync }));
      window.addEventListener('online', () => void get().flush());
      setInterval(() => {
        if (get().queued.length > 0) void get().flush();
      }, 20_000);
      const kept = await local.day();
      await refreshQueued();
      set({ day: kept, name: kept?.technician.name ?? null, sync: { ...get().sync, pending: get().queued.length } });
      await loadPictures(kept);
      const session = await api.session();
      if (session === null) {
        // No network: the day as kept, if there is one.
        set({ phase: kept ? 'ready' : 'signed-out', sync: { ...get().sync, offline: true } });
        return;
      }
      if (!session.signedIn) {
        set({ phase: 'signed-out', sessionLost: get().queued.length > 0 });
        return;
      }
      set({ phase: 'ready', name: session.name });
      await get().refresh();
      await get().flush();
    },

    async signIn(login, password) {
      const result = await api.signIn(login, password);
      if (result.ok) {
        await api.session();
        set({ phase: 'ready', name: result.name, sessionLost: false });
        await get().refresh();
        await get().flush();
      }
      return result;
    },

    async signOut() {
      // Never drop what waits: it leaves first, or the phone stays signed in.
      if (get().queued.length > 0) await get().flush();
      if (get().queued.length > 0) {
        set({ signOutRefused: true });
        return;
      }
      await api.signOut();
      await local?.clear();
      // The service worker's copy of the day too: the next person on this phone sees nothing of it.
      await caches.delete(DAY_CACHE).catch(() => false);
      set({ phase: 'signed-out', day: null, name: null, queued: [], pictures: {}, conflicts: {}, doneSent: {}, signOutRefused: false });
    },

    async refresh() {
      try {
        const day = await api.days();
        await local?.saveDay(day);
        set({ day, name: day.technician.name });
        await loadPictures(day);
      } catch (error) {
        if (error instanceof SignedOutError) set({ phase: 'signed-out', sessionLost: get().queued.length > 0 });
      }
    },

    async flush() {
      if (!queue) return;
      const before = get().queued.length;
      const state = await queue.flush();
      await refreshQueued();
      if (state.pending > 0 && !state.offline) return;
      if (state.pending > 0) {
        // Stopped: no network, or the session ended (the server said 401)?
        const session = navigator.onLine ? await api.session() : null;
        if (session && !session.signedIn) set({ phase: 'signed-out', sessionLost: true });
        return;
      }
      if (get().signOutRefused) set({ signOutRefused: false });
      if (before > 0) await get().refresh();
    },

    async edit(interventionId, changes) {
      const payload = editOf(sheetOf(get(), interventionId), changes);
      if (payload) await enqueue(interventionId, 'edit', payload);
    },

    async addPhoto(interventionId, file) {
      await keepPicture(interventionId, 'photo', await downscale(file));
    },

    async sign(interventionId, png) {
      await keepPicture(interventionId, 'signature', png);
    },

    async finish(interventionId) {
      await enqueue(interventionId, 'done', {});
    },
  };
});
