/**
 * Starts the BUILT app as a real child process — `node bin/tandem.cjs serve --port 0 --data-dir <tmp>` —
 * and resolves once it prints its URL. The e2e suite drives what a user would run; `npm run build` (or
 * `node scripts/build.mjs`) must have run first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO, 'bin', 'tandem.cjs');
const BUILT_CLI = path.join(REPO, 'out', 'cli.cjs');
const BUILT_PAGE = path.join(REPO, 'out', 'renderer', 'index.html');

/** The line `tandem serve` prints once it listens. */
const READY_LINE = /Tandem is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))/;

export interface ServeOptions {
  /** Data dir to use; a fresh temp dir (removed on stop) when absent. */
  dataDir?: string;
  /** Extra environment, e.g. OPENAI_BASE_URL for the fake model server. */
  env?: Record<string, string>;
  /** How long to wait for the URL line. */
  startTimeoutMs?: number;
}

export interface ServedApp {
  /** The URL with its one-time token, as printed. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  port: number;
  dataDir: string;
  /** Everything the process wrote so far, for failure messages. */
  output(): { stdout: string; stderr: string };
  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and removes a temp data dir. */
  stop(): Promise<void>;
}

/**
 * Environment variables the developer's shell may carry that would change what the app does under test;
 * a test that wants one passes it in `env`.
 */
const SCRUBBED = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'TANDEM_DATA_DIR', 'NODE_OPTIONS'];

/**
 * Servers still running. If the test process ends without calling stop() (a crash, a forgotten
 * afterAll), they are killed on the way out rather than left orphaned holding a port.
 */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startServe(options: ServeOptions = {}): Promise<ServedApp> {
  for (const file of [BIN, BUILT_CLI, BUILT_PAGE]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO, file)} is missing: run \`node scripts/build.mjs\` before the e2e tests`);
  }
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SCRUBBED) delete env[name];
  Object.assign(env, options.env);

  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  running.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );

  const cleanup = async () => {
    await stopChild(child, exited);
    if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const match = await waitForReadyLine(child, () => stdout, () => stderr, options.startTimeoutMs ?? 15_000);
    const [, url, port, token] = match as unknown as [string, string, string, string];
    return {
      url,
      origin: `http://127.0.0.1:${port}`,
      token,
      port: Number(port),
      dataDir,
      output: () => ({ stdout, stderr }),
      stop: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

function waitForReadyLine(child: ChildProcess, stdout: () => string, stderr: () => string, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const describe = () => `\n--- stdout ---\n${stdout() || '(nothing)'}\n--- stderr ---\n${stderr() || '(nothing)'}`;
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`tandem serve printed no URL within ${timeoutMs} ms${describe()}`));
    }, timeoutMs);
    const onData = () => {
      const m = READY_LINE.exec(stdout());
      if (m) {
        finish();
        resolve(m);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      // Let the last output arrive before reporting it.
      setImmediate(() => {
        finish();
        reject(new Error(`tandem serve exited early (${signal ?? `exit code ${code}`})${describe()}`));
      });
    };
    const finish = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const grace = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
  if ((await Promise.race([exited, grace])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}
