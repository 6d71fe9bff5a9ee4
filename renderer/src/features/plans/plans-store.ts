/**
 * The thread plans this window shows (plan-first runs): read with `plan.get` when a thread opens, kept
 * current by `plan.changed` (a step being checked, a run ending, another window's edits), and read again
 * after a reconnect, since events sent while offline were missed.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PlanStepEdit, ThreadPlan } from '../../../../shared/contract';
import type { TandemClient } from '../../api/client';
import { describeError } from '../../api/describe-error';

export interface ThreadPlanState {
  status: 'loading' | 'ready' | 'error';
  plan: ThreadPlan | null;
  error: string | null;
}

export interface PlansState {
  threads: Record<string, ThreadPlanState>;
  load(threadId: string): Promise<void>;
  propose(threadId: string, text: string): Promise<void>;
  save(threadId: string, steps: PlanStepEdit[]): Promise<void>;
  run(threadId: string): Promise<void>;
  discard(threadId: string): Promise<void>;
  /** Writes PLAN.md; resolves with its path. */
  writeFile(threadId: string): Promise<string>;
}

export interface PlansFeature {
  store: StoreApi<PlansState>;
  stop(): void;
}

export function createPlansFeature(client: TandemClient): PlansFeature {
  const store = createStore<PlansState>()((set, get) => {
    const put = (threadId: string, next: ThreadPlanState) => set({ threads: { ...get().threads, [threadId]: next } });
    const setPlan = (threadId: string, plan: ThreadPlan | null) => put(threadId, { status: 'ready', plan, error: null });
    return {
      threads: {},
      async load(threadId) {
        const prev = get().threads[threadId];
        put(threadId, { status: prev?.status === 'ready' ? 'ready' : 'loading', plan: prev?.plan ?? null, error: null });
        try {
          setPlan(threadId, (await client.invoke('plan.get', { threadId })).plan);
        } catch (err) {
          put(threadId, { status: 'error', plan: prev?.plan ?? null, error: describeError(err) });
        }
      },
      async propose(threadId, text) {
        await client.invoke('plan.propose', { threadId, text });
      },
      async save(threadId, steps) {
        setPlan(threadId, await client.invoke('plan.save', { threadId, steps }));
      },
      async run(threadId) {
        await client.invoke('plan.run', { threadId });
      },
      async discard(threadId) {
        await client.invoke('plan.discard', { threadId });
        setPlan(threadId, null);
      },
      async writeFile(threadId) {
        return (await client.invoke('plan.writeFile', { threadId })).path;
      },
    };
  });

  const offs = [
    client.on('plan.changed', ({ threadId, plan }) => {
      // Plans of threads this window never opened are read fresh when they open.
      if (store.getState().threads[threadId]) store.setState({ threads: { ...store.getState().threads, [threadId]: { status: 'ready', plan, error: null } } });
    }),
  ];
  let wasOpen = client.connection().status === 'open';
  offs.push(
    client.onConnection((state) => {
      const isOpen = state.status === 'open';
      if (isOpen && !wasOpen) for (const id of Object.keys(store.getState().threads)) void store.getState().load(id);
      wasOpen = isOpen;
    }),
  );
  return {
    store,
    stop() {
      for (const off of offs) off();
    },
  };
}
