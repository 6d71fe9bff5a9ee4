/**
 * The WebSocket transport of web mode (`tandem serve`). One socket carries every call and every event
 * (frames in shared/contract/wire.ts). It is written against a tiny socket interface instead of the DOM
 * WebSocket so its logic runs in unit tests; browser-socket.ts adapts the real thing.
 *
 * Behaviour a user notices:
 * - calls made while a connection attempt is in progress wait for it and go out when it opens;
 * - when the socket drops, every call still waiting for an answer fails with a `transport` error (the
 *   UI says so) rather than hanging; the socket then reconnects with exponential backoff;
 * - calls made while waiting between attempts fail at once: the banner already says we are offline,
 *   and a silent queue would replay stale clicks minutes later.
 */
import type { RpcResult } from '../../../shared/contract';
import type { RequestFrame } from '../../../shared/contract/wire';
import { reconnectDelay } from './backoff';
import type { ConnectionState, EventListener, Transport } from './transport';

export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: string): void;
  onClose(code: number, reason: string): void;
}

export interface SocketHandle {
  send(data: string): void;
  close(): void;
}

/** Opens a new socket to the core and reports its life through the handlers. */
export type SocketFactory = (handlers: SocketHandlers) => SocketHandle;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface WebSocketTransportOptions {
  clock?: Clock;
  random?: () => number;
}

interface Waiting {
  method: string;
  input: unknown;
  resolve(result: RpcResult): void;
}

function transportFailure(message: string): RpcResult {
  return { ok: false, error: { code: 'transport', message } };
}

export class WebSocketTransport implements Transport {
  private readonly clock: Clock;
  private readonly random: () => number;
  private socket: SocketHandle | null = null;
  private socketOpen = false;
  private nextId = 1;
  /** Sent, waiting for their response frame. */
  private readonly inFlight = new Map<number, Waiting>();
  /** Made while connecting; sent when the socket opens. */
  private queued: Waiting[] = [];
  private retryTimer: unknown = null;
  private current: ConnectionState = { status: 'connecting', everConnected: false, attempt: 0, retryAt: null };
  private readonly eventListeners = new Set<EventListener>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();

  constructor(
    private readonly openSocket: SocketFactory,
    options: WebSocketTransportOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.connect();
  }

  call(method: string, input: unknown): Promise<RpcResult> {
    return new Promise<RpcResult>((resolve) => {
      const waiting: Waiting = { method, input, resolve };
      switch (this.current.status) {
        case 'open':
          this.send(waiting);
          return;
        case 'closed':
          resolve(transportFailure('The connection to Tandem is closed.'));
          return;
        default:
          if (this.socket) this.queued.push(waiting);
          else resolve(transportFailure('Not connected to Tandem. Reconnecting…'));
      }
    });
  }

  listen(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => {
      this.eventListeners.delete(listener);
    };
  }

  state(): ConnectionState {
    return this.current;
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  retryNow(): void {
    if (this.current.status !== 'reconnecting' || this.socket) return;
    this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  dispose(): void {
    if (this.current.status === 'closed') return;
    this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    this.socketOpen = false;
    this.failAll('The connection to Tandem is closed.');
    this.setState({ ...this.current, status: 'closed', retryAt: null });
    socket?.close();
  }

  private connect(): void {
    const status = this.current.everConnected || this.current.attempt > 0 ? 'reconnecting' : 'connecting';
    this.setState({ ...this.current, status, retryAt: null });
    // Each socket gets its own handlers; events from a socket we already replaced are ignored.
    let self: SocketHandle | null = null;
    const isCurrent = () => self !== null && this.socket === self;
    self = this.openSocket({
      onOpen: () => {
        if (isCurrent()) this.opened();
      },
      onMessage: (data) => {
        if (isCurrent()) this.received(data);
      },
      onClose: () => {
        if (isCurrent()) this.dropped();
      },
    });
    this.socket = self;
  }

  private opened(): void {
    this.socketOpen = true;
    this.setState({ status: 'open', everConnected: true, attempt: 0, retryAt: null });
    const queued = this.queued;
    this.queued = [];
    for (const waiting of queued) this.send(waiting);
  }

  private dropped(): void {
    const wasOpen = this.socketOpen;
    this.socket = null;
    this.socketOpen = false;
    this.failAll(wasOpen ? 'The connection to Tandem was lost.' : 'Could not connect to Tandem.');
    const attempt = this.current.attempt + 1;
    const delay = reconnectDelay(attempt, this.random);
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
    this.setState({ ...this.current, status: 'reconnecting', attempt, retryAt: this.clock.now() + delay });
  }

  private send(waiting: Waiting): void {
    const id = this.nextId++;
    const frame: RequestFrame = { t: 'req', id, method: waiting.method, input: waiting.input };
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (err) {
      waiting.resolve({ ok: false, error: { code: 'invalid_input', message: `Input for ${waiting.method} cannot be sent: ${String(err)}` } });
      return;
    }
    this.inFlight.set(id, waiting);
    try {
      this.socket?.send(text);
    } catch {
      this.inFlight.delete(id);
      waiting.resolve(transportFailure('The connection to Tandem was lost.'));
    }
  }

  private received(data: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return; // Not ours to interpret; the server only sends JSON.
    }
    if (typeof frame !== 'object' || frame === null) return;
    const f = frame as { t?: unknown; id?: unknown; ok?: unknown; result?: unknown; error?: unknown; event?: unknown; payload?: unknown };
    if (f.t === 'res' && typeof f.id === 'number') {
      const waiting = this.inFlight.get(f.id);
      if (!waiting) return;
      this.inFlight.delete(f.id);
      if (f.ok === true) waiting.resolve({ ok: true, result: f.result });
      else if (f.ok === false && typeof f.error === 'object' && f.error !== null) waiting.resolve({ ok: false, error: f.error as never });
      else waiting.resolve({ ok: false, error: { code: 'internal', message: `Malformed response to ${waiting.method}` } });
    } else if (f.t === 'evt' && typeof f.event === 'string') {
      for (const listener of [...this.eventListeners]) {
        try {
          listener(f.event, f.payload);
        } catch (err) {
          console.error(`[tandem] listener for ${f.event} failed`, err);
        }
      }
    }
  }

  private failAll(message: string): void {
    const waiting = [...this.inFlight.values(), ...this.queued];
    this.inFlight.clear();
    this.queued = [];
    for (const w of waiting) w.resolve(transportFailure(message));
  }

  private setState(next: ConnectionState): void {
    this.current = next;
    for (const listener of [...this.stateListeners]) listener(next);
  }
}
