/**
 * The item lifecycle of one turn: `start` announces an item, `delta` streams pieces of it, `complete`
 * stores the finished item in the thread's append-only log and announces it. Deltas are folded into the
 * in-memory copy (for a client that connects mid-turn) and never stored, so a crash loses at most the
 * items still in progress.
 */
import { randomUUID } from 'node:crypto';
import type { AgentItem, ItemDelta, ThreadItem } from '../../../shared/contract';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';

/** Cap on the command output kept in an in-progress item (the completed item carries the capped whole). */
const LIVE_OUTPUT_MAX_CHARS = 64 * 1024;

export function newItemId(): string {
  return `item_${randomUUID()}`;
}

/** A completed item as the thread log holds it. */
export interface LoggedItem {
  turnId: string | null;
  seq: number;
  item: AgentItem;
}

export function toLoggedItem(row: ThreadItem): LoggedItem | null {
  const data = row.data as AgentItem | null;
  if (!data || typeof data !== 'object' || typeof data.type !== 'string') return null;
  return { turnId: row.turnId, seq: row.seq, item: data };
}

export class TurnItems {
  private readonly live = new Map<string, AgentItem>();

  constructor(
    private readonly deps: {
      store: Store;
      events: EventBus;
      threadId: string;
      turnId: string;
      /** Called with each item once stored (the turn loop keeps its conversation in step). */
      onStored?: (logged: LoggedItem) => void;
    },
  ) {}

  start<T extends AgentItem>(item: T): T {
    this.live.set(item.id, structuredClone(item));
    this.deps.events.emit('item.started', { threadId: this.deps.threadId, turnId: this.deps.turnId, item });
    return item;
  }

  delta(itemId: string, delta: ItemDelta): void {
    const item = this.live.get(itemId);
    if (item) applyDelta(item, delta);
    this.deps.events.emit('item.delta', { threadId: this.deps.threadId, turnId: this.deps.turnId, itemId, delta });
  }

  /** Stores the finished item, then announces it. Returns its place in the log. */
  complete(item: AgentItem): LoggedItem {
    const row = this.deps.store.items.append({ id: item.id, threadId: this.deps.threadId, turnId: this.deps.turnId, type: item.type, data: item });
    this.live.delete(item.id);
    const logged: LoggedItem = { turnId: this.deps.turnId, seq: row.seq, item };
    this.deps.onStored?.(logged);
    this.deps.events.emit('item.completed', { threadId: this.deps.threadId, turnId: this.deps.turnId, item, seq: row.seq });
    return logged;
  }

  /** Starts and completes an item that has no streaming phase (a user message, an error). */
  record(item: AgentItem): LoggedItem {
    this.start(item);
    return this.complete(item);
  }

  /**
   * Stores an item now and announces it later (`announce`): the user's message is stored before
   * anything else happens, but announced after `turn.started`, as clients expect.
   */
  storeQuietly(item: AgentItem): LoggedItem {
    const row = this.deps.store.items.append({ id: item.id, threadId: this.deps.threadId, turnId: this.deps.turnId, type: item.type, data: item });
    const logged: LoggedItem = { turnId: this.deps.turnId, seq: row.seq, item };
    this.deps.onStored?.(logged);
    return logged;
  }

  announce(logged: LoggedItem): void {
    const at = { threadId: this.deps.threadId, turnId: this.deps.turnId };
    this.deps.events.emit('item.started', { ...at, item: logged.item });
    this.deps.events.emit('item.completed', { ...at, item: logged.item, seq: logged.seq });
  }

  /** Items started but not completed, as far as they have got. */
  inProgress(): AgentItem[] {
    return [...this.live.values()].map((item) => structuredClone(item));
  }

  isLive(itemId: string): boolean {
    return this.live.has(itemId);
  }
}

function applyDelta(item: AgentItem, delta: ItemDelta): void {
  if (delta.kind === 'text' && item.type === 'agentMessage') {
    item.text += delta.text;
  } else if (delta.kind === 'reasoningSummary' && item.type === 'reasoning') {
    item.summary[delta.index] = (item.summary[delta.index] ?? '') + delta.text;
  } else if (delta.kind === 'output' && item.type === 'commandExecution') {
    const next = item.output + delta.text;
    item.output = next.length > LIVE_OUTPUT_MAX_CHARS ? next.slice(next.length - LIVE_OUTPUT_MAX_CHARS) : next;
  }
}
