// Steering and interrupting a running turn: a message typed while the agent works reaches the model with
// its next call, without stopping the work; an interrupt kills a running command and ends the turn.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentItem, CommandExecutionItem, WireApi } from '../../../shared/contract';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { AgentHarness } from './support/agent-harness';

let fake: FakeOpenAIServer;
let harness: AgentHarness | null = null;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  return () => fake.close();
});

afterEach(async () => {
  await harness?.close();
  harness = null;
  fake.assertNoViolations();
  fake.reset();
});

const STEER = 'Also tell me how long it took.';

describe.each<WireApi>(['responses', 'chat'])('steering over the %s API', (wireApi) => {
  it('a message typed while a command runs goes out with the next call, after the command result', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi }));
    fake.script([
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: 'sleep 0.5; echo slept' } }] } },
      { reply: { text: 'It slept for half a second.' } },
    ]);
    const { done } = h.start('Run the slow command');
    await h.waitForEvent<{ item: AgentItem }>('item.started', (p) => p.item.type === 'commandExecution');
    expect(h.agent.service.steer(h.threadId, STEER).turnId).toBe(h.agent.service.active(h.threadId)!.turn.id);
    expect(h.agent.service.active(h.threadId)!.queuedSteers).toBe(1);
    const turn = await done;

    expect(turn.status).toBe('completed');
    expect(turn.modelCalls).toBe(2);
    // The command was not stopped by the steer.
    const command = h.items().find((i): i is CommandExecutionItem => i.type === 'commandExecution')!;
    expect(command).toMatchObject({ status: 'completed', exitCode: 0 });
    expect(command.output.trim()).toBe('slept');

    const second = JSON.stringify(fake.requests[1]!.body);
    expect(second.indexOf(STEER)).toBeGreaterThan(second.indexOf('slept'));
    expect(JSON.stringify(fake.requests[0]!.body)).not.toContain(STEER);
    // The steer is stored the moment it is typed, marked as steering.
    const steer = h.items().find((i) => i.type === 'userMessage' && i.steer !== null);
    expect(steer).toMatchObject({ text: STEER, steer: { afterStep: 1 } });
  });

  it('a message typed while the model writes its final answer gets another call to read it', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi }));
    fake.script([
      { delayMsBetweenEvents: 40, reply: { text: 'The build takes about ten seconds on this machine.' } },
      { reply: { text: 'It took 10 s.' } },
    ]);
    const { done } = h.start('How long does the build take?');
    await h.waitForEvent('item.delta');
    h.agent.service.steer(h.threadId, STEER);
    const turn = await done;

    expect(turn.status).toBe('completed');
    expect(turn.modelCalls).toBe(2);
    const second = JSON.stringify(fake.requests[1]!.body);
    expect(second.indexOf(STEER)).toBeGreaterThan(second.indexOf('ten seconds'));
    expect(h.items().map((i) => i.type)).toEqual(['userMessage', 'userMessage', 'agentMessage', 'agentMessage']);
  });
});

describe('steering and interrupting: edges', () => {
  it('steering a thread with no running turn is refused with a clear error', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    expect(() => h.agent.service.steer(h.threadId, 'hello')).toThrow(/No turn is running in this thread/);
  });

  it('a second turn.start while one runs is refused; the first goes on', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    fake.script([{ delayMsBetweenEvents: 30, reply: { text: 'one two three four' } }]);
    const { done } = h.start('First');
    expect(() => h.start('Second')).toThrow(/already running/);
    expect((await done).status).toBe('completed');
  });

  it('interrupting a running command kills it and ends the turn interrupted', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'chat' }));
    fake.script([{ reply: { toolCalls: [{ name: 'shell', arguments: { command: 'echo started; sleep 30; echo finished' } }] } }]);
    const { done } = h.start('Run the long one');
    await h.waitForEvent<{ delta: { kind: string; text: string } }>('item.delta', (p) => p.delta.kind === 'output' && p.delta.text.includes('started'));
    const t0 = performance.now();
    h.agent.service.interrupt(h.threadId);
    const turn = await done;

    expect(performance.now() - t0).toBeLessThan(3000);
    expect(turn.status).toBe('interrupted');
    expect(h.status()).toBe('idle');
    const command = h.items().find((i): i is CommandExecutionItem => i.type === 'commandExecution')!;
    expect(command.status).toBe('interrupted');
    expect(command.output).toContain('started');
    expect(command.output).not.toContain('finished');
    // Only one model call: nothing was sent after the interrupt.
    expect(fake.requests).toHaveLength(1);
  });

  it('a command that outlives its timeout is killed and reported as timed out', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    fake.script([
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: 'echo before; sleep 20', timeout_ms: 1000 } }] } },
      { reply: { text: 'It timed out.' } },
    ]);
    await h.run('Run with a timeout');
    const command = h.items().find((i): i is CommandExecutionItem => i.type === 'commandExecution')!;
    expect(command).toMatchObject({ status: 'failed', timedOut: true, exitCode: null });
    expect(JSON.stringify(fake.requests[1]!.body)).toContain('timed out after');
  });
});
