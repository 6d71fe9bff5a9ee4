/** A scripted stand-in for the browser WebSocket and a manual clock, for the transport's unit tests. */
import type { Clock, SocketFactory, SocketHandlers } from '../../../renderer/src/api/ws-transport';

export class FakeSocket {
  readonly sent: unknown[] = [];
  closed = false;
  constructor(readonly handlers: SocketHandlers) {}

  open(): void {
    this.handlers.onOpen();
  }
  /** The server answers the request with this id. */
  reply(id: number, result: unknown): void {
    this.handlers.onMessage(JSON.stringify({ t: 'res', id, ok: true, result }));
  }
  fail(id: number, code: string, message: string): void {
    this.handlers.onMessage(JSON.stringify({ t: 'res', id, ok: false, error: { code, message } }));
  }
  push(event: string, payload: unknown): void {
    this.handlers.onMessage(JSON.stringify({ t: 'evt', event, payload }));
  }
  raw(text: string): void {
    this.handlers.onMessage(text);
  }
  drop(code = 1006): void {
    this.handlers.onClose(code, '');
  }
  lastRequest(): { t: string; id: number; method: string; input: unknown } {
    const last = this.sent.at(-1);
    if (!last) throw new Error('nothing was sent');
    return last as { t: string; id: number; method: string; input: unknown };
  }
}

export function fakeSockets(): { factory: SocketFactory; sockets: FakeSocket[]; latest(): FakeSocket } {
  const sockets: FakeSocket[] = [];
  const factory: SocketFactory = (handlers) => {
    const socket = new FakeSocket(handlers);
    sockets.push(socket);
    return {
      send: (data) => {
        if (socket.closed) throw new Error('socket is closed');
        socket.sent.push(JSON.parse(data));
      },
      close: () => {
        socket.closed = true;
      },
    };
  };
  return {
    factory,
    sockets,
    latest() {
      const s = sockets.at(-1);
      if (!s) throw new Error('no socket was opened');
      return s;
    },
  };
}

export class ManualClock implements Clock {
  time = 1_000_000;
  private timers: { at: number; fn: () => void; handle: number }[] = [];
  private nextHandle = 1;

  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.push({ at: this.time + ms, fn, handle });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.handle !== handle);
  }
  get pending(): number {
    return this.timers.length;
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const t of due) t.fn();
  }
}
