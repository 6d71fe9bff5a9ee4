/**
 * The agent's live conversations: one `ThreadStream` per thread the window has opened, fed by the agent
 * events through the pure `streamReducer`, plus the calls a thread makes (send, steer, change settings,
 * pause, resume, stop, answer an approval). Opening a thread reads its stored items and finished turns,
 * its stored run settings, then the running turn (`turn.active`), so a reload in the middle of a turn
 * shows it exactly as it stands.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { RpcError, type ApprovalDecision, type ApprovalPolicy, type SandboxMode, type ThreadRunSettings } from '../../../shared/contract';
import type { TandemClient } from '../api/client';
import { describeError } from '../api/describe-error';
import { EMPTY_STREAM, streamReducer, type StreamAction, type ThreadStream } from '../features/agent/agent-stream';
import type { LoadStatus } from './load-state';

export interface AgentThreadState {
  status: LoadStatus;
  error: string | null;
  stream: ThreadStream;
  /** The thread's run settings as stored (what its next turn uses); null until read. */
  settings: ThreadRunSettings | null;
}

export type RunSettingsChange = Partial<Pick<ThreadRunSettings, 'sandbox' | 'approvalPolicy'>> & { model?: string };

export interface AgentState {
  threads: Record<string, AgentThreadState>;
  /** Reads a thread's items and its running turn; events keep it current afterwards. */
  open(threadId: string): Promise<void>;
  send(threadId: string, text: string, options: { sandbox: SandboxMode; approvalPolicy: ApprovalPolicy }): Promise<void>;
  steer(threadId: string, text: string): Promise<void>;
  /** Changes the thread's run settings; a running turn takes them from its next step. */
  updateSettings(threadId: string, change: RunSettingsChange): Promise<void>;
  pause(threadId: string): Promise<void>;
  resume(threadId: string): Promise<void>;
  interrupt(threadId: string): Promise<void>;
  /** Compacts the thread's conversation now (thread.compact): a handoff summary replaces its history. */
  compact(threadId: string): Promise<void>;
  respond(requestId: string, decision: ApprovalDecision, message?: string): Promise<void>;
  dispatch(threadId: string, action: StreamAction): void;
}

export type AgentStore = StoreApi<AgentState>;

const EMPTY_THREAD: AgentThreadState = { status: 'idle', error: null, stream: EMPTY_STREAM, settings: null };

export function createAgentStore(client: TandemClient): { store: AgentStore; stop(): void } {
  const store = createStore<AgentState>()((set, get) => {
    const update = (threadId: string, fn: (t: AgentThreadState) => AgentThreadState) => {
      const prev = get().threads[threadId] ?? EMPTY_THREAD;
      set({ threads: { ...get().threads, [threadId]: fn(prev) } });
    };
    /** Pause or resume; a turn that ended just before the click is not an error worth showing. */
    const togglePause = async (threadId: string, method: 'turn.pause' | 'turn.resume') => {
      let pause;
      try {
        ({ pause } = await client.invoke(method, { threadId }));
      } catch (err) {
        if (err instanceof RpcError && err.code === 'conflict' && !get().threads[threadId]?.stream.activeTurnId) return;
        throw err;
      }
      const turnId = get().threads[threadId]?.stream.activeTurnId;
      if (turnId) get().dispatch(threadId, { type: 'turn.pauseChanged', payload: { threadId, turnId, pause } });
    };
    return {
      threads: {},
      async open(threadId) {
        update(threadId, (t) => ({ ...t, status: t.status === 'ready' ? 'ready' : 'loading', error: null }));
        try {
          const [{ items }, { turns }, settings, { active }] = await Promise.all([
            client.invoke('threads.get', { id: threadId }),
            client.invoke('turn.list', { threadId }),
            client.invoke('agent.threadSettings.get', { threadId }),
            client.invoke('turn.active', { threadId }),
          ]);
          update(threadId, (t) => {
            let stream = streamReducer(t.stream, { type: 'thread.loaded', items });
            stream = streamReducer(stream, { type: 'turns.loaded', turns });
            stream = streamReducer(stream, { type: 'turn.active', active });
            return { status: 'ready', error: null, stream, settings };
          });
        } catch (err) {
          update(threadId, (t) => ({ ...t, status: 'error', error: describeError(err) }));
        }
      },
      async send(threadId, text, { sandbox, approvalPolicy }) {
        const turn = await client.invoke('turn.start', { threadId, text, sandbox, approvalPolicy });
        get().dispatch(threadId, { type: 'turn.started', payload: { threadId, turn } });
      },
      async steer(threadId, text) {
        await client.invoke('turn.steer', { threadId, text });
      },
      async updateSettings(threadId, change) {
        const before = get().threads[threadId]?.settings ?? null;
        // Shown at once; put back if the core refuses.
        if (before) update(threadId, (t) => ({ ...t, settings: { ...before, ...change } }));
        try {
          await client.invoke('turn.update', { threadId, ...change });
        } catch (err) {
          if (before) update(threadId, (t) => ({ ...t, settings: before }));
          throw err;
        }
      },
      async pause(threadId) {
        await togglePause(threadId, 'turn.pause');
      },
      async resume(threadId) {
        await togglePause(threadId, 'turn.resume');
      },
      async interrupt(threadId) {
        await client.invoke('turn.interrupt', { threadId });
      },
      async compact(threadId) {
        const turn = await client.invoke('thread.compact', { threadId });
        get().dispatch(threadId, { type: 'turn.started', payload: { threadId, turn } });
      },
      async respond(requestId, decision, message) {
        await client.invoke('approval.respond', message ? { requestId, decision, message } : { requestId, decision });
      },
      dispatch(threadId, action) {
        // Events of threads this window never opened are not kept: opening reads them fresh.
        if (!get().threads[threadId]) return;
        update(threadId, (t) => ({ ...t, stream: streamReducer(t.stream, action) }));
      },
    };
  });
  const d = (threadId: string, action: StreamAction) => store.getState().dispatch(threadId, action);
  const offs = [
    client.on('turn.started', (p) => d(p.threadId, { type: 'turn.started', payload: p })),
    client.on('turn.completed', (p) => d(p.threadId, { type: 'turn.completed', payload: p })),
    client.on('turn.retrying', (p) => d(p.threadId, { type: 'turn.retrying', payload: p })),
    client.on('turn.usage', (p) => d(p.threadId, { type: 'turn.usage', payload: p })),
    client.on('turn.updated', (p) => {
      d(p.threadId, { type: 'turn.updated', payload: p });
      // Another window (or this one) changed them: the thread's stored settings are the turn's now.
      const t = store.getState().threads[p.threadId];
      if (t?.settings) {
        const settings = { ...t.settings, sandbox: p.turn.sandbox, approvalPolicy: p.turn.approvalPolicy, model: p.turn.model };
        store.setState({ threads: { ...store.getState().threads, [p.threadId]: { ...t, settings } } });
      }
    }),
    client.on('turn.pauseChanged', (p) => d(p.threadId, { type: 'turn.pauseChanged', payload: p })),
    client.on('item.started', (p) => d(p.threadId, { type: 'item.started', payload: p })),
    client.on('item.delta', (p) => d(p.threadId, { type: 'item.delta', payload: p })),
    client.on('item.completed', (p) => d(p.threadId, { type: 'item.completed', payload: p })),
    client.on('approval.requested', (p) => d(p.threadId, { type: 'approval.requested', payload: p })),
    client.on('approval.resolved', (p) => d(p.threadId, { type: 'approval.resolved', payload: p })),
  ];
  // After a reconnect, events were missed: re-read every open thread.
  let wasOpen = client.connection().status === 'open';
  offs.push(
    client.onConnection((state) => {
      const isOpen = state.status === 'open';
      if (isOpen && !wasOpen) for (const id of Object.keys(store.getState().threads)) void store.getState().open(id);
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
