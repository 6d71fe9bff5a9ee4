// The shell tool in the app: each command runs in a visible agent terminal (a real pty from the pty host),
// inside the real sandbox, with stdin closed, its output captured as plain text and capped head + tail.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentItem, CommandExecutionItem, TerminalInfo } from '../../../shared/contract';
import { forkPtyHost } from '../../../electron/core/terminals/host-channel';
import { TerminalsService } from '../../../electron/core/terminals/terminals-service';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { buildPtyHost } from '../terminals/support/harness';
import { AgentHarness } from './support/agent-harness';

let fake: FakeOpenAIServer;
let hostEntry: string;
let harness: AgentHarness | null = null;
let terminals: TerminalsService | null = null;

beforeAll(async () => {
  [fake, hostEntry] = await Promise.all([startFakeOpenAI(), buildPtyHost()]);
});
afterAll(() => fake.close());

afterEach(async () => {
  await harness?.close();
  await terminals?.dispose();
  harness = null;
  terminals = null;
  fake.assertNoViolations();
  fake.reset();
});

function startWithTerminals(): AgentHarness {
  harness = AgentHarness.start({
    fake,
    wireApi: 'responses',
    terminals: (events) => (terminals = new TerminalsService({ events, launcher: forkPtyHost({ entry: hostEntry }) })),
  });
  return harness;
}

async function runCommands(h: AgentHarness, ...commands: (string | { command: string; timeout_ms?: number })[]): Promise<CommandExecutionItem[]> {
  fake.script([
    ...commands.map((c) => ({ reply: { toolCalls: [{ name: 'shell', arguments: typeof c === 'string' ? { command: c } : c }] } })),
    { reply: { text: 'Done.' } },
  ]);
  await h.run('Run the commands');
  return h.items().filter((i): i is CommandExecutionItem => i.type === 'commandExecution');
}

describe('shell commands in agent terminals', () => {
  it('runs in a visible agent terminal, in the sandbox, and reports exit codes and plain output', async () => {
    const h = startWithTerminals();
    const [env, failing, readOnly] = await runCommands(
      h,
      'printf "\\033[31mred\\033[0m sandbox=%s\\n" "$TANDEM_SANDBOX"',
      'echo oops >&2; exit 3',
      'echo x > /etc/tandem-agent-test',
    );

    const created = h.eventsNamed<TerminalInfo>('terminal.created');
    expect(created).toHaveLength(3);
    expect(created.every((t) => t.owner === 'agent')).toBe(true);
    expect(created[0]!.label).toBe('printf "\\033[31mred\\033[0m sandbox=%s\\n" "$TANDEM_SANDBOX"');
    expect(env!.terminalId).toBe(created[0]!.id);

    expect(env).toMatchObject({ status: 'completed', exitCode: 0, sandbox: 'workspace-write' });
    expect(env!.output.trim()).toBe('red sandbox=workspace-write');
    expect(failing).toMatchObject({ status: 'failed', exitCode: 3 });
    expect(failing!.output).toContain('oops');
    expect(readOnly!.exitCode).not.toBe(0);
    expect(readOnly!.output).toMatch(/Read-only file system|Permission denied/);
    // The model was told the exit code.
    expect(JSON.stringify(fake.requests[2]!.body)).toContain('Exit code: 3');
  });

  it('stdin is closed: a command that reads input gets end-of-file instead of hanging', async () => {
    const h = startWithTerminals();
    const [read] = await runCommands(h, { command: 'read -r line; echo "got:[$line] status:$?"', timeout_ms: 5000 });
    expect(read).toMatchObject({ status: 'completed', timedOut: false });
    expect(read!.output.trim()).toBe('got:[] status:1');
  });

  it('long output keeps its head and tail, with the middle elided and counted', async () => {
    const h = startWithTerminals();
    const [seq] = await runCommands(h, 'seq 1 200000');
    expect(seq!.exitCode).toBe(0);
    expect(seq!.output.startsWith('1\n2\n3\n')).toBe(true);
    expect(seq!.output.trimEnd().endsWith('199999\n200000')).toBe(true);
    expect(seq!.output).toMatch(/\[… [\d,]+ bytes elided …\]/);
    expect(seq!.output.length).toBeLessThan(20_000);
  });

  it('an interrupt stops the command in its terminal', async () => {
    const h = startWithTerminals();
    fake.script([{ reply: { toolCalls: [{ name: 'shell', arguments: { command: 'echo begin; sleep 30' } }] } }]);
    const { done } = h.start('Run the long one');
    await h.waitForEvent<{ delta: { kind: string; text: string } }>('item.delta', (p) => p.delta.kind === 'output' && p.delta.text.includes('begin'));
    const t0 = performance.now();
    h.agent.service.interrupt(h.threadId);
    const turn = await done;
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(turn.status).toBe('interrupted');
    const item = h.items().find((i): i is CommandExecutionItem => i.type === 'commandExecution')!;
    expect(item.status).toBe('interrupted');
    // Ctrl-C stopped it: the terminal stays open (exited) for the user to read, rather than being closed.
    expect(terminals!.get(item.terminalId!)?.status).toBe('exited');
    const started = h.eventsNamed<{ item: AgentItem }>('item.started').find((e) => e.item.type === 'commandExecution');
    expect(started).toBeDefined();
  });
});
