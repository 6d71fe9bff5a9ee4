/**
 * The Electron transport: the preload bridge already pairs calls with answers and is always connected
 * while the window lives, so this is a thin adapter. A bridge that throws (IPC torn down while the window
 * closes) becomes a `transport` error like a dropped socket.
 */
import { isRpcResult, type RpcResult } from '../../../shared/contract';
import type { TandemBridge } from './bridge';
import type { ConnectionState, EventListener, Transport } from './transport';

const OPEN: ConnectionState = { status: 'open', everConnected: true, attempt: 0, retryAt: null };

export class IpcTransport implements Transport {
  private readonly unsubscribers = new Map<string, () => void>();
  private readonly listeners = new Set<EventListener>();
  private disposed = false;

  constructor(
    private readonly bridge: TandemBridge,
    /** Every event name of the contract: the bridge subscribes per event. */
    private readonly eventNames: readonly string[],
  ) {}

  async call(method: string, input: unknown): Promise<RpcResult> {
    if (this.disposed) return { ok: false, error: { code: 'transport', message: 'The connection to Tandem is closed.' } };
    try {
      const result: unknown = await this.bridge.invoke(method, input);
      if (isRpcResult(result)) return result;
      return { ok: false, error: { code: 'internal', message: `Malformed response to ${method}` } };
    } catch (err) {
      return { ok: false, error: { code: 'transport', message: `Could not reach Tandem’s core: ${err instanceof Error ? err.message : String(err)}` } };
    }
  }

  listen(listener: EventListener): () => void {
    if (this.listeners.size === 0 && !this.disposed) this.subscribeAll();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.unsubscribeAll();
    };
  }

  state(): ConnectionState {
    return this.disposed ? { ...OPEN, status: 'closed' } : OPEN;
  }

  onState(): () => void {
    return () => {};
  }

  retryNow(): void {}

  dispose(): void {
    this.disposed = true;
    this.unsubscribeAll();
    this.listeners.clear();
  }

  private subscribeAll(): void {
    for (const name of this.eventNames) {
      this.unsubscribers.set(
        name,
        this.bridge.on(name, (payload) => {
          for (const listener of [...this.listeners]) {
            try {
              listener(name, payload);
            } catch (err) {
              console.error(`[tandem] listener for ${name} failed`, err);
            }
          }
        }),
      );
    }
  }

  private unsubscribeAll(): void {
    for (const off of this.unsubscribers.values()) off();
    this.unsubscribers.clear();
  }
}
