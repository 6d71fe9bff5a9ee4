/**
 * Which process runs a thread's turn. The desktop app, `tandem serve` and `tandem exec` may share one data
 * folder, so "running" in the threads table is not enough to tell a live turn from one whose process died
 * (kill -9, a crash, power loss). While a turn runs, a settings row names the owning pid; on start, each
 * agent service finds threads left running by a process that is gone and closes them properly: an error
 * item saying what happened, and the thread marked failed. Everything up to the last completed item is
 * already in the log.
 */
import type { ErrorItem } from '../../../shared/contract';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import { newItemId } from './items';

const KEY_PREFIX = 'agent.activeTurn.';

interface Ownership {
  pid: number;
  turnId: string;
  startedAt: number;
}

export function claimTurnOwnership(store: Store, threadId: string, turnId: string): void {
  store.settings.set(KEY_PREFIX + threadId, { pid: process.pid, turnId, startedAt: Date.now() } satisfies Ownership);
}

export function releaseTurnOwnership(store: Store, threadId: string, turnId: string): void {
  const current = store.settings.get<Ownership>(KEY_PREFIX + threadId);
  if (current && current.turnId === turnId) store.settings.delete(KEY_PREFIX + threadId);
}

/** The pid of another live process running a turn in this thread, if any. */
export function liveOwnerElsewhere(store: Store, threadId: string): number | null {
  const owner = store.settings.get<Ownership>(KEY_PREFIX + threadId);
  if (!owner || owner.pid === process.pid) return null;
  return isAlive(owner.pid) ? owner.pid : null;
}

/**
 * Closes turns whose process is gone. Turns of this process are never touched (they are in memory), and
 * neither are those of another live process.
 */
export function recoverAbandonedTurns(store: Store, events: EventBus, isRunningHere: (threadId: string) => boolean): string[] {
  const recovered: string[] = [];
  for (const thread of store.threads.list({ includeArchived: true })) {
    // A paused turn belongs to its process like a running one: it dies with it.
    if (thread.status !== 'running' && thread.status !== 'waitingForApproval' && thread.status !== 'paused') continue;
    if (isRunningHere(thread.id) || liveOwnerElsewhere(store, thread.id) !== null) continue;
    const owner = store.settings.get<Ownership>(KEY_PREFIX + thread.id);
    const item: ErrorItem = {
      type: 'error',
      id: newItemId(),
      kind: 'processEnded',
      message:
        'Tandem stopped while this turn was running (the process ended before the turn did). ' +
        'Everything up to the last completed step is kept; send a message to continue.',
      httpStatus: null,
      call: null,
      step: null,
    };
    store.items.append({ id: item.id, threadId: thread.id, turnId: owner?.turnId ?? null, type: item.type, data: item });
    const turn = owner ? store.turns.get(owner.turnId) : null;
    if (turn && turn.status === 'inProgress') {
      store.turns.record({ ...turn, status: 'failed', completedAt: Date.now(), error: { kind: 'processEnded', message: item.message } });
    }
    store.settings.delete(KEY_PREFIX + thread.id);
    const updated = store.threads.update(thread.id, { status: 'failed' });
    if (updated) events.emit('threads.changed', updated);
    recovered.push(thread.id);
  }
  return recovered;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
