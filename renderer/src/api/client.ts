/**
 * The typed client every window uses. `invoke` resolves to the method's output or throws an RpcError;
 * `on` delivers one event's payload. Typed from the contract, transport-agnostic.
 */
import {
  RpcError,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../../shared/contract';
import type { ConnectionState, Transport } from './transport';

export interface TandemClient {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
  connection(): ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  retryNow(): void;
  dispose(): void;
}

export function createTandemClient(transport: Transport): TandemClient {
  return {
    async invoke(method, input) {
      const result = await transport.call(method, input);
      if (!result.ok) throw RpcError.fromData(result.error);
      return result.result as never;
    },
    on(event, callback) {
      return transport.listen((name, payload) => {
        if (name === event) callback(payload as never);
      });
    },
    connection: () => transport.state(),
    onConnection: (listener) => transport.onState(listener),
    retryNow: () => transport.retryNow(),
    dispose: () => transport.dispose(),
  };
}
