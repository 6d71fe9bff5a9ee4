// Steering a running turn beyond messages: changing its sandbox, approval policy or model (turn.update)
// takes effect at its next tool call or model call; pausing holds it at its next step boundary without
// losing anything, resuming lets it finish, and interrupting still works while it is paused.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentItem, ApprovalRequest, CommandExecutionItem, SettingsChangeItem, TurnPauseState } from '../../../shared/contract';
import { createAgent } from '../../../electron/core/agent/create-agent';
import { toLoggedItem } from '../../../electron/core/agent/items';
import { Store } from '../../../electron/core/store';
import { EventBus } from '../../../electron/core/transport/event-bus';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { makeTempDir } from '../../support/temp-dir';
import { AgentHarness, FAKE_KEY, FAKE_MODEL, makeGitRepo } from './support/agent-harness';

let fake: FakeOpenAIServer;
let harness: AgentHarness | null = null;

beforeAll(async () => {
  fake = await startFakeOpenAI({ models: [FAKE_MODEL, OTHER_MODEL] });
  return () => fake.close();
});

afterEach(async () => {
  await harness?.close();
  harness = null;
  fake.assertNoViolations();
  fake.reset();
});

/** A second model the fake server knows, to switch to. */
const OTHER_MODEL = 'gpt-5-nano';

const shell = (command: string) => ({ name: 'shell', arguments: { command } });

function commands(h: AgentHarness): CommandExecutionItem[] {
  return h.items().filter((i): i is CommandExecutionItem => i.type === 'commandExecution');
}

/** Resolves once the first command of the turn has started (the model call that asked for it is over). */
function commandStarted(h: AgentHarness, nth = 1): Promise<unknown> {
  let seen = 0;
  return h.waitForEvent<{ item: AgentItem }>('item.started', (p) => p.item.type === 'commandExecution' && ++seen >= nth);
}

function pausedEvent(h: AgentHarness, pause: TurnPauseState) {
  return h.waitForEvent<{ pause: TurnPauseState }>('turn.pauseChanged', (p) => p.pause === pause);
}

describe('changing a running turn', () => {
  it('a tighter sandbox applies to the very next command, even in the same model reply', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    fake.script([
      { reply: { toolCalls: [shell('sleep 0.3; echo first > first.txt; echo wrote first'), shell('echo second > second.txt')] } },
      { reply: { text: 'The second write was refused by the read-only sandbox.' } },
    ]);
    const { done } = h.start('Write two files');
    await commandStarted(h);
    expect(h.agent.service.update({ threadId: h.threadId, sandbox: 'read-only' })).toEqual({ turnId: h.agent.service.active(h.threadId)!.turn.id });
    const turn = await done;

    expect(turn.status).toBe('completed');
    expect(turn.sandbox).toBe('read-only');
    const [first, second] = commands(h);
    // The command already running kept its sandbox; the next one ran read-only and could not write.
    expect(first).toMatchObject({ sandbox: 'workspace-write', exitCode: 0 });
    expect(fs.readFileSync(path.join(h.repo, 'first.txt'), 'utf8')).toBe('first\n');
    expect(second!.sandbox).toBe('read-only');
    expect(second!.exitCode).not.toBe(0);
    expect(second!.output).toMatch(/Read-only file system/);
    expect(fs.existsSync(path.join(h.repo, 'second.txt'))).toBe(false);

    // The change is in the conversation where it happened, and the model's instructions say read-only now.
    const types = h.items().map((i) => i.type);
    expect(types.indexOf('settingsChange')).toBeLessThan(types.lastIndexOf('commandExecution'));
    expect(h.items().find((i): i is SettingsChangeItem => i.type === 'settingsChange')).toMatchObject({ sandbox: 'read-only', approvalPolicy: null, model: null, afterStep: 1 });
    expect(JSON.stringify(fake.requests[0]!.body)).toContain('sandbox: workspace-write');
    expect(JSON.stringify(fake.requests[1]!.body)).toContain('sandbox: read-only');
    expect(JSON.stringify(fake.requests[1]!.body)).not.toContain('settingsChange');

    // It is the thread's default from now on.
    expect(h.agent.service.threadSettings(h.threadId)).toMatchObject({ sandbox: 'read-only', approvalPolicy: 'on-request' });
    fake.script([{ reply: { text: 'ok' } }]);
    expect((await h.run('Again')).sandbox).toBe('read-only');
  });

  it('a new model is used from the next model call', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'chat' }));
    fake.script([{ reply: { toolCalls: [shell('sleep 0.2; echo looked')] } }, { reply: { text: 'Done with the other model.' } }]);
    const { done } = h.start('Look around');
    await commandStarted(h);
    h.agent.service.update({ threadId: h.threadId, model: OTHER_MODEL });
    const turn = await done;

    expect(turn.status).toBe('completed');
    expect(turn.model).toBe(OTHER_MODEL);
    expect((fake.requests[0]!.body as { model: string }).model).toBe(FAKE_MODEL);
    expect((fake.requests[1]!.body as { model: string }).model).toBe(OTHER_MODEL);
    expect(h.eventsNamed<{ turn: { model: string } }>('turn.updated').map((p) => p.turn.model)).toEqual([OTHER_MODEL]);
    expect(h.agent.service.threadSettings(h.threadId).model).toBe(OTHER_MODEL);
  });

  it('loosening the autonomy does not answer an approval already waiting', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    fake.script([
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: 'echo out > ../outside.txt', with_escalated_permissions: true, justification: 'Write next to the repo.' } }] } },
      { reply: { text: 'Not written.' } },
    ]);
    const { done } = h.start('Write next to the repo');
    const request = await h.waitForEvent<ApprovalRequest>('approval.requested');
    h.agent.service.update({ threadId: h.threadId, sandbox: 'danger-full-access', approvalPolicy: 'never' });
    // Still waiting for the user, and nothing ran.
    expect(h.agent.service.active(h.threadId)!.pendingApprovals.map((r) => r.requestId)).toEqual([request.requestId]);
    expect(h.status()).toBe('waitingForApproval');
    expect(fs.existsSync(path.join(h.repo, '..', 'outside.txt'))).toBe(false);

    await h.agent.service.handlers()['approval.respond']({ requestId: request.requestId, decision: 'deny' }, { clientId: 'test' });
    expect((await done).status).toBe('completed');
    expect(commands(h)[0]!.status).toBe('declined');
    expect(fs.existsSync(path.join(h.repo, '..', 'outside.txt'))).toBe(false);
  });

  it('a change that changes nothing records nothing; with no turn running it only becomes the default', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    expect(h.agent.service.update({ threadId: h.threadId, approvalPolicy: 'untrusted' })).toEqual({ turnId: null });
    expect(h.agent.service.threadSettings(h.threadId)).toEqual({ sandbox: 'workspace-write', approvalPolicy: 'untrusted', model: null, cwd: null });
    fake.script([{ delayMsBetweenEvents: 20, reply: { text: 'one two three four five' } }]);
    const { turn, done } = h.start('Hello');
    expect(turn.approvalPolicy).toBe('untrusted');
    h.agent.service.update({ threadId: h.threadId, approvalPolicy: 'untrusted' });
    await done;
    expect(h.items().some((i) => i.type === 'settingsChange')).toBe(false);
    expect(h.eventsNamed('turn.updated')).toHaveLength(0);
  });

  it('refuses bad input at the contract edge', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    const { methods } = await import('../../../shared/contract');
    expect(methods['turn.update'].input.safeParse({ threadId: h.threadId }).success).toBe(false);
    expect(methods['turn.update'].input.safeParse({ threadId: h.threadId, sandbox: 'wide-open' }).success).toBe(false);
    expect(() => h.agent.service.pause(h.threadId)).toThrow(/No turn is running/);
  });
});

describe('pausing a running turn', () => {
  it('pauses after the tool in progress, sends nothing while paused, and resumes the same turn intact', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    fake.script([{ reply: { text: 'Checking.', toolCalls: [shell('sleep 0.3; echo checked')] } }, { reply: { text: 'All checked.' } }]);
    const { turn: started, done } = h.start('Check the repo');
    await commandStarted(h);
    expect(h.agent.service.pause(h.threadId)).toBe('pausing');
    await pausedEvent(h, 'paused');

    // The command finished; the turn waits before its next model call.
    expect(commands(h)[0]).toMatchObject({ status: 'completed', exitCode: 0 });
    expect(h.status()).toBe('paused');
    const active = h.agent.service.active(h.threadId)!;
    expect(active).toMatchObject({ pause: 'paused', turn: { id: started.id, status: 'inProgress' } });
    expect(fake.requests).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.requests).toHaveLength(1);

    // A message typed while paused waits for the resume too.
    h.agent.service.steer(h.threadId, 'Say how long it took.');
    expect(fake.requests).toHaveLength(1);
    expect(h.agent.service.resume(h.threadId)).toBe('running');
    const turn = await done;

    expect(turn).toMatchObject({ id: started.id, status: 'completed', modelCalls: 2 });
    expect(h.status()).toBe('done');
    expect(h.items().map((i) => i.type)).toEqual(['userMessage', 'agentMessage', 'commandExecution', 'userMessage', 'agentMessage']);
    const second = JSON.stringify(fake.requests[1]!.body);
    for (const piece of ['Check the repo', 'Checking.', 'checked', 'Say how long it took.']) expect(second).toContain(piece);
    expect(h.eventsNamed<{ pause: TurnPauseState }>('turn.pauseChanged').map((p) => p.pause)).toEqual(['pausing', 'paused', 'running']);
    const statuses = h.eventsNamed<{ id: string; status: string }>('threads.changed').map((t) => t.status);
    expect(statuses.slice(statuses.indexOf('running'))).toEqual(['running', 'paused', 'running', 'done']);

    // The turn, with its summed usage, is stored for later windows.
    const stored = h.agent.service.finishedTurns(h.threadId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: turn.id, status: 'completed', usage: turn.usage, modelCalls: 2 });
    expect(stored[0]!.usage.totalTokens).toBeGreaterThan(0);
  });

  it('interrupting a paused turn ends it, keeping what it did', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'chat' }));
    fake.script([{ reply: { toolCalls: [shell('sleep 0.2; echo kept')] } }, { reply: { text: 'never sent' } }]);
    const { done } = h.start('Run it');
    await commandStarted(h);
    h.agent.service.pause(h.threadId);
    await pausedEvent(h, 'paused');
    expect(h.agent.service.interrupt(h.threadId)).toBe(true);
    const turn = await done;

    expect(turn.status).toBe('interrupted');
    expect(h.status()).toBe('idle');
    expect(fake.requests).toHaveLength(1);
    expect(commands(h)[0]!.output.trim()).toBe('kept');
    expect(h.agent.service.finishedTurns(h.threadId)[0]).toMatchObject({ status: 'interrupted' });
  });

  it('resuming before the boundary is reached means the turn never stops', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    fake.script([{ reply: { toolCalls: [shell('sleep 0.2; echo ok')] } }, { reply: { text: 'Done.' } }]);
    const { done } = h.start('Go');
    await commandStarted(h);
    h.agent.service.pause(h.threadId);
    expect(h.agent.service.resume(h.threadId)).toBe('running');
    expect((await done).status).toBe('completed');
    expect(h.eventsNamed<{ pause: TurnPauseState }>('turn.pauseChanged').map((p) => p.pause)).toEqual(['pausing', 'running']);
    expect(h.eventsNamed<{ status: string }>('threads.changed').map((t) => t.status)).not.toContain('paused');
  });

  it('settings changed while paused apply when it resumes', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    fake.script([
      { reply: { toolCalls: [shell('sleep 0.2; echo one')] } },
      { reply: { toolCalls: [shell('echo two > two.txt')] } },
      { reply: { text: 'Done.' } },
    ]);
    const { done } = h.start('Go');
    await commandStarted(h);
    h.agent.service.pause(h.threadId);
    await pausedEvent(h, 'paused');
    h.agent.service.update({ threadId: h.threadId, sandbox: 'read-only', model: OTHER_MODEL });
    h.agent.service.resume(h.threadId);
    expect((await done).status).toBe('completed');
    expect((fake.requests[1]!.body as { model: string }).model).toBe(OTHER_MODEL);
    expect(commands(h)[1]).toMatchObject({ sandbox: 'read-only' });
    expect(fs.existsSync(path.join(h.repo, 'two.txt'))).toBe(false);
  });
});

describe('a paused turn whose process dies', () => {
  it('is closed like any other orphan by the next process, and the thread can go on', async () => {
    const tmp = makeTempDir('tandem-paused-');
    try {
      const repo = path.join(tmp.dir, 'repo');
      const dataDir = path.join(tmp.dir, 'data');
      const home = path.join(tmp.dir, 'home');
      fs.mkdirSync(home);
      makeGitRepo(repo, { 'README.md': '# demo\n' });
      const child = path.join(tmp.dir, 'paused-turn-child.cjs');
      await build({
        entryPoints: [path.join(import.meta.dirname, 'support', 'paused-turn-child.ts')],
        outfile: child,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['better-sqlite3', 'node-pty', 'electron', '@parcel/watcher', 'get-windows'],
        nodePaths: [path.resolve(import.meta.dirname, '../../../node_modules')],
        logLevel: 'warning',
      });
      const env = { ...process.env, OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: FAKE_KEY, HOME: home, NODE_PATH: path.resolve(import.meta.dirname, '../../../node_modules') };
      fake.script([{ reply: { text: 'Checking first.', toolCalls: [shell('echo checked')] } }]);
      const proc = spawn(process.execPath, [child, dataDir, fs.realpathSync(repo), FAKE_MODEL], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const line = await new Promise<string>((resolve, reject) => {
        proc.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        proc.once('close', (code) => reject(new Error(`the child ended (${code}) before pausing: ${err}`)));
      });
      const { threadId, turnId } = JSON.parse(line) as { threadId: string; turnId: string };
      proc.kill('SIGKILL');
      await new Promise((resolve) => proc.once('close', resolve));

      const store = Store.open(dataDir);
      expect(store.threads.get(threadId)!.status).toBe('paused');
      const agent = createAgent({ store, events: new EventBus(), provider: { resolve: () => ({ kind: 'openai' as const, baseUrl: fake.baseUrl, apiKey: FAKE_KEY, model: FAKE_MODEL, wireApi: 'responses' as const }) }, dataDir, env, interactive: false });
      try {
        // Closed: everything it did is kept, an error says what happened, the turn is recorded failed.
        expect(store.threads.get(threadId)!.status).toBe('failed');
        const items = store.items.list(threadId).map((row) => toLoggedItem(row)!.item);
        expect(items.map((i) => i.type)).toEqual(['userMessage', 'agentMessage', 'commandExecution', 'error']);
        expect(items.at(-1)).toMatchObject({ kind: 'processEnded' });
        expect(store.turns.get(turnId)).toMatchObject({ status: 'failed', error: { kind: 'processEnded' }, modelCalls: 1 });
        expect(store.turns.get(turnId)!.usage.totalTokens).toBeGreaterThan(0);
        expect(fake.requests).toHaveLength(1);

        fake.script([{ reply: { text: 'Picking up.' } }]);
        expect((await agent.service.startTurn({ threadId, text: 'Go on' }).done).status).toBe('completed');
        expect(JSON.stringify(fake.requests.at(-1)!.body)).toContain('checked');
      } finally {
        await agent.dispose();
        store.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});
