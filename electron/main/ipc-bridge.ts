/**
 * The main-process end of the preload bridge. One `ipcMain.handle` per contract method (channels
 * outside the contract have no handler, so Electron refuses them), and every call is checked to
 * come from the top frame of one of our own pages before the router sees it; the router then
 * validates the input. In the spirit of VS Code's validatedIpcMain.
 */
import { methodNames, type RpcResult } from '../../shared/contract';
import { invokeChannel } from '../../shared/bridge';
import type { CallContext } from '../core/transport/router';

/** The parts of Electron's IpcMainInvokeEvent the check reads. */
export interface InvokeEvent {
  readonly sender: { readonly id: number };
  /** Null once the frame has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

type InvokeHandler = (event: InvokeEvent, ...args: unknown[]) => Promise<RpcResult>;

/** The parts of Electron's ipcMain the bridge uses. */
export interface IpcMainApi {
  handle(channel: string, listener: InvokeHandler): void;
  removeHandler(channel: string): void;
}

export interface Dispatcher {
  dispatch(method: unknown, input: unknown, ctx: CallContext): Promise<RpcResult>;
}

export interface IpcBridgeOptions {
  ipcMain: IpcMainApi;
  router: Dispatcher;
  isOwnPage(url: string): boolean;
  log?: (message: string) => void;
}

/** Registers the handlers; returns the function that removes them. */
export function installIpcBridge({ ipcMain, router, isOwnPage, log = (m) => console.warn(m) }: IpcBridgeOptions): () => void {
  const channels: string[] = [];
  for (const method of methodNames) {
    const channel = invokeChannel(method);
    ipcMain.handle(channel, async (event, input) => {
      const refusal = refuseSender(event, isOwnPage);
      if (refusal) {
        log(`[tandem] refused ${method} from ${event.senderFrame?.url ?? 'a detached frame'}: ${refusal.error.message}`);
        return refusal;
      }
      return router.dispatch(method, input, { clientId: `window:${event.sender.id}` });
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** Null when the sender may call the core; otherwise the error result to send back. */
export function refuseSender(event: InvokeEvent, isOwnPage: (url: string) => boolean): (RpcResult & { ok: false }) | null {
  const frame = event.senderFrame;
  if (frame === null) return refusal('the calling frame is gone');
  // Our pages have no iframes; a subframe calling in is content we did not write.
  if (frame.parent !== null) return refusal('calls are accepted from top-level Tandem pages only');
  if (!isOwnPage(frame.url)) return refusal('the calling page is not a Tandem page');
  return null;
}

function refusal(why: string): RpcResult & { ok: false } {
  return { ok: false, error: { code: 'transport', message: `Refused: ${why}.` } };
}
