/**
 * The Electron preload bridge, as the renderer sees it: `window.tandem`. Two functions and nothing
 * else, so a compromised page can only make contract calls the core validates anyway.
 * The IPC channel names live here too because both ends (preload and main) must agree on them.
 */
import type { RpcResult } from './contract/errors';

/**
 * Deliberately untyped by method: this is the trust boundary, so it takes any name and checks it at
 * run time. The renderer's client (renderer/src/api) puts the contract's types on top, the same way
 * for this bridge and for the WebSocket.
 */
export interface TandemBridge {
  /**
   * Calls one contract method in the core. Never rejects: failures (unknown method, bad input, a
   * refused sender, a broken channel) resolve as `{ ok: false, error }`, like the WebSocket transport.
   */
  invoke(method: string, input: unknown): Promise<RpcResult>;
  /** Subscribes to one contract event; returns the unsubscribe. Throws for a name outside the contract. */
  on(event: string, callback: (payload: unknown) => void): () => void;
}

/** The global the preload exposes in every Tandem window. */
export const BRIDGE_GLOBAL = 'tandem';

/** One invoke channel per contract method, so main can register handlers for contract names only. */
export const INVOKE_CHANNEL_PREFIX = 'tandem:invoke:';

export function invokeChannel(method: string): string {
  return `${INVOKE_CHANNEL_PREFIX}${method}`;
}

/** The single channel main pushes contract events on. */
export const EVENT_CHANNEL = 'tandem:event';

/**
 * The contract's names reach the preload as command-line arguments of the renderer process
 * (webPreferences.additionalArguments), so the preload can refuse a name outside the contract
 * without bundling the contract's zod schemas: that would cost every window tens of milliseconds
 * before its page starts. Names are [A-Za-z0-9.]+, so a comma-separated list is safe on any OS.
 */
const METHODS_ARG = '--tandem-methods=';
const EVENTS_ARG = '--tandem-events=';

export function contractArguments(methodNames: readonly string[], eventNames: readonly string[]): string[] {
  return [`${METHODS_ARG}${methodNames.join(',')}`, `${EVENTS_ARG}${eventNames.join(',')}`];
}

export interface ContractNames {
  methods: ReadonlySet<string>;
  events: ReadonlySet<string>;
}

/** Null when the arguments are missing (a window not created by Tandem's shell). */
export function readContractArguments(argv: readonly string[]): ContractNames | null {
  const list = (prefix: string): string[] | null => {
    const arg = argv.find((a) => a.startsWith(prefix));
    return arg === undefined ? null : arg.slice(prefix.length).split(',').filter(Boolean);
  };
  const methods = list(METHODS_ARG);
  const events = list(EVENTS_ARG);
  return methods && events ? { methods: new Set(methods), events: new Set(events) } : null;
}

/** What travels on EVENT_CHANNEL. */
export interface BridgeEventMessage {
  event: string;
  payload: unknown;
}
