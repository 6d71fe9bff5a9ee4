/**
 * Picks the transport for this page: the Electron preload bridge when it is there, otherwise a WebSocket
 * to the server that served the page. The only module of the client that touches browser globals, and
 * only when called.
 */
import { eventNames } from '../../../shared/contract';
import { WS_PATH } from '../../../shared/contract/wire';
import type { TandemBridge } from './bridge';
import { createTandemClient, type TandemClient } from './client';
import { IpcTransport } from './ipc-transport';
import { WebSocketTransport, type SocketFactory } from './ws-transport';

declare global {
  interface Window {
    tandem?: TandemBridge;
  }
}

/** The WebSocket URL for a page at `location` (same host; wss when the page came over https). */
export function rpcUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${WS_PATH}`;
}

function browserSocket(url: string): SocketFactory {
  return (handlers) => {
    const ws = new WebSocket(url);
    ws.onopen = () => handlers.onOpen();
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data === 'string') handlers.onMessage(ev.data);
    };
    // The browser hides why a handshake failed (a refused token looks like any network error): both
    // surface as a close, after which the transport retries.
    ws.onclose = (ev: CloseEvent) => handlers.onClose(ev.code, ev.reason);
    return {
      send: (data) => ws.send(data),
      close: () => ws.close(1000, 'client closed'),
    };
  };
}

export function createClient(): TandemClient {
  const bridge = window.tandem;
  if (bridge) return createTandemClient(new IpcTransport(bridge, eventNames));
  return createTandemClient(new WebSocketTransport(browserSocket(rpcUrl(window.location))));
}

/** True when this page runs inside the desktop app (the preload bridge is present). */
export function isDesktopApp(): boolean {
  return typeof window !== 'undefined' && window.tandem !== undefined;
}
