// Contract events from the handlers to whichever transport is attached (Electron IPC or the
// loopback server's event stream). Typed by the contract's EventMap so nothing else can be sent.
import type { EventMap, EventName } from '../../core/ipc/contract';

export type AnyEvent = { [E in EventName]: { name: E; payload: EventMap[E] } }[EventName];
export type EventListener = (event: AnyEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Listen to every event; returns the unsubscribe. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit<E extends EventName>(name: E, payload: EventMap[E]): void {
    const event = { name, payload } as AnyEvent;
    for (const l of [...this.listeners]) {
      // One broken transport must not stop the others from hearing the event.
      try {
        l(event);
      } catch (e) {
        console.error(`paddock: listener for "${name}" failed:`, e);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
