/**
 * What the client needs from a transport: send a call and get its RpcResult, receive events, and say
 * whether it is connected. The Electron bridge and the WebSocket both implement it; nothing above this
 * layer knows which one it has.
 */
import type { RpcResult } from '../../../shared/contract';

export type ConnectionStatus =
  /** First attempt in progress; calls are queued. */
  | 'connecting'
  | 'open'
  /** The connection dropped (or never came up); a new attempt is scheduled or running. */
  | 'reconnecting'
  /** The client was disposed. */
  | 'closed';

export interface ConnectionState {
  status: ConnectionStatus;
  /** True once a connection has been open at least once (a drop then reads "disconnected"). */
  everConnected: boolean;
  /** Failed attempts since the last open connection. */
  attempt: number;
  /** When the next attempt starts (epoch ms), while one is scheduled. */
  retryAt: number | null;
}

export type EventListener = (event: string, payload: unknown) => void;

export interface Transport {
  call(method: string, input: unknown): Promise<RpcResult>;
  /** Receives every event the core pushes; returns the unsubscribe. */
  listen(listener: EventListener): () => void;
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
  /** Skips the wait before the next reconnect attempt. No-op when connected. */
  retryNow(): void;
  dispose(): void;
}
