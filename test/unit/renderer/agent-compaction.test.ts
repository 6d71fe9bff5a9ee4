// The compaction divider's data side: the stream keeps a compaction item in its place (stored or live),
// the label reads "182k → 9k tokens", and "Compact conversation" is offered only when it can run.
import { describe, expect, it } from 'vitest';
import type { ContextCompactionItem, ThreadItem, Turn } from '../../../shared/contract';
import { EMPTY_STREAM, orderedEntries, streamReducer } from '../../../renderer/src/features/agent/agent-stream';
import { canCompact, compactionLabel } from '../../../renderer/src/features/agent/compaction-view';

const compaction: ContextCompactionItem = {
  type: 'contextCompaction',
  id: 'k1',
  summary: '## Progress\nDone half.',
  keptUserMessages: ['Fix it'],
  replacedItems: 120,
  droppedItems: 0,
  tokensBefore: 182_400,
  tokensAfter: 9_100,
  trigger: 'auto',
  durationMs: 4_000,
};
const row = (seq: number, data: unknown): ThreadItem => ({ id: `r${seq}`, threadId: 'th', turnId: 't1', seq, type: (data as { type: string }).type, data, createdAt: 1_000 + seq }) as ThreadItem;
const turn = (status: Turn['status']): Turn => ({
  id: 't2',
  threadId: 'th',
  status,
  model: 'gpt-5-mini',
  cwd: '/repo',
  sandbox: 'workspace-write',
  approvalPolicy: 'on-request',
  startedAt: 1,
  completedAt: status === 'inProgress' ? null : 2,
  error: null,
  usage: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0, totalTokens: 0 },
  modelCalls: 1,
});

describe('compaction in the thread view', () => {
  it('reads the tokens before and after', () => {
    expect(compactionLabel(compaction)).toBe('Conversation compacted · 182k → 9.1k tokens');
  });

  it('keeps a stored compaction in its place in the log, and a live one after it', () => {
    const user = { type: 'userMessage', id: 'u1', text: 'Fix it', images: [], steer: null };
    let state = streamReducer(EMPTY_STREAM, { type: 'thread.loaded', items: [row(1, user), row(2, compaction)] });
    expect(orderedEntries(state).map((e) => e.item.type)).toEqual(['userMessage', 'contextCompaction']);
    const again = { ...compaction, id: 'k2', trigger: 'manual' as const };
    state = streamReducer(state, { type: 'item.started', payload: { threadId: 'th', turnId: 't2', item: again } });
    state = streamReducer(state, { type: 'item.completed', payload: { threadId: 'th', turnId: 't2', item: again, seq: 3 } });
    expect(orderedEntries(state).map((e) => e.item.id)).toEqual(['u1', 'k1', 'k2']);
    expect(orderedEntries(state).at(-1)).toMatchObject({ done: true, seq: 3 });
  });

  it('offers "Compact conversation" only with something new to compact and no turn running', () => {
    const user = { type: 'userMessage', id: 'u1', text: 'Fix it', images: [], steer: null };
    expect(canCompact(EMPTY_STREAM)).toBe(false);
    const loaded = streamReducer(EMPTY_STREAM, { type: 'thread.loaded', items: [row(1, user)] });
    expect(canCompact(loaded)).toBe(true);
    const running = streamReducer(loaded, { type: 'turn.started', payload: { threadId: 'th', turn: turn('inProgress') } });
    expect(canCompact(running)).toBe(false);
    const compacted = streamReducer(loaded, { type: 'thread.loaded', items: [row(1, user), row(2, compaction)] });
    expect(canCompact(compacted)).toBe(false);
  });
});
