/**
 * The services' outbound events, typed by the contract. Every payload is validated as it is
 * emitted: a contract drift shows up at its source, not as a blank card in the renderer.
 */
import { checkEvent } from '../contract/dispatcher';
import type { EventName, EventPayload } from '../contract/events';

type Listener = (event: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = checkEvent(event, payload);
    for (const listener of [...this.listeners]) {
      try {
        listener(event, checked);
      } catch {
        // One broken transport (a closed window, a dead socket) must not stop the others.
      }
    }
  }

  /** Receives every event; transports forward them as they are. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
    return this.subscribe((name, payload) => {
      if (name === event) handler(payload as EventPayload<E>);
    });
  }
}
