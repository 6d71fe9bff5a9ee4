import { describe, expect, it } from 'vitest';
import { ApprovalBroker, suggestRulePrefix, type ApprovalRequestInput } from '../../../../electron/core/agent/approvals';
import type { ApprovalRequest } from '../../../../shared/contract/agent';
import { EventBus } from '../../../../electron/core/transport/event-bus';

function setup(saveRule?: (prefix: string[]) => Promise<unknown>) {
  const bus = new EventBus();
  const events: Array<{ event: string; payload: unknown }> = [];
  bus.subscribe((event, payload) => events.push({ event, payload }));
  let next = 0;
  const broker = new ApprovalBroker({ events: bus, saveRule, newId: () => `req-${++next}`, now: () => 1000 });
  const requested = () => events.filter((e) => e.event === 'approval.requested').map((e) => e.payload as ApprovalRequest);
  const resolved = () => events.filter((e) => e.event === 'approval.resolved').map((e) => e.payload);
  return { broker, events, requested, resolved };
}

const command = (overrides: Partial<ApprovalRequestInput> = {}): ApprovalRequestInput => ({
  threadId: 't1',
  turnId: 'turn1',
  itemId: 'item1',
  kind: 'command',
  reason: 'The model asks to run `npm publish` outside the sandbox.',
  justification: 'release',
  command: 'npm publish',
  cwd: '/w',
  paths: [],
  rulePrefix: ['npm', 'publish'],
  ...overrides,
});

describe('ApprovalBroker', () => {
  it('emits the request as the contract shapes it and resolves with the answer', async () => {
    const { broker, requested, resolved } = setup();
    const answer = broker.request(command({ escalated: true }));
    expect(requested()).toEqual([
      {
        requestId: 'req-1',
        threadId: 't1',
        turnId: 'turn1',
        itemId: 'item1',
        kind: 'command',
        reason: 'The model asks to run `npm publish` outside the sandbox.',
        justification: 'release',
        command: 'npm publish',
        cwd: '/w',
        paths: [],
        rulePrefix: ['npm', 'publish'],
        requestedAt: 1000,
      },
    ]);
    expect(broker.pending('t1').map((r) => r.requestId)).toEqual(['req-1']);
    expect(await broker.respond('req-1', 'approve')).toBe(true);
    expect(await answer).toEqual({ decision: 'approve', message: null, remembered: false, cancelled: false, warning: null });
    expect(resolved()).toEqual([{ threadId: 't1', requestId: 'req-1', decision: 'approve' }]);
    expect(broker.pending()).toEqual([]);
  });

  it('passes a denial message to the model and refuses a second answer', async () => {
    const { broker } = setup();
    const answer = broker.request(command());
    expect(await broker.respond('req-1', 'deny', '  use the staging registry  ')).toBe(true);
    expect(await answer).toMatchObject({ decision: 'deny', message: 'use the staging registry' });
    expect(await broker.respond('req-1', 'approve')).toBe(false);
    expect(await broker.respond('nope', 'approve')).toBe(false);
  });

  it('approve once is not remembered', async () => {
    const { broker, requested } = setup();
    const first = broker.request(command());
    await broker.respond('req-1', 'approve');
    await first;
    void broker.request(command());
    expect(requested()).toHaveLength(2);
  });

  it('remembers "for this thread" for the same command, same place, same thread only', async () => {
    const { broker, requested } = setup();
    const first = broker.request(command({ escalated: true }));
    await broker.respond('req-1', 'approveForThread');
    await first;

    expect(await broker.request(command({ escalated: true, turnId: 'turn2' }))).toMatchObject({ decision: 'approveForThread', remembered: true });
    expect(requested()).toHaveLength(1);

    void broker.request(command({ escalated: false })); // inside the sandbox is another question
    void broker.request(command({ escalated: true, command: 'npm publish --tag next' }));
    void broker.request(command({ escalated: true, threadId: 't2' }));
    expect(requested()).toHaveLength(4);
  });

  it('"always" saves the prefix as a rule and covers longer commands in the thread', async () => {
    const saved: string[][] = [];
    const { broker, requested } = setup(async (prefix) => {
      saved.push(prefix);
    });
    const first = broker.request(command({ command: 'npm publish', rulePrefix: ['npm', 'publish'] }));
    await broker.respond('req-1', 'approveAlways');
    expect(await first).toMatchObject({ decision: 'approveAlways', warning: null });
    expect(saved).toEqual([['npm', 'publish']]);

    expect(await broker.request(command({ command: 'npm publish --dry-run', escalated: true }))).toMatchObject({ remembered: true });
    void broker.request(command({ command: 'npm publish && rm -rf /' }));
    expect(requested()).toHaveLength(2);
  });

  it('a rule that cannot be saved still approves, with a warning', async () => {
    const { broker } = setup(async () => {
      throw new Error('rules.json is not valid JSON');
    });
    const answer = broker.request(command());
    await broker.respond('req-1', 'approveAlways');
    expect(await answer).toMatchObject({ decision: 'approveAlways', warning: 'Approved, but the rule could not be saved: rules.json is not valid JSON' });
  });

  it('remembers approved patch paths for the thread', async () => {
    const { broker, requested } = setup();
    const patch = (paths: string[]): ApprovalRequestInput => command({ kind: 'fileChange', command: null, rulePrefix: null, paths });
    const first = broker.request(patch(['/etc/hosts', '/home/a/.bashrc']));
    await broker.respond('req-1', 'approveForThread');
    await first;
    expect(await broker.request(patch(['/etc/hosts']))).toMatchObject({ remembered: true });
    void broker.request(patch(['/etc/hosts', '/etc/passwd']));
    expect(requested()).toHaveLength(2);
  });

  it('denies what is pending when the turn is interrupted, and only that turn', async () => {
    const { broker, resolved } = setup();
    const a = broker.request(command());
    const b = broker.request(command({ itemId: 'item2' }));
    const other = broker.request(command({ turnId: 'turn-other', threadId: 't2' }));
    expect(broker.cancelTurn('t1', 'turn1')).toBe(2);
    expect(await a).toMatchObject({ decision: 'deny', cancelled: true });
    expect(await b).toMatchObject({ decision: 'deny', cancelled: true });
    expect(resolved()).toEqual([
      { threadId: 't1', requestId: 'req-1', decision: 'cancelled' },
      { threadId: 't1', requestId: 'req-2', decision: 'cancelled' },
    ]);
    expect(broker.pending().map((r) => r.threadId)).toEqual(['t2']);
    expect(await broker.respond('req-1', 'approve')).toBe(false);
    broker.dispose();
    expect(await other).toMatchObject({ cancelled: true });
  });

  it('follows an abort signal', async () => {
    const { broker } = setup();
    const controller = new AbortController();
    const answer = broker.request(command(), { signal: controller.signal });
    controller.abort();
    expect(await answer).toMatchObject({ cancelled: true });
    expect(broker.pending()).toEqual([]);
    expect(await broker.request(command(), { signal: controller.signal })).toMatchObject({ cancelled: true });
  });

  it('forgetting a thread drops its memory', async () => {
    const { broker, requested } = setup();
    const first = broker.request(command());
    await broker.respond('req-1', 'approveForThread');
    await first;
    broker.forgetThread('t1');
    void broker.request(command());
    expect(requested()).toHaveLength(2);
  });
});

describe('suggestRulePrefix', () => {
  it('offers the whole command for one plain command, nothing otherwise', () => {
    expect(suggestRulePrefix('npm test')).toEqual(['npm', 'test']);
    expect(suggestRulePrefix(['bash', '-lc', 'rm -rf build'])).toEqual(['rm', '-rf', 'build']);
    expect(suggestRulePrefix('npm test && npm run lint')).toBeNull();
    expect(suggestRulePrefix('npm test > out')).toBeNull();
    expect(suggestRulePrefix('rm *.log')).toBeNull();
  });
});
