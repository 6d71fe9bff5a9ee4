/**
 * The live state of one thread's conversation, as a pure reducer over the agent's events (and the
 * thread's stored items). Events can arrive twice, late or out of order — after a reconnect, or when a
 * `turn.active` snapshot overlaps events already seen — so every action is written to be harmless when
 * repeated: a completed item is final (later starts and deltas for it are ignored), a completion always
 * replaces, and a delta for an unknown item waits for the snapshot that will carry it.
 */
import type {
  ActiveTurnState,
  AgentItem,
  ApprovalDecision,
  ApprovalRequest,
  EventPayload,
  ItemDelta,
  ThreadItem,
  Turn,
  TurnPauseState,
} from '../../../../shared/contract';

/** Live command output kept in memory while a command runs; the completed item carries the capped whole. */
const LIVE_OUTPUT_CAP = 64 * 1024;

export interface StreamEntry {
  item: AgentItem;
  turnId: string | null;
  /** Place in the stored log; null while the item streams. */
  seq: number | null;
  done: boolean;
  /** When the item was stored (from the log); null for items seen live. */
  createdAt: number | null;
}

export interface TurnView {
  turn: Turn;
  /** The latest retry while the model call is being retried; cleared when anything streams again. */
  retry: { attempt: number; maxRetries: number; delayMs: number; reason: string } | null;
}

export interface ThreadStream {
  entries: Record<string, StreamEntry>;
  /** Item ids in the order they are shown. */
  order: string[];
  turns: Record<string, TurnView>;
  /** The turn running now, if any. */
  activeTurnId: string | null;
  /** Approvals waiting for the user, oldest first. */
  approvals: ApprovalRequest[];
  queuedSteers: number;
  /** Whether the running turn is asked to pause, or paused (`running` when none runs). */
  pause: TurnPauseState;
}

export const EMPTY_STREAM: ThreadStream = { entries: {}, order: [], turns: {}, activeTurnId: null, approvals: [], queuedSteers: 0, pause: 'running' };

export type StreamAction =
  | { type: 'thread.loaded'; items: ThreadItem[] }
  | { type: 'turn.active'; active: ActiveTurnState | null }
  /** The thread's finished turns as stored (how each ended, its tokens), for turns this window did not see live. */
  | { type: 'turns.loaded'; turns: Turn[] }
  | { type: 'turn.updated'; payload: EventPayload<'turn.updated'> }
  | { type: 'turn.pauseChanged'; payload: EventPayload<'turn.pauseChanged'> }
  | { type: 'turn.started'; payload: EventPayload<'turn.started'> }
  | { type: 'turn.completed'; payload: EventPayload<'turn.completed'> }
  | { type: 'turn.retrying'; payload: EventPayload<'turn.retrying'> }
  | { type: 'turn.usage'; payload: EventPayload<'turn.usage'> }
  | { type: 'item.started'; payload: EventPayload<'item.started'> }
  | { type: 'item.delta'; payload: EventPayload<'item.delta'> }
  | { type: 'item.completed'; payload: EventPayload<'item.completed'> }
  | { type: 'approval.requested'; payload: ApprovalRequest }
  | { type: 'approval.resolved'; payload: { threadId: string; requestId: string; decision: ApprovalDecision | 'cancelled' } };

/** Stored items are `AgentItem`s; anything else (a later kind, a damaged row) is skipped. */
function asAgentItem(row: ThreadItem): AgentItem | null {
  const data = row.data;
  if (typeof data !== 'object' || data === null) return null;
  const d = data as { type?: unknown; id?: unknown };
  if (typeof d.type !== 'string' || typeof d.id !== 'string') return null;
  return data as AgentItem;
}

function withEntry(state: ThreadStream, id: string, entry: StreamEntry): ThreadStream {
  const known = id in state.entries;
  return { ...state, entries: { ...state.entries, [id]: entry }, order: known ? state.order : [...state.order, id] };
}

export function applyDelta(item: AgentItem, delta: ItemDelta): AgentItem {
  switch (delta.kind) {
    case 'text':
      return item.type === 'agentMessage' ? { ...item, text: item.text + delta.text } : item;
    case 'reasoningSummary': {
      if (item.type !== 'reasoning' || delta.index < 0) return item;
      const summary = [...item.summary];
      while (summary.length <= delta.index) summary.push('');
      summary[delta.index] = summary[delta.index] + delta.text;
      return { ...item, summary };
    }
    case 'output': {
      if (item.type !== 'commandExecution') return item;
      let output = item.output + delta.text;
      if (output.length > LIVE_OUTPUT_CAP) output = output.slice(output.length - LIVE_OUTPUT_CAP);
      return { ...item, output };
    }
  }
}

function clearRetry(state: ThreadStream, turnId: string): ThreadStream {
  const view = state.turns[turnId];
  if (!view?.retry) return state;
  return { ...state, turns: { ...state.turns, [turnId]: { ...view, retry: null } } };
}

function putTurn(state: ThreadStream, turn: Turn): ThreadStream {
  const prev = state.turns[turn.id];
  // A completed turn never goes back to running (a late `turn.started`).
  if (prev && prev.turn.status !== 'inProgress' && turn.status === 'inProgress') return state;
  const running = turn.status === 'inProgress';
  const activeTurnId = running ? turn.id : state.activeTurnId === turn.id ? null : state.activeTurnId;
  return {
    ...state,
    activeTurnId,
    turns: { ...state.turns, [turn.id]: { turn, retry: running ? (prev?.retry ?? null) : null } },
    approvals: running ? state.approvals : state.approvals.filter((a) => a.turnId !== turn.id),
    queuedSteers: running ? state.queuedSteers : 0,
    pause: activeTurnId !== null && activeTurnId === state.activeTurnId ? state.pause : 'running',
  };
}

export function streamReducer(state: ThreadStream, action: StreamAction): ThreadStream {
  switch (action.type) {
    case 'thread.loaded': {
      const stored = action.items
        .map((row) => ({ row, item: asAgentItem(row) }))
        .filter((x): x is { row: ThreadItem; item: AgentItem } => x.item !== null)
        .sort((a, b) => a.row.seq - b.row.seq);
      const entries: Record<string, StreamEntry> = {};
      const order: string[] = [];
      for (const { row, item } of stored) {
        entries[item.id] = { item, turnId: row.turnId, seq: row.seq, done: true, createdAt: row.createdAt };
        order.push(item.id);
      }
      // Items still streaming (not in the log yet) stay, after the stored ones.
      for (const id of state.order) {
        const entry = state.entries[id];
        if (entry && !entry.done && !(id in entries)) {
          entries[id] = entry;
          order.push(id);
        }
      }
      return { ...state, entries, order };
    }
    case 'turn.active': {
      const active = action.active;
      if (!active) {
        // Nothing runs: a turn we thought running ended while we were not listening.
        const running = state.activeTurnId;
        let next: ThreadStream = { ...state, activeTurnId: null, approvals: [], queuedSteers: 0, pause: 'running' };
        if (running && next.turns[running]) {
          const view = next.turns[running]!;
          next = { ...next, turns: { ...next.turns, [running]: { ...view, retry: null } } };
        }
        // Streaming leftovers of that turn will never complete here; drop them (the log has what was kept).
        const order = next.order.filter((id) => next.entries[id]?.done);
        const entries: Record<string, StreamEntry> = {};
        for (const id of order) entries[id] = next.entries[id]!;
        return { ...next, order, entries };
      }
      let next = putTurn(state, active.turn);
      for (const item of active.inProgress) {
        const known = next.entries[item.id];
        if (known?.done) continue;
        next = withEntry(next, item.id, { item, turnId: active.turn.id, seq: null, done: false, createdAt: null });
      }
      return {
        ...next,
        approvals: [...active.pendingApprovals].sort((a, b) => a.requestedAt - b.requestedAt),
        queuedSteers: active.queuedSteers,
        pause: active.pause,
      };
    }
    case 'turns.loaded': {
      // Stored turns fill in what this window never saw; a turn it knows (live, or ended since) stays.
      const turns = { ...state.turns };
      for (const turn of action.turns) {
        if (turn.status === 'inProgress' || turns[turn.id]) continue;
        turns[turn.id] = { turn, retry: null };
      }
      return { ...state, turns };
    }
    case 'turn.updated': {
      const { turn } = action.payload;
      const view = state.turns[turn.id];
      // Only the running turn changes settings; usage may have moved on since this copy was taken.
      if (!view || view.turn.status !== 'inProgress') return state;
      const updated = { ...view.turn, model: turn.model, sandbox: turn.sandbox, approvalPolicy: turn.approvalPolicy };
      return { ...state, turns: { ...state.turns, [turn.id]: { ...view, turn: updated } } };
    }
    case 'turn.pauseChanged': {
      const { turnId, pause } = action.payload;
      if (state.activeTurnId !== turnId) return state;
      return { ...state, pause };
    }
    case 'turn.started':
    case 'turn.completed':
      return putTurn(state, action.payload.turn);
    case 'turn.retrying': {
      const p = action.payload;
      const view = state.turns[p.turnId];
      if (!view || view.turn.status !== 'inProgress') return state;
      return { ...state, turns: { ...state.turns, [p.turnId]: { ...view, retry: { attempt: p.attempt, maxRetries: p.maxRetries, delayMs: p.delayMs, reason: p.reason } } } };
    }
    case 'turn.usage': {
      const p = action.payload;
      const view = state.turns[p.turnId];
      if (!view) return state;
      return { ...state, turns: { ...state.turns, [p.turnId]: { ...view, turn: { ...view.turn, usage: p.usage } } } };
    }
    case 'item.started': {
      const { item, turnId } = action.payload;
      if (state.entries[item.id]?.done) return state;
      if (state.entries[item.id]) return clearRetry(state, turnId); // a repeat start keeps what streamed
      return clearRetry(withEntry(state, item.id, { item, turnId, seq: null, done: false, createdAt: null }), turnId);
    }
    case 'item.delta': {
      const { itemId, delta, turnId } = action.payload;
      const entry = state.entries[itemId];
      if (!entry || entry.done) return state;
      return clearRetry({ ...state, entries: { ...state.entries, [itemId]: { ...entry, item: applyDelta(entry.item, delta) } } }, turnId);
    }
    case 'item.completed': {
      const { item, turnId, seq } = action.payload;
      return withEntry(state, item.id, { item, turnId, seq, done: true, createdAt: state.entries[item.id]?.createdAt ?? null });
    }
    case 'approval.requested': {
      const req = action.payload;
      if (state.approvals.some((a) => a.requestId === req.requestId)) return state;
      const view = state.turns[req.turnId];
      if (view && view.turn.status !== 'inProgress') return state;
      return { ...state, approvals: [...state.approvals, req] };
    }
    case 'approval.resolved':
      return { ...state, approvals: state.approvals.filter((a) => a.requestId !== action.payload.requestId) };
  }
}

/** Entries in display order. */
export function orderedEntries(state: ThreadStream): StreamEntry[] {
  return state.order.map((id) => state.entries[id]).filter((e): e is StreamEntry => e !== undefined);
}
