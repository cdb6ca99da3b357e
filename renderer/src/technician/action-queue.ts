/**
 * The technician's phone keeps working without network: each action gets an id made here (a random
 * UUID) and waits in a queue stored on the phone (IndexedDB in the app, memory in tests) until it is
 * sent. Sending is in order, several actions per request (nextBatch: a day's edits made offline
 * leave in one request on a weak network, not one each); an action leaves the queue only once the
 * server has answered for it, so a photo or a signature is never lost, and a resend after a lost
 * answer is harmless because the server applies each client id once.
 */

export interface QueuedAction {
  readonly clientId: string;
  readonly interventionId: string;
  readonly kind: 'edit' | 'photo' | 'signature' | 'done';
  readonly payload: unknown;
  readonly madeAt: string;
}

/** Where queued actions live on the phone. Order of `all()` is the order of `put()`. */
export interface QueueStore {
  all(): Promise<QueuedAction[]>;
  put(action: QueuedAction): Promise<void>;
  remove(clientId: string): Promise<void>;
}

export class MemoryQueueStore implements QueueStore {
  private readonly items: QueuedAction[] = [];
  async all() {
    return [...this.items];
  }
  async put(action: QueuedAction) {
    if (!this.items.some((a) => a.clientId === action.clientId)) this.items.push(action);
  }
  async remove(clientId: string) {
    const at = this.items.findIndex((a) => a.clientId === clientId);
    if (at >= 0) this.items.splice(at, 1);
  }
}

/** The server's answer for one action: accepted (fresh or replay), or refused for good (4xx). */
export type SendResult = { readonly ok: true; readonly outcome: unknown } | { readonly ok: false; readonly permanent: true; readonly reason: string };

/** Sends actions in one request, in order, with one result per action; throws when the network is down (they stay queued). */
export type Send = (actions: readonly QueuedAction[]) => Promise<readonly SendResult[]>;

/** Per request: at most this many actions (the server takes 50)… */
export const BATCH_ACTIONS = 20;
/** …and about this much payload (the server takes 12 MB; a photo is ~300 KB of base64). */
export const BATCH_BYTES = 4 * 1024 * 1024;

/** The first actions waiting, as many as one request carries; always at least one. */
export function nextBatch(waiting: readonly QueuedAction[]): QueuedAction[] {
  const batch: QueuedAction[] = [];
  let bytes = 0;
  for (const action of waiting) {
    const size = JSON.stringify(action.payload ?? null).length;
    if (batch.length > 0 && (batch.length >= BATCH_ACTIONS || bytes + size > BATCH_BYTES)) break;
    batch.push(action);
    bytes += size;
  }
  return batch;
}

export interface SyncState {
  readonly pending: number;
  /** When the queue was last emptied by a successful send (phone clock). */
  readonly syncedAt: string | null;
  readonly offline: boolean;
  /** Actions the server refused for good: kept visible, never silently dropped. */
  readonly refused: readonly { clientId: string; reason: string }[];
}

export class ActionQueue {
  private state: SyncState = { pending: 0, syncedAt: null, offline: false, refused: [] };
  private flushing: Promise<SyncState> | null = null;

  constructor(
    private readonly store: QueueStore,
    private readonly send: Send,
    private readonly clock: () => Date,
    private readonly newId: () => string,
    private readonly onChange: (state: SyncState) => void = () => {},
  ) {}

  get current(): SyncState {
    return this.state;
  }

  async enqueue(action: Omit<QueuedAction, 'clientId' | 'madeAt'>): Promise<QueuedAction> {
    const queued: QueuedAction = { ...action, clientId: this.newId(), madeAt: this.clock().toISOString() };
    await this.store.put(queued);
    await this.refreshCount();
    return queued;
  }

  /** Sends what waits, in order; stops at the first network failure. Concurrent calls share one run. */
  flush(): Promise<SyncState> {
    this.flushing ??= this.run().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async run(): Promise<SyncState> {
    for (let waiting = await this.store.all(); waiting.length > 0; waiting = await this.store.all()) {
      const batch = nextBatch(waiting);
      let results: readonly SendResult[];
      try {
        results = await this.send(batch);
        if (results.length !== batch.length) throw new Error(`${results.length} answers for ${batch.length} actions`);
      } catch {
        this.update({ offline: true, pending: (await this.store.all()).length });
        return this.state;
      }
      for (const [i, action] of batch.entries()) {
        const result = results[i]!;
        if (!result.ok) this.update({ refused: [...this.state.refused, { clientId: action.clientId, reason: result.reason }] });
        await this.store.remove(action.clientId);
      }
    }
    this.update({ offline: false, pending: 0, syncedAt: this.clock().toISOString() });
    return this.state;
  }

  private async refreshCount() {
    this.update({ pending: (await this.store.all()).length });
  }

  private update(change: Partial<SyncState>) {
    this.state = { ...this.state, ...change };
    this.onChange(this.state);
  }
}
