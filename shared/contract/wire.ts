/**
 * Frames of the WebSocket transport. Requests carry an id; responses echo it with an RpcResult.
 * Events are pushed unasked. The Electron transport needs no frames: ipcRenderer.invoke pairs them.
 */
import type { RpcResult } from './errors';

export interface RequestFrame {
  t: 'req';
  id: number;
  method: string;
  input: unknown;
}

export type ResponseFrame = { t: 'res'; id: number } & RpcResult;

export interface EventFrame {
  t: 'evt';
  event: string;
  payload: unknown;
}

export type ServerFrame = ResponseFrame | EventFrame;

/** Cookie that carries the per-start token after the first visit. */
export const SESSION_COOKIE = 'tandem_session';
/** Path of the WebSocket endpoint. */
export const WS_PATH = '/rpc';
/** Largest frame the server accepts; a bigger one closes the socket with 1009. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;
