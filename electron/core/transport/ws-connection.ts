/**
 * One WebSocket client: request frames in, response and event frames out. Any frame, however broken,
 * gets an answer or is dropped with a log line; nothing a client sends can throw past this file.
 */
import type { WebSocket } from 'ws';
import type { RequestFrame, ServerFrame } from '../../../shared/contract/wire';
import type { EventBus } from './event-bus';
import type { Router } from './router';

export interface ConnectionDeps {
  router: Router;
  events: EventBus;
  clientId: string;
}

export function serveConnection(socket: WebSocket, deps: ConnectionDeps): () => void {
  const send = (frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };

  const unsubscribe = deps.events.subscribe((event, payload) => send({ t: 'evt', event, payload }));

  socket.on('message', (raw, isBinary) => {
    const frame = parseRequest(isBinary ? null : raw.toString());
    if ('error' in frame) {
      send({ t: 'res', id: frame.id, ok: false, error: { code: 'invalid_input', message: frame.error } });
      return;
    }
    void deps.router.dispatch(frame.method, frame.input, { clientId: deps.clientId }).then((result) => send({ t: 'res', id: frame.id, ...result }));
  });

  return unsubscribe;
}

function parseRequest(text: string | null): RequestFrame | { id: number; error: string } {
  if (text === null) return { id: 0, error: 'Binary frames are not part of the protocol' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { id: 0, error: 'Malformed frame: not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { id: 0, error: 'Malformed frame: expected an object' };
  const f = value as Partial<RequestFrame>;
  const id = typeof f.id === 'number' && Number.isSafeInteger(f.id) ? f.id : 0;
  if (f.t !== 'req') return { id, error: 'Malformed frame: expected t = "req"' };
  if (id === 0 && f.id !== 0) return { id, error: 'Malformed frame: id must be an integer' };
  if (typeof f.method !== 'string') return { id, error: 'Malformed frame: method must be a string' };
  return { t: 'req', id, method: f.method, input: f.input };
}
