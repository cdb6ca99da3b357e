/**
 * The technician's phone keeps working without network: each action gets an id made here (a random
 * UUID) and waits in a queue stored on the phone (IndexedDB in the app, memory in tests) until it is
 * sent. Sending is in order, one at a time; an action leaves the queue only once the server has
 * answered for it, so a photo or a signature is never lost, and a resend after a lost answer is
 * harmless because the server applies each client id once.
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

/** Sends one action; throws when the network is down (the action stays queued). */
export type Send = (action: QueuedAction) => Promise<SendResult>;

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
    for (const action of await this.store.all()) {
      let result: SendResult;
      try {
        result = await this.send(action);
      } catch {
        this.update({ offline: true, pending: (await this.store.all()).length });
        return this.state;
      }
      if (!result.ok) this.update({ refused: [...this.state.refused, { clientId: action.clientId, reason: result.reason }] });
      await this.store.remove(action.clientId);
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
