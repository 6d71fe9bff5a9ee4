// `tandem exec` as a user runs it: a real child process talking to the fake server over HTTP, working in
// a real git repository, storing its thread in a real data folder. Includes kill -9 in the middle of a
// turn: the thread must reopen intact up to its last completed item, the user's message first.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentItem, CommandExecutionItem } from '../../../shared/contract';
import { createAgent } from '../../../electron/core/agent/create-agent';
import { toLoggedItem } from '../../../electron/core/agent/items';
import { Store } from '../../../electron/core/store';
import { EventBus } from '../../../electron/core/transport/event-bus';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { makeTempDir } from '../../support/temp-dir';
import { FAKE_KEY, FAKE_MODEL, makeGitRepo } from './support/agent-harness';
import { buildCli } from './support/cli-build';

let fake: FakeOpenAIServer;
let cli: string;
let tmp: ReturnType<typeof makeTempDir>;
let repo: string;
let dataDir: string;
let home: string;

beforeAll(async () => {
  [fake, cli] = await Promise.all([startFakeOpenAI(), buildCli()]);
  return () => fake.close();
});

afterEach(() => {
  fake.assertNoViolations();
  fake.reset();
  tmp?.cleanup();
});

function setUp() {
  tmp = makeTempDir('tandem-exec-');
  repo = path.join(tmp.dir, 'repo');
  dataDir = path.join(tmp.dir, 'data');
  home = path.join(tmp.dir, 'home');
  fs.mkdirSync(home);
  makeGitRepo(repo, { 'notes.txt': 'first line\n' });
}

function env(): NodeJS.ProcessEnv {
  return { ...process.env, OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: FAKE_KEY, HOME: home, TANDEM_DATA_DIR: dataDir };
}

function exec(args: string[]) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, 'exec', ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function storedItems(threadId: string): AgentItem[] {
  const store = Store.open(dataDir);
  try {
    return store.items.list(threadId).map((row) => toLoggedItem(row)!.item);
  } finally {
    store.close();
  }
}

describe('tandem exec', () => {
  it('runs a turn to the end: progress on stderr, the answer on stdout, exit 0', async () => {
    setUp();
    fake.script([
      { chat: { toolCalls: [{ name: 'shell', arguments: { command: 'cat notes.txt' } }] } },
      { chat: { text: 'The notes say "first line".' } },
    ]);
    const r = await exec(['Read the notes', '--cd', repo, '--model', FAKE_MODEL]);

    expect(r.stderr).toContain('$ cat notes.txt  (exit 0');
    expect(r.stderr).toContain('  first line');
    expect(r.stderr).toMatch(/done: thread \S+/);
    expect(r.stdout).toBe('The notes say "first line".\n');
    expect(r.status).toBe(0);
  });

  it('--json prints one event per line, over the Responses API with --wire-api', async () => {
    setUp();
    fake.script([{ responses: { text: 'Hello.' } }]);
    const r = await exec(['Say hello', '--cd', repo, '--model', FAKE_MODEL, '--wire-api', 'responses', '--json']);
    expect(r.status).toBe(0);
    const events = r.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; [k: string]: unknown });
    expect(events.map((e) => e.type)).toEqual([
      'thread.started',
      'turn.started',
      'item.started',
      'item.completed',
      'item.started',
      'item.completed',
      'turn.usage',
      'turn.completed',
    ]);
    expect(events[3]).toMatchObject({ item: { type: 'userMessage', text: 'Say hello' } });
    expect(events[5]).toMatchObject({ item: { type: 'agentMessage', text: 'Hello.' } });
    expect(events.at(-1)).toMatchObject({ turn: { status: 'completed', sandbox: 'workspace-write', approvalPolicy: 'never' } });
    // The thread is stored like any other.
    const threadId = events[0]!.threadId as string;
    expect(storedItems(threadId).map((i) => i.type)).toEqual(['userMessage', 'agentMessage']);
  });

  it('exits 1 when the turn fails, saying why', async () => {
    setUp();
    fake.script([{ status: 401 }]);
    const r = await exec(['Anything', '--cd', repo, '--model', FAKE_MODEL]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error: The model server refused the API key \(401\)/);
    expect(r.stderr).toMatch(/failed: thread/);
  });

  it('bad arguments exit 2 with the help', async () => {
    setUp();
    const noPrompt = spawnSync(process.execPath, [cli, 'exec'], { env: env(), encoding: 'utf8' });
    expect(noPrompt.status).toBe(2);
    expect(noPrompt.stderr).toMatch(/give the prompt/);
    const badSandbox = spawnSync(process.execPath, [cli, 'exec', 'hi', '--sandbox', 'open'], { env: env(), encoding: 'utf8' });
    expect(badSandbox.status).toBe(2);
    expect(badSandbox.stderr).toMatch(/--sandbox must be one of read-only, workspace-write, danger-full-access/);
    const help = spawnSync(process.execPath, [cli, 'exec', '--help'], { env: env(), encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: tandem exec "PROMPT"/);
  });

  it('kill -9 mid-turn: the thread reopens intact up to its last completed item, and can go on', async () => {
    setUp();
    const slowText = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    fake.script([
      { chat: { text: 'Looking first.', toolCalls: [{ name: 'shell', arguments: { command: 'echo looked' } }] } },
      { chat: { text: slowText }, delayMsBetweenEvents: 50 },
    ]);
    const child = spawn(process.execPath, [cli, 'exec', 'Look, then explain', '--cd', repo, '--model', FAKE_MODEL, '--json'], {
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    // Wait until the second model call is streaming its answer (the command item is stored by then).
    const lines = () => out.split('\n').slice(0, -1).map((line) => JSON.parse(line) as { type: string; item?: AgentItem });
    const answering = () => lines().some((e) => e.type === 'item.started' && e.item?.type === 'agentMessage' && e.item.step === 2);
    await expect.poll(answering, { timeout: 15_000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));

    const threadId = (JSON.parse(out.split('\n')[0]!) as { threadId: string }).threadId;
    const items = storedItems(threadId);
    // Everything completed before the kill is there; the answer being streamed is not.
    expect(items.map((i) => i.type)).toEqual(['userMessage', 'agentMessage', 'commandExecution']);
    expect(items[0]).toMatchObject({ type: 'userMessage', text: 'Look, then explain' });
    expect((items[2] as CommandExecutionItem).output.trim()).toBe('looked');

    // The next process to open the data folder closes the dead turn and the thread can go on.
    const store = Store.open(dataDir);
    expect(store.threads.get(threadId)!.status).toBe('running');
    const events = new EventBus();
    const provider = { resolve: () => ({ kind: 'compatible' as const, baseUrl: fake.baseUrl, apiKey: FAKE_KEY, model: FAKE_MODEL, wireApi: 'chat' as const }) };
    const agent = createAgent({ store, events, provider, dataDir, env: env(), interactive: false });
    try {
      expect(store.threads.get(threadId)!.status).toBe('failed');
      const recovered = store.items.list(threadId).map((row) => toLoggedItem(row)!.item);
      expect(recovered.at(-1)).toMatchObject({ type: 'error', kind: 'processEnded' });

      fake.script([{ chat: { text: 'Picking up where I left off.' } }]);
      const turn = await agent.service.startTurn({ threadId, text: 'Go on' }).done;
      expect(turn.status).toBe('completed');
      const resumed = JSON.stringify(fake.requests.at(-1)!.body);
      for (const piece of ['Look, then explain', 'Looking first.', 'looked', 'Go on']) expect(resumed).toContain(piece);
      expect(resumed).not.toContain('w199');
    } finally {
      await agent.dispose();
      store.close();
    }
  });
});
