/**
 * Pushes every core event to every Tandem window over the one event channel. A window that is
 * gone, or that shows something other than our page, gets nothing.
 */
import { EVENT_CHANNEL, type BridgeEventMessage } from '../../shared/bridge';
import type { EventListener } from '../core/transport/event-bus';

export interface EventSource {
  subscribe(listener: EventListener): () => void;
}

/** The parts of a BrowserWindow the forwarder uses. */
export interface EventTargetWindow {
  isDestroyed(): boolean;
  readonly webContents: {
    isDestroyed(): boolean;
    getURL(): string;
    send(channel: string, ...args: unknown[]): void;
  };
}

export interface EventForwarderOptions {
  events: EventSource;
  windows: () => Iterable<EventTargetWindow>;
  isOwnPage(url: string): boolean;
}

/** Starts forwarding; returns the function that stops it. */
export function forwardEvents({ events, windows, isOwnPage }: EventForwarderOptions): () => void {
  return events.subscribe((event, payload) => {
    const message: BridgeEventMessage = { event, payload };
    for (const win of windows()) {
      if (win.isDestroyed() || win.webContents.isDestroyed()) continue;
      if (!isOwnPage(win.webContents.getURL())) continue;
      try {
        win.webContents.send(EVENT_CHANNEL, message);
      } catch (err) {
        // A window closing mid-send; the others still get the event.
        console.warn(`[tandem] could not deliver ${event} to a window`, err);
      }
    }
  });
}
