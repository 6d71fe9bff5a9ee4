/**
 * The conversation's live state as a pure reducer: deltas coalesce, a completion replaces, repeated or
 * late events change nothing, and a reload in the middle of a turn (stored items + `turn.active`)
 * rebuilds what the user saw.
 */
import { describe, expect, it } from 'vitest';
import type { ActiveTurnState, AgentItem, ApprovalRequest, CommandExecutionItem, ThreadItem, Turn } from '../../../shared/contract';
import { EMPTY_USAGE } from '../../../shared/contract/agent';
import { EMPTY_STREAM, orderedEntries, streamReducer, type StreamAction, type ThreadStream } from '../../../renderer/src/features/agent/agent-stream';

const T = 'thread-1';

function turn(over: Partial<Turn> = {}): Turn {
  return {
    id: 'turn-1',
    threadId: T,
    status: 'inProgress',
    model: 'gpt-test',
    cwd: '/repo',
    sandbox: 'workspace-write',
    approvalPolicy: 'on-request',
    startedAt: 1000,
    completedAt: null,
    error: null,
    usage: EMPTY_USAGE,
    modelCalls: 0,
    ...over,
  };
}

const user: AgentItem = { type: 'userMessage', id: 'u1', text: 'Fix the test', images: [], steer: null };
const msg = (text: string): AgentItem => ({ type: 'agentMessage', id: 'm1', text, step: 1 });
const command = (over: Partial<CommandExecutionItem> = {}): CommandExecutionItem => ({
  type: 'commandExecution',
  id: 'c1',
  call: { callId: 'call_1', name: 'shell', arguments: '{"command":"npm test"}' },
  step: 1,
  command: 'npm test',
  cwd: '/repo',
  status: 'inProgress',
  exitCode: null,
  output: '',
  durationMs: null,
  timedOut: false,
  sandbox: 'workspace-write',
  terminalId: 'term-9',
  reason: null,
  ...over,
});
const approval: ApprovalRequest = {
  requestId: 'req-1',
  threadId: T,
  turnId: 'turn-1',
  itemId: 'c1',
  kind: 'command',
  reason: 'the command asks to run outside the sandbox',
  justification: 'needs the network to install',
  command: 'npm install',
  cwd: '/repo',
  paths: [],
  rulePrefix: ['npm', 'install'],
  requestedAt: 2000,
};

function run(actions: StreamAction[], from: ThreadStream = EMPTY_STREAM): ThreadStream {
  return actions.reduce(streamReducer, from);
}

const started = (item: AgentItem): StreamAction => ({ type: 'item.started', payload: { threadId: T, turnId: 'turn-1', item } });
const delta = (itemId: string, text: string, kind: 'text' | 'output' = 'text'): StreamAction => ({ type: 'item.delta', payload: { threadId: T, turnId: 'turn-1', itemId, delta: { kind, text } } });
const completed = (item: AgentItem, seq: number): StreamAction => ({ type: 'item.completed', payload: { threadId: T, turnId: 'turn-1', item, seq } });
const row = (item: AgentItem, seq: number): ThreadItem => ({ id: item.id, threadId: T, turnId: 'turn-1', seq, type: item.type, data: item, createdAt: 5000 + seq });

describe('the agent stream reducer', () => {
  it('coalesces text deltas into the streaming message, then the completion replaces it', () => {
    let s = run([{ type: 'turn.started', payload: { threadId: T, turn: turn() } }, completed(user, 1), started(msg('')), delta('m1', 'Hel'), delta('m1', 'lo')]);
    expect(s.activeTurnId).toBe('turn-1');
    expect(s.entries.m1).toMatchObject({ done: false, item: { text: 'Hello' } });
    s = streamReducer(s, completed(msg('Hello, world.'), 2));
    expect(s.entries.m1).toMatchObject({ done: true, seq: 2, item: { text: 'Hello, world.' } });
    expect(orderedEntries(s).map((e) => e.item.id)).toEqual(['u1', 'm1']);
  });

  it('ignores deltas and starts that arrive after the completion, and a repeated completion', () => {
    const s = run([started(msg('')), delta('m1', 'Hi'), completed(msg('Hi there'), 2), delta('m1', ' again'), started(msg('')), completed(msg('Hi there'), 2)]);
    expect(s.entries.m1?.item).toMatchObject({ text: 'Hi there' });
    expect(s.order).toEqual(['m1']);
  });

  it('drops a delta for an item it has not seen (the snapshot will carry it)', () => {
    const s = run([delta('ghost', 'boo')]);
    expect(s).toEqual(EMPTY_STREAM);
  });

  it('keeps a repeated start from wiping what already streamed', () => {
    const s = run([started(msg('')), delta('m1', 'abc'), started(msg(''))]);
    expect(s.entries.m1?.item).toMatchObject({ text: 'abc' });
  });

  it('appends command output and reasoning summaries by section', () => {
    const reasoning: AgentItem = { type: 'reasoning', id: 'r1', summary: [], replay: null, step: 1 };
    const s = run([
      started(command()),
      delta('c1', 'PASS a\n', 'output'),
      delta('c1', 'PASS b\n', 'output'),
      started(reasoning),
      { type: 'item.delta', payload: { threadId: T, turnId: 'turn-1', itemId: 'r1', delta: { kind: 'reasoningSummary', index: 1, text: 'second' } } },
      { type: 'item.delta', payload: { threadId: T, turnId: 'turn-1', itemId: 'r1', delta: { kind: 'reasoningSummary', index: 0, text: 'first' } } },
    ]);
    expect(s.entries.c1?.item).toMatchObject({ output: 'PASS a\nPASS b\n' });
    expect(s.entries.r1?.item).toMatchObject({ summary: ['first', 'second'] });
  });

  it('shows retries until something streams again, and usage as it is reported', () => {
    let s = run([
      { type: 'turn.started', payload: { threadId: T, turn: turn() } },
      { type: 'turn.retrying', payload: { threadId: T, turnId: 'turn-1', attempt: 2, maxRetries: 5, delayMs: 1000, reason: 'HTTP 429' } },
    ]);
    expect(s.turns['turn-1']?.retry).toMatchObject({ attempt: 2, maxRetries: 5 });
    s = run([started(msg('')), { type: 'turn.usage', payload: { threadId: T, turnId: 'turn-1', usage: { ...EMPTY_USAGE, totalTokens: 1234 } } }], s);
    expect(s.turns['turn-1']?.retry).toBeNull();
    expect(s.turns['turn-1']?.turn.usage.totalTokens).toBe(1234);
  });

  it('keeps approvals until resolved, once each, and clears them when the turn ends', () => {
    let s = run([{ type: 'turn.started', payload: { threadId: T, turn: turn() } }, started(command()), { type: 'approval.requested', payload: approval }, { type: 'approval.requested', payload: approval }]);
    expect(s.approvals).toHaveLength(1);
    s = streamReducer(s, { type: 'approval.resolved', payload: { threadId: T, requestId: 'req-1', decision: 'approve' } });
    expect(s.approvals).toHaveLength(0);
    s = run([{ type: 'approval.requested', payload: { ...approval, requestId: 'req-2' } }, { type: 'turn.completed', payload: { threadId: T, turn: turn({ status: 'interrupted', completedAt: 3000 }) } }], s);
    expect(s.approvals).toHaveLength(0);
    expect(s.activeTurnId).toBeNull();
    // A late request of the finished turn does not bring a card back.
    s = streamReducer(s, { type: 'approval.requested', payload: { ...approval, requestId: 'req-3' } });
    expect(s.approvals).toHaveLength(0);
  });

  it('does not reopen a finished turn on a late turn.started', () => {
    const s = run([{ type: 'turn.completed', payload: { threadId: T, turn: turn({ status: 'completed', completedAt: 3000 }) } }, { type: 'turn.started', payload: { threadId: T, turn: turn() } }]);
    expect(s.activeTurnId).toBeNull();
    expect(s.turns['turn-1']?.turn.status).toBe('completed');
  });

  it('rebuilds a reload in the middle of a turn from the stored items and turn.active', () => {
    const active: ActiveTurnState = {
      turn: turn({ modelCalls: 1 }),
      inProgress: [command({ output: 'partial\n' })],
      pendingApprovals: [approval],
      queuedSteers: 1,
      pause: 'running',
    };
    // Stored rows arrive in any order; the log's seq decides.
    const s = run([
      { type: 'thread.loaded', items: [row(msg('Running the tests.'), 2), row(user, 1)] },
      { type: 'turn.active', active },
    ]);
    expect(orderedEntries(s).map((e) => [e.item.id, e.done])).toEqual([
      ['u1', true],
      ['m1', true],
      ['c1', false],
    ]);
    expect(s.entries.u1?.createdAt).toBe(5001);
    expect(s.activeTurnId).toBe('turn-1');
    expect(s.approvals.map((a) => a.requestId)).toEqual(['req-1']);
    expect(s.queuedSteers).toBe(1);

    // Events that overlap the snapshot are harmless; new output goes on from the snapshot.
    const after = run([started(command()), delta('c1', 'more\n', 'output'), { type: 'approval.requested', payload: approval }], s);
    expect(after.entries.c1?.item).toMatchObject({ output: 'partial\nmore\n' });
    expect(after.approvals).toHaveLength(1);
  });

  it('a snapshot does not undo an item that already completed', () => {
    const s = run([
      completed(command({ status: 'completed', exitCode: 0, output: 'ok' }), 3),
      { type: 'turn.active', active: { turn: turn(), inProgress: [command({ output: 'o' })], pendingApprovals: [], queuedSteers: 0, pause: 'running' } },
    ]);
    expect(s.entries.c1).toMatchObject({ done: true, item: { exitCode: 0 } });
  });

  it('reloading keeps items still streaming and drops them once no turn runs', () => {
    let s = run([{ type: 'turn.started', payload: { threadId: T, turn: turn() } }, completed(user, 1), started(msg('')), delta('m1', 'partial')]);
    s = streamReducer(s, { type: 'thread.loaded', items: [row(user, 1)] });
    expect(s.order).toEqual(['u1', 'm1']);
    s = streamReducer(s, { type: 'turn.active', active: null });
    expect(s.order).toEqual(['u1']);
    expect(s.activeTurnId).toBeNull();
  });

  it('skips stored rows that are not agent items', () => {
    const s = streamReducer(EMPTY_STREAM, { type: 'thread.loaded', items: [{ id: 'x', threadId: T, turnId: null, seq: 1, type: 'note', data: 'plain text', createdAt: 1 }, row(user, 2)] });
    expect(s.order).toEqual(['u1']);
  });
});

describe('steering a running turn: settings, pause, stored turns', () => {
  const pauseChanged = (pause: 'running' | 'pausing' | 'paused', turnId = 'turn-1'): StreamAction => ({ type: 'turn.pauseChanged', payload: { threadId: T, turnId, pause } });

  it('follows a running turn through pausing, paused and resumed', () => {
    let s = run([{ type: 'turn.started', payload: { threadId: T, turn: turn() } }, pauseChanged('pausing')]);
    expect(s.pause).toBe('pausing');
    s = streamReducer(s, pauseChanged('paused'));
    expect(s.pause).toBe('paused');
    s = streamReducer(s, pauseChanged('running'));
    expect(s.pause).toBe('running');
  });

  it('ignores a pause change of a turn that is not the running one, and forgets the pause when the turn ends', () => {
    let s = run([{ type: 'turn.started', payload: { threadId: T, turn: turn() } }, pauseChanged('paused', 'turn-old')]);
    expect(s.pause).toBe('running');
    s = run([pauseChanged('paused'), { type: 'turn.completed', payload: { threadId: T, turn: turn({ status: 'interrupted', completedAt: 3000 }) } }], s);
    expect(s.pause).toBe('running');
    expect(s.activeTurnId).toBeNull();
    // A late pause event of the finished turn does not bring the pause back.
    expect(streamReducer(s, pauseChanged('paused')).pause).toBe('running');
  });

  it('a reload while paused shows the turn paused; once nothing runs, nothing is paused', () => {
    const active: ActiveTurnState = { turn: turn({ modelCalls: 1 }), inProgress: [], pendingApprovals: [], queuedSteers: 0, pause: 'paused' };
    let s = run([{ type: 'thread.loaded', items: [row(user, 1)] }, { type: 'turn.active', active }]);
    expect(s.activeTurnId).toBe('turn-1');
    expect(s.pause).toBe('paused');
    s = streamReducer(s, { type: 'turn.active', active: null });
    expect(s.pause).toBe('running');
  });

  it('a settings change updates the running turn but not its usage, and never a finished turn', () => {
    const usage = { ...EMPTY_USAGE, totalTokens: 500, inputTokens: 400, outputTokens: 100 };
    let s = run([
      { type: 'turn.started', payload: { threadId: T, turn: turn() } },
      { type: 'turn.usage', payload: { threadId: T, turnId: 'turn-1', usage } },
      // The event's copy of the turn was taken before the usage above reached this window.
      { type: 'turn.updated', payload: { threadId: T, turn: turn({ sandbox: 'read-only', approvalPolicy: 'never', model: 'gpt-other' }) } },
    ]);
    expect(s.turns['turn-1']?.turn).toMatchObject({ sandbox: 'read-only', approvalPolicy: 'never', model: 'gpt-other', usage: { totalTokens: 500 } });
    s = streamReducer(s, { type: 'turn.completed', payload: { threadId: T, turn: turn({ status: 'completed', completedAt: 3000, sandbox: 'read-only' }) } });
    const late = streamReducer(s, { type: 'turn.updated', payload: { threadId: T, turn: turn({ sandbox: 'danger-full-access' }) } });
    expect(late.turns['turn-1']?.turn.sandbox).toBe('read-only');
  });

  it('stored turns fill in turns this window never saw, without replacing the ones it knows', () => {
    const stored = (id: string, totalTokens: number, status: Turn['status'] = 'completed') =>
      turn({ id, status, completedAt: status === 'inProgress' ? null : 2000, usage: { ...EMPTY_USAGE, totalTokens } });
    let s = run([{ type: 'turn.completed', payload: { threadId: T, turn: stored('turn-live', 900) } }]);
    s = streamReducer(s, { type: 'turns.loaded', turns: [stored('turn-a', 1200), stored('turn-live', 1), stored('turn-orphan', 7, 'inProgress')] });
    expect(s.turns['turn-a']?.turn.usage.totalTokens).toBe(1200);
    expect(s.turns['turn-live']?.turn.usage.totalTokens).toBe(900);
    // A stored turn still marked in progress is not taken for the running one (turn.active says what runs).
    expect(s.turns['turn-orphan']).toBeUndefined();
    expect(s.activeTurnId).toBeNull();
  });
});
