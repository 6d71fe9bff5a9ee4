/**
 * A real CodeService over a real SQLite store and event bus, called the way the router calls it: each
 * input is validated by the contract's schema first (so defaults apply and bad input fails the same
 * way), and events are collected for waiting on.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CodeService, type CodeServiceOptions } from '../../../electron/core/code/code-service';
import { Store } from '../../../electron/core/store';
import { EventBus } from '../../../electron/core/transport/event-bus';
import type { Handler } from '../../../electron/core/transport/router';
import { methods, RpcError, type CodeChanged, type MethodInput, type MethodOutput } from '../../../shared/contract';

type CodeMethodName = Extract<keyof typeof methods, `code.${string}`>;

export interface CodeHarness {
  service: CodeService;
  store: Store;
  events: EventBus;
  changes: CodeChanged[];
  call<M extends CodeMethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Resolves with the first change (from now on) that satisfies `match`. */
  waitForChange(match: (c: CodeChanged) => boolean, timeoutMs?: number): Promise<CodeChanged>;
  dispose(): Promise<void>;
}

export function createCodeHarness(options: Partial<Omit<CodeServiceOptions, 'events' | 'store'>> = {}): CodeHarness {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-code-data-'));
  const store = Store.open(dataDir);
  const events = new EventBus();
  const changes: CodeChanged[] = [];
  const waiters = new Set<(c: CodeChanged) => void>();
  events.subscribe((name, payload) => {
    if (name !== 'code.changed') return;
    changes.push(payload as CodeChanged);
    for (const w of [...waiters]) w(payload as CodeChanged);
  });
  const service = new CodeService({ events, store, ...options });
  const handlers = service.handlers();
  return {
    service,
    store,
    events,
    changes,
    async call(method, input) {
      const parsed = methods[method].input.safeParse(input);
      if (!parsed.success) throw new RpcError('invalid_input', parsed.error.issues.map((i) => i.message).join('; '));
      const handler = handlers[method] as unknown as Handler<typeof method>;
      return (await handler(parsed.data as never, { clientId: 'test' })) as never;
    },
    waitForChange(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching code.changed within ${timeoutMs} ms; got ${JSON.stringify(changes)}`));
        }, timeoutMs);
        const check = (c: CodeChanged) => {
          if (!match(c)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(c);
        };
        waiters.add(check);
      });
    },
    async dispose() {
      await service.dispose();
      store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Code Test',
  GIT_AUTHOR_EMAIL: 'code@example.com',
  GIT_COMMITTER_NAME: 'Code Test',
  GIT_COMMITTER_EMAIL: 'code@example.com',
};

/** A folder in tmp (real path), optionally a git repository, with small file helpers. */
export class TempFolder {
  readonly root: string;

  constructor(prefix = 'tandem-code-') {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  }

  static repo(prefix?: string): TempFolder {
    const folder = new TempFolder(prefix);
    folder.git('init', '-q', '-b', 'main');
    return folder;
  }

  git(...args: string[]): string {
    return this.gitWith({}, ...args);
  }

  gitWith(env: Record<string, string>, ...args: string[]): string {
    return execFileSync('git', ['-c', 'core.quotepath=off', ...args], {
      cwd: this.root,
      env: { ...process.env, ...GIT_ENV, ...env },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  write(rel: string, content: string | Buffer): string {
    const abs = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
    return abs;
  }

  abs(rel: string): string {
    return path.join(this.root, rel);
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
