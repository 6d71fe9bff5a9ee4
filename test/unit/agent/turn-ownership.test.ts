// Closing turns whose process died, without touching turns that are alive (here or in another process).
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimTurnOwnership, liveOwnerElsewhere, recoverAbandonedTurns, releaseTurnOwnership } from '../../../electron/core/agent/turn-ownership';
import { Store } from '../../../electron/core/store';
import { EventBus } from '../../../electron/core/transport/event-bus';
import { makeTempDir } from '../../support/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let store: Store;
const events = new EventBus();

beforeEach(() => {
  tmp = makeTempDir();
  store = Store.open(tmp.dir);
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

/** A pid that surely belongs to no process: one that just exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

function runningThread(ownerPid: number | null) {
  const thread = store.threads.create({ workspaceId: null, title: 't' });
  store.threads.update(thread.id, { status: 'running' });
  if (ownerPid !== null) store.settings.set(`agent.activeTurn.${thread.id}`, { pid: ownerPid, turnId: 'turn_1', startedAt: 0 });
  return thread.id;
}

describe('turn ownership', () => {
  it('a thread left running by a dead process is closed: error item, status failed', () => {
    const id = runningThread(deadPid());
    expect(recoverAbandonedTurns(store, events, () => false)).toEqual([id]);
    expect(store.threads.get(id)!.status).toBe('failed');
    const [item] = store.items.list(id);
    expect(item).toMatchObject({ turnId: 'turn_1', type: 'error', data: { kind: 'processEnded' } });
    expect(store.settings.get(`agent.activeTurn.${id}`)).toBeUndefined();
  });

  it('a paused turn of a dead process is closed too, and its stored turn marked failed with its usage kept', () => {
    const id = runningThread(deadPid());
    store.threads.update(id, { status: 'paused' });
    const usage = { inputTokens: 100, cachedInputTokens: 0, outputTokens: 20, reasoningOutputTokens: 0, totalTokens: 120 };
    const base = { id: 'turn_1', threadId: id, model: 'm', cwd: '/repo', sandbox: 'workspace-write', approvalPolicy: 'on-request', startedAt: 1, error: null, modelCalls: 1 } as const;
    store.turns.record({ ...base, status: 'inProgress', completedAt: null, usage });
    expect(recoverAbandonedTurns(store, events, () => false)).toEqual([id]);
    expect(store.threads.get(id)!.status).toBe('failed');
    expect(store.turns.get('turn_1')).toMatchObject({ status: 'failed', error: { kind: 'processEnded' }, usage });
    expect(store.turns.list(id)).toHaveLength(1);
  });

  it('a thread running in another live process is left alone, and named as busy', () => {
    const id = runningThread(process.ppid);
    expect(recoverAbandonedTurns(store, events, () => false)).toEqual([]);
    expect(store.threads.get(id)!.status).toBe('running');
    expect(liveOwnerElsewhere(store, id)).toBe(process.ppid);
  });

  it('a thread running here is left alone; one with no owner record is closed', () => {
    const here = runningThread(null);
    const orphan = runningThread(null);
    expect(recoverAbandonedTurns(store, events, (id) => id === here)).toEqual([orphan]);
  });

  it('release only clears the record of the same turn', () => {
    const thread = store.threads.create({ workspaceId: null, title: 't' });
    claimTurnOwnership(store, thread.id, 'turn_a');
    releaseTurnOwnership(store, thread.id, 'turn_b');
    expect(store.settings.get(`agent.activeTurn.${thread.id}`)).toMatchObject({ pid: process.pid, turnId: 'turn_a' });
    expect(liveOwnerElsewhere(store, thread.id)).toBeNull();
    releaseTurnOwnership(store, thread.id, 'turn_a');
    expect(store.settings.get(`agent.activeTurn.${thread.id}`)).toBeUndefined();
  });
});
