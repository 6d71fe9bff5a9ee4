/**
 * Fan-out of contract events from the core to every connected client (windows over IPC, browser tabs
 * over WebSocket). A listener that throws is logged and kept; it never stops delivery to the others.
 */
import type { EventName, EventPayload } from '../../../shared/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event, payload);
      } catch (err) {
        console.error(`[tandem] event listener for ${event} failed`, err);
      }
    }
  }

  /** Returns the unsubscribe. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
