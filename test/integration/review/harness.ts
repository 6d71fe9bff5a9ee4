/**
 * The review service behind the real router, with a real store in a temp data dir: tests call
 * methods exactly as a window would (input validated by the contract, errors as RpcResults).
 */
import type { MethodInput, MethodName, MethodOutput, RpcErrorData } from '../../../shared/contract';
import { ReviewService } from '../../../electron/core/review/review-service';
import { Store } from '../../../electron/core/store';
import { EventBus } from '../../../electron/core/transport/event-bus';
import { Router, type Handlers } from '../../../electron/core/transport/router';
import { makeTempDir } from '../../support/temp-dir';

export interface Harness {
  dataDir: string;
  store: Store;
  events: { event: string; payload: unknown }[];
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Calls and expects a refusal; returns the error. */
  fail<M extends MethodName>(method: M, input: MethodInput<M>): Promise<RpcErrorData>;
  dispose(): void;
}

export function makeHarness(env: NodeJS.ProcessEnv = process.env): Harness {
  const tmp = makeTempDir('tandem-review-data-');
  const store = Store.open(tmp.dir);
  const bus = new EventBus();
  const events: { event: string; payload: unknown }[] = [];
  bus.subscribe((event, payload) => events.push({ event, payload }));
  const service = new ReviewService({ store, events: bus, dataDir: tmp.dir, env });
  // Only review methods are registered; the router looks up the one it is asked for.
  const router = new Router(service.handlers() as Handlers, { error: () => {} });
  const ctx = { clientId: 'test' };
  return {
    dataDir: tmp.dir,
    store,
    events,
    async call(method, input) {
      const r = await router.dispatch(method, input, ctx);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
      return r.result as never;
    },
    async fail(method, input) {
      const r = await router.dispatch(method, input, ctx);
      if (r.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(r.result).slice(0, 300)}`);
      return r.error;
    },
    dispose() {
      store.close();
      tmp.cleanup();
    },
  };
}
