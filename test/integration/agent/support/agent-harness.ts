// An agent wired as the product wires it (store, event bus, ProviderService reading OPENAI_BASE_URL /
// OPENAI_API_KEY, the real sandbox and approval modules), pointed at the fake OpenAI server, working in
// a fresh git repository. Commands run as plain child processes unless a test passes terminals.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AgentItem, EventName, ThreadStatus, Turn, TurnStartInput, WireApi } from '../../../../shared/contract';
import { createAgent, type Agent, type CreateAgentOptions } from '../../../../electron/core/agent/create-agent';
import { toLoggedItem } from '../../../../electron/core/agent/items';
import type { RetryPolicy } from '../../../../electron/core/agent/model/retry';
import type { Keychain } from '../../../../electron/core/platform';
import { ProviderService } from '../../../../electron/core/provider/provider-service';
import { WorkspacesService } from '../../../../electron/core/services/workspaces-service';
import { Store } from '../../../../electron/core/store';
import { EventBus } from '../../../../electron/core/transport/event-bus';
import type { FakeOpenAIServer } from '../../../support/fake-openai';
import { makeTempDir } from '../../../support/temp-dir';

export const FAKE_MODEL = 'gpt-5-mini';
export const FAKE_KEY = 'sk-test-agent';

/** Fast retries, so fault tests take milliseconds. */
export const FAST_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 5_000, jitter: 0.2 };

export interface RecordedEvent {
  event: EventName;
  payload: unknown;
  at: number;
}

export interface AgentHarnessOptions {
  fake: FakeOpenAIServer;
  wireApi: WireApi;
  retry?: RetryPolicy;
  interactive?: boolean;
  /** Runs commands in visible terminals made on the harness's event bus (default: plain child processes). */
  terminals?: (events: EventBus) => NonNullable<CreateAgentOptions['terminals']>;
  /** Gives the agent a get_context tool backed by this (made on the harness's store and bus). */
  context?: (store: Store, events: EventBus) => NonNullable<CreateAgentOptions['context']>;
  /** Files to commit in the repository before the test. */
  files?: Record<string, string>;
}

export class AgentHarness {
  readonly events = new EventBus();
  readonly recorded: RecordedEvent[] = [];
  readonly agent: Agent;
  readonly threadId: string;
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly dataDir: string,
    readonly home: string,
    readonly repo: string,
    readonly store: Store,
    options: AgentHarnessOptions,
    private readonly cleanupDirs: () => void,
  ) {
    this.events.subscribe((event, payload) => {
      this.recorded.push({ event, payload, at: performance.now() });
      for (const waiter of [...this.waiters]) waiter();
    });
    const env = { ...process.env, OPENAI_BASE_URL: options.fake.baseUrl, OPENAI_API_KEY: FAKE_KEY, HOME: home };
    const provider = new ProviderService({ store, events: this.events, keychain: memoryKeychain(), env });
    provider.update({ model: FAKE_MODEL, wireApi: options.wireApi });
    this.agent = createAgent({
      store,
      events: this.events,
      provider,
      dataDir,
      env,
      interactive: options.interactive ?? true,
      terminals: options.terminals?.(this.events) ?? null,
      context: options.context?.(store, this.events) ?? null,
      service: { retry: options.retry ?? FAST_RETRY, homeDir: home },
    });
    const workspace = new WorkspacesService(store, this.events).add(repo);
    this.threadId = store.threads.create({ workspaceId: workspace.id, title: 'New thread' }).id;
  }

  static start(options: AgentHarnessOptions): AgentHarness {
    const tmp = makeTempDir('tandem-agent-');
    const dataDir = path.join(tmp.dir, 'data');
    const home = path.join(tmp.dir, 'home');
    const repo = path.join(tmp.dir, 'repo');
    fs.mkdirSync(home, { recursive: true });
    makeGitRepo(repo, options.files ?? { 'README.md': '# demo\n' });
    const store = Store.open(dataDir);
    return new AgentHarness(dataDir, home, fs.realpathSync(repo), store, options, tmp.cleanup);
  }

  /** Starts a turn and waits for it to end. */
  async run(text: string, extra: Partial<TurnStartInput> = {}): Promise<Turn> {
    return this.start(text, extra).done;
  }

  start(text: string, extra: Partial<TurnStartInput> = {}): { turn: Turn; done: Promise<Turn> } {
    return this.agent.service.startTurn({ threadId: this.threadId, text, ...extra });
  }

  /** The thread's stored items, in order. */
  items(): AgentItem[] {
    return this.store.items
      .list(this.threadId)
      .map(toLoggedItem)
      .map((l) => l!.item);
  }

  status(): ThreadStatus {
    return this.store.threads.get(this.threadId)!.status;
  }

  eventsNamed<P = unknown>(name: EventName): P[] {
    return this.recorded.filter((r) => r.event === name).map((r) => r.payload as P);
  }

  /** Resolves when an event matching `test` has been seen (including before the call). */
  waitForEvent<P = unknown>(name: EventName, test: (payload: P) => boolean = () => true, timeoutMs = 10_000): Promise<P> {
    const find = () => this.recorded.find((r) => r.event === name && test(r.payload as P))?.payload as P | undefined;
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = find();
        if (hit === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${name} event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  async close(): Promise<void> {
    await this.agent.dispose();
    this.store.close();
    this.cleanupDirs();
  }
}

export function makeGitRepo(dir: string, files: Record<string, string>): void {
  fs.mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
}

function memoryKeychain(): Keychain {
  const secrets = new Map<string, string>();
  return {
    kind: 'file',
    get: (name) => secrets.get(name) ?? null,
    set: (name, value) => void secrets.set(name, value),
    delete: (name) => void secrets.delete(name),
  };
}

/** The text of a request's conversation, whichever API carried it (for "did the model see X" checks). */
export function requestText(body: unknown): string {
  return JSON.stringify(body);
}
