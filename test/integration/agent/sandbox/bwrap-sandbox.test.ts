// The Linux sandbox for real: bubblewrap with the seccomp filter, a real workspace (a git repo), the
// thread's temp dir, escapes tried and refused. Needs bwrap (npm test installs it); Linux only.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCommand } from '../../../../electron/core/agent/approvals';
import {
  describeWritableRoots,
  ensureThreadTempDir,
  planSandboxedCommand,
  probeSandboxSupport,
  runSandboxed,
  type RunOptions,
  type SandboxCapabilities,
  type SandboxMode,
  type WritableRoot,
} from '../../../../electron/core/agent/sandbox';
import { makeTempDir } from '../../../support/temp-dir';

const linux = process.platform === 'linux';

describe.runIf(linux)('the bubblewrap sandbox', () => {
  let temp: ReturnType<typeof makeTempDir>;
  /** Outside the workspace and outside /tmp (the sandbox has its own /tmp): in the home folder. */
  let outside: string;
  let workspace: string;
  let dataDir: string;
  let tmpDir: string;
  let capabilities: SandboxCapabilities;
  let roots: WritableRoot[];

  beforeAll(async () => {
    temp = makeTempDir('tandem-sandbox-');
    outside = fs.mkdtempSync(path.join(os.homedir(), '.tandem-sandbox-test-'));
    workspace = path.join(temp.dir, 'workspace');
    dataDir = path.join(temp.dir, 'data');
    fs.mkdirSync(workspace);
    fs.mkdirSync(dataDir);
    git(['init', '-q', '-b', 'main']);
    git(['config', 'user.email', 'test@example.com']);
    git(['config', 'user.name', 'Test']);
    fs.writeFileSync(path.join(workspace, 'README.md'), 'hello\n');
    git(['add', '.']);
    git(['commit', '-q', '-m', 'first']);
    fs.mkdirSync(path.join(workspace, '.tandem'));
    fs.writeFileSync(path.join(workspace, '.tandem', 'rules.json'), '{"rules":[]}\n');

    capabilities = await probeSandboxSupport({ stateDir: path.join(dataDir, 'sandbox'), dataDir });
    expect(capabilities.unavailableReason).toBeNull();
    tmpDir = await ensureThreadTempDir(dataDir, 'thread-1');
    roots = await describeWritableRoots([workspace]);
  });

  afterAll(() => {
    temp?.cleanup();
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
  });

  function git(args: string[]): string {
    return execFileSync('git', args, { cwd: workspace, encoding: 'utf8' });
  }

  function run(command: string, options: RunOptions & { mode?: SandboxMode; network?: boolean; caps?: SandboxCapabilities; env?: NodeJS.ProcessEnv } = {}) {
    const plan = planSandboxedCommand({
      command,
      cwd: roots[0]!.root,
      mode: options.mode ?? 'workspace-write',
      writableRoots: roots,
      tmpDir,
      network: options.network ?? false,
      capabilities: options.caps ?? capabilities,
      env: options.env ?? process.env,
    });
    return runSandboxed(plan, { timeoutMs: options.timeoutMs ?? 30_000, outputCapBytes: options.outputCapBytes, onOutput: options.onOutput, signal: options.signal });
  }

  it('probes bwrap with the seccomp filter and hides Tandem data', () => {
    expect(capabilities.linux?.bwrapPath).toMatch(/bwrap$/);
    expect(capabilities.linux?.seccompFilterPath).toMatch(/seccomp-.*\.bpf$/);
    expect(capabilities.linux?.maskedDirs).toContain(fs.realpathSync(dataDir));
  });

  it('lets a command write inside the workspace', async () => {
    const result = await run('echo made-in-sandbox > inside.txt && cat inside.txt');
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('made-in-sandbox');
    expect(fs.readFileSync(path.join(workspace, 'inside.txt'), 'utf8')).toBe('made-in-sandbox\n');
  });

  it('refuses a write outside the workspace with "Read-only file system"', async () => {
    const target = path.join(outside, 'escaped.txt');
    const result = await run(`echo escaped > ${target}`);
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('Read-only file system');
    expect(fs.existsSync(target)).toBe(false);
  });

  it('refuses a write through a symlink in the workspace to a file in the home folder', async () => {
    const secret = path.join(outside, 'dotfile');
    fs.writeFileSync(secret, 'original\n');
    fs.symlinkSync(secret, path.join(workspace, 'innocent-link'));
    const result = await run('echo pwned > innocent-link');
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('Read-only file system');
    expect(fs.readFileSync(secret, 'utf8')).toBe('original\n');
  });

  it('cuts the network: a server on the host loopback cannot be reached, unless the network is allowed', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const script = `fetch('http://127.0.0.1:${port}/').then(r => r.text()).then(t => { console.log('got ' + t); }, e => { console.log('failed ' + (e.cause?.code ?? e.message)); process.exit(3); })`;
    const command = `${JSON.stringify(process.execPath)} -e ${shellQuote(script)}`;
    try {
      const closed = await run(command);
      expect(closed.exitCode).toBe(3);
      expect(closed.output).toContain('failed ECONNREFUSED');
      expect(hits).toBe(0);

      const open = await run(command, { network: true });
      expect(open.output).toContain('got ok');
      expect(open.exitCode).toBe(0);
      expect(hits).toBe(1);
    } finally {
      server.close();
    }
  });

  it('refuses Unix sockets (seccomp), so a daemon on the host cannot be asked to run anything', async () => {
    const socketPath = path.join(workspace, 'daemon.sock');
    let connections = 0;
    const server = net.createServer((socket) => {
      connections += 1;
      socket.end('hello from outside\n');
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const script = `require('net').connect(${JSON.stringify(socketPath)}).on('data', d => process.stdout.write(String(d))).on('error', e => { console.log('failed ' + e.code); process.exit(3); })`;
    const command = `${JSON.stringify(process.execPath)} -e ${shellQuote(script)}`;
    try {
      const sandboxed = await run(command);
      expect(sandboxed.output).toContain('failed EPERM');
      expect(connections).toBe(0);

      const unconfined = await run(command, { mode: 'danger-full-access' });
      expect(unconfined.output).toContain('hello from outside');
      expect(connections).toBe(1);
    } finally {
      server.close();
    }
  });

  it('keeps .git read-only (no hooks, no commits) while git can still read the repo', async () => {
    const hook = path.join(workspace, '.git', 'hooks', 'post-checkout');
    const hookWrite = await run(`printf '#!/bin/sh\\necho owned\\n' > .git/hooks/post-checkout`);
    expect(hookWrite.exitCode).not.toBe(0);
    expect(hookWrite.output).toContain('Read-only file system');
    expect(fs.existsSync(hook)).toBe(false);

    const status = await run('git status --short && git log --oneline');
    expect(status.exitCode).toBe(0);
    expect(status.output).toContain('first');

    const commit = await run('git add README.md && git commit -q -m second --allow-empty');
    expect(commit.exitCode).not.toBe(0);
    expect(git(['log', '--oneline'])).not.toContain('second');
  });

  it('keeps the repository rules (.tandem) read-only', async () => {
    const result = await run(`echo '{"rules":[{"prefix":"rm","decision":"allow"}]}' > .tandem/rules.json`);
    expect(result.output).toContain('Read-only file system');
    expect(fs.readFileSync(path.join(workspace, '.tandem', 'rules.json'), 'utf8')).toBe('{"rules":[]}\n');
  });

  it('gives the thread its own /tmp, kept between commands and invisible from the host /tmp', async () => {
    expect((await run('echo remembered > /tmp/note.txt')).exitCode).toBe(0);
    const second = await run('cat /tmp/note.txt && ls /tmp');
    expect(second.output).toContain('remembered');
    expect(fs.readFileSync(path.join(tmpDir, 'note.txt'), 'utf8')).toBe('remembered\n');
    // The host's /tmp is not visible: this test's temp folder (itself under /tmp) shows the workspace
    // mounted back (and the hidden data dir's mount point), not the file beside them.
    fs.writeFileSync(path.join(temp.dir, 'host-only.txt'), 'host\n');
    const hostTmp = await run(`ls -A ${temp.dir}`);
    expect(hostTmp.output.split('\n')).toContain('workspace');
    expect(hostTmp.output).not.toContain('host-only.txt');
  });

  it('in read-only mode refuses writes to the workspace but shows it', async () => {
    const result = await run('cat README.md && echo nope > ro.txt', { mode: 'read-only' });
    expect(result.output).toContain('hello');
    expect(result.output).toContain('Read-only file system');
    expect(fs.existsSync(path.join(workspace, 'ro.txt'))).toBe(false);
  });

  it('hides Tandem data and credential folders', async () => {
    fs.writeFileSync(path.join(dataDir, 'secrets.json'), '{"key":"sk-test"}');
    const result = await run(`cat ${path.join(dataDir, 'secrets.json')}`);
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('No such file or directory');

    const home = fs.mkdtempSync(path.join(outside, 'home-'));
    fs.mkdirSync(path.join(home, '.ssh'));
    fs.writeFileSync(path.join(home, '.ssh', 'id_ed25519'), 'PRIVATE KEY');
    const caps = await probeSandboxSupport({ stateDir: path.join(dataDir, 'sandbox'), dataDir, env: { ...process.env, HOME: home } });
    const ssh = await run(`cat ${path.join(home, '.ssh', 'id_ed25519')}`, { caps });
    expect(ssh.output).not.toContain('PRIVATE KEY');
    expect(ssh.output).toContain('No such file or directory');
  });

  it('does not pass secrets from the environment into the sandbox', async () => {
    const result = await run('echo "key=${OPENAI_API_KEY:-unset} path=${PATH:+set} sandbox=$TANDEM_SANDBOX"', {
      env: { ...process.env, OPENAI_API_KEY: 'sk-should-not-leak' },
    });
    expect(result.output.trim()).toBe('key=unset path=set sandbox=workspace-write');
  });

  it('kills the whole process tree on timeout', async () => {
    const marker = `${40 + Math.floor(Math.random() * 1000)}.${process.pid}`;
    for (const mode of ['workspace-write', 'danger-full-access'] as const) {
      const started = Date.now();
      const result = await run(`sleep ${marker} & sleep ${marker}; echo never`, { mode, timeoutMs: 1_000 });
      expect(result.timedOut).toBe(true);
      expect(result.exitCode).toBeNull();
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(result.output).not.toContain('never');
      await expect.poll(() => processesMatching(`sleep ${marker}`), { timeout: 5_000 }).toEqual([]);
    }
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const pending = run('echo started; sleep 30', {
      signal: controller.signal,
      onOutput: (text) => {
        if (text.includes('started')) controller.abort();
      },
    });
    const result = await pending;
    expect(result.aborted).toBe(true);
    expect(result.durationMs).toBeLessThan(10_000);
  });

  it('keeps the head and the tail of a flood of output and counts what it dropped', async () => {
    const streamed: string[] = [];
    const result = await run('seq 1 100000', { outputCapBytes: 1_000, onOutput: (t) => streamed.push(t) });
    expect(result.exitCode).toBe(0);
    const total = Array.from({ length: 100000 }, (_, i) => `${i + 1}\n`).join('').length;
    expect(result.outputBytes).toBe(total);
    expect(streamed.join('').length).toBe(total);
    expect(result.output.startsWith('1\n2\n3\n')).toBe(true);
    expect(result.output.endsWith('99999\n100000\n')).toBe(true);
    const elided = /\[… ([\d,]+) bytes elided …\]/.exec(result.output);
    expect(elided).not.toBeNull();
    expect(Number(elided![1]!.replace(/,/g, ''))).toBe(total - 1_000);
  });

  it('reports enforced: false without bwrap, and then every command needs approval', async () => {
    for (const caps of [
      await probeSandboxSupport({ stateDir: path.join(dataDir, 'sandbox'), bwrapPath: null }),
      await probeSandboxSupport({ stateDir: path.join(dataDir, 'sandbox'), env: { ...process.env, PATH: '/nonexistent' } }),
    ]) {
      expect(caps.unavailableReason).toMatch(/bubblewrap \(bwrap\) is not installed/);
      const plan = planSandboxedCommand({ command: 'ls', cwd: workspace, mode: 'workspace-write', writableRoots: roots, tmpDir, network: false, capabilities: caps });
      expect(plan.enforced).toBe(false);
      expect(plan.file).toBe('bash');
      const verdict = evaluateCommand({
        command: 'ls',
        policy: 'on-request',
        sandboxMode: 'workspace-write',
        sandboxEnforced: plan.enforced,
        sandboxUnavailableReason: caps.unavailableReason,
        rules: [],
      });
      expect(verdict.decision).toBe('prompt');
      expect(verdict.reason).toMatch(/bubblewrap/);
    }
  });

  it('reports a bwrap that cannot create a sandbox', async () => {
    const fake = path.join(temp.dir, 'fake-bwrap');
    fs.writeFileSync(fake, '#!/bin/sh\necho "bwrap: No permissions to create new namespace" >&2\nexit 1\n', { mode: 0o755 });
    const caps = await probeSandboxSupport({ stateDir: path.join(dataDir, 'sandbox'), bwrapPath: fake });
    expect(caps.unavailableReason).toMatch(/cannot create a sandbox here \(bwrap: No permissions to create new namespace\)/);
    expect(caps.unavailableReason).toMatch(/unprivileged_userns/);
  });
});

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function processesMatching(pattern: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}
