/**
 * Builds `window.tandem` over ipcRenderer. Kept apart from index.ts (which only hands it to
 * contextBridge) so it can be tested with a fake ipcRenderer.
 *
 * Names are checked here, before anything is sent: a call or subscription outside the contract never
 * reaches IPC. The names come from main (see readContractArguments); inputs are not validated here,
 * the core validates every input at its edge.
 */
import { isRpcResult, type RpcResult } from '../../shared/contract/errors';
import { EVENT_CHANNEL, invokeChannel, type ContractNames, type TandemBridge } from '../../shared/bridge';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The parts of Electron's ipcRenderer the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

interface Subscription {
  callback: (payload: unknown) => void;
}

/** `names` is null when the window was started without the contract list: then nothing is allowed. */
export function createBridge(ipc: BridgeIpc, names: ContractNames | null): TandemBridge {
  const methods = names?.methods ?? new Set<string>();
  const events = names?.events ?? new Set<string>();
  const missing = names === null ? ' (this window was started without the contract list)' : '';

  // One ipcRenderer listener for all subscriptions (attached while any exist), so a page with many
  // subscribers does not pile up listeners on the channel.
  const subscriptions = new Map<string, Set<Subscription>>();
  let listening = false;

  const deliver: IpcListener = (_event, message) => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string') return;
    for (const subscription of [...(subscriptions.get(event) ?? [])]) {
      try {
        subscription.callback(payload);
      } catch (err) {
        // One broken subscriber must not starve the others.
        console.error(`[tandem] handler for ${event} failed`, err);
      }
    }
  };

  async function invoke(method: unknown, input: unknown): Promise<RpcResult> {
    if (typeof method !== 'string' || !methods.has(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `Unknown method ${describe(method)}${missing}` } };
    }
    try {
      const reply = await ipc.invoke(invokeChannel(method), input);
      if (isRpcResult(reply)) return reply;
      return { ok: false, error: { code: 'transport', message: `The app sent a malformed reply to ${method}` } };
    } catch (err) {
      // E.g. an input that cannot be structured-cloned, or the main process going away.
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: 'transport', message: `Could not call ${method}: ${message}` } };
    }
  }

  function on(event: unknown, callback: unknown): () => void {
    if (typeof event !== 'string' || !events.has(event)) throw new Error(`Unknown event ${describe(event)}${missing}`);
    if (typeof callback !== 'function') throw new Error(`The handler for ${event} must be a function`);
    const subscription: Subscription = { callback: callback as Subscription['callback'] };
    let set = subscriptions.get(event);
    if (!set) subscriptions.set(event, (set = new Set()));
    set.add(subscription);
    if (!listening) {
      ipc.on(EVENT_CHANNEL, deliver);
      listening = true;
    }
    return () => {
      const current = subscriptions.get(event);
      if (!current?.delete(subscription)) return;
      if (current.size === 0) subscriptions.delete(event);
      if (subscriptions.size === 0 && listening) {
        ipc.removeListener(EVENT_CHANNEL, deliver);
        listening = false;
      }
    };
  }

  return { invoke, on };
}

function describe(name: unknown): string {
  return typeof name === 'string' ? `"${name.slice(0, 100)}"` : `(a ${typeof name})`;
}
