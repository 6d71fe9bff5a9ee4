/**
 * Real shells in real ptys, through the real pty host process: what a user would see in a terminal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, type Harness } from './support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterEach(() => {
  expect(h.problems).toEqual([]);
});

afterAll(async () => {
  await h?.dispose();
});

const hasShell = (p: string) => fs.existsSync(p);

/** Waits until process `pid` has a child named `name` (Linux /proc). */
async function waitForChild(pid: number, name: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === pid && comm === name) return;
      } catch {
        // The process ended while we looked.
      }
    }
    if (Date.now() > deadline) throw new Error(`no ${name} under ${pid}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function waitForPrompt(id: string) {
  await h.waitForPrompt(id);
}

describe('a bash terminal', () => {
  test('echoes what is typed and prints the command output', async () => {
    const t = await h.create();
    expect(t).toMatchObject({ status: 'running', shellKind: 'bash', shell: '/bin/bash', cols: 120, rows: 30, owner: 'user', label: 'bash' });
    expect(t.pid).toBeGreaterThan(0);
    await waitForPrompt(t.id);
    h.service.write(t.id, 'echo "sum=$((40 + 2))" héllo 日本 🎉\r');
    const out = await h.waitForOutput(t.id, (o) => o.includes('sum=42 héllo 日本 🎉\r\n'));
    // The typed line is echoed back by the pty before the output.
    expect(out).toContain('echo "sum=$((40 + 2))" héllo 日本 🎉');
    expect(h.service.list().map((i) => i.id)).toContain(t.id);
    h.service.close(t.id);
  });

  test('tracks exit codes and the cwd through OSC 133 and OSC 7', async () => {
    const dir = path.join(h.home, 'a dir é');
    fs.mkdirSync(dir);
    const t = await h.create();
    await waitForPrompt(t.id);
    h.service.write(t.id, `cd '${dir}'\r`);
    const cd = await h.waitForCommand(t.id, (c) => c.command?.startsWith('cd ') ?? false);
    expect(cd).toMatchObject({ command: `cd '${dir}'`, exitCode: 0, cwd: h.home });
    await h.waitForEvent('terminal.changed', (i) => i.id === t.id && i.cwd === dir);

    h.service.write(t.id, 'ls /definitely-not-here; echo after\r');
    const failing = await h.waitForCommand(t.id, (c) => c.command?.startsWith('ls ') ?? false);
    expect(failing.exitCode).toBe(0); // the line's status is the last command's (echo)
    expect(failing.output).toMatch(/No such file or directory\nafter$/);
    expect(failing.cwd).toBe(dir);

    h.service.write(t.id, 'false\r');
    const f = await h.waitForCommand(t.id, (c) => c.command === 'false');
    expect(f.exitCode).toBe(1);
    h.service.write(t.id, '(exit 7)\r');
    expect((await h.waitForCommand(t.id, (c) => c.command === '(exit 7)')).exitCode).toBe(7);

    const history = h.service.commands(t.id);
    expect(history.map((c) => [c.command, c.exitCode])).toEqual([
      [`cd '${dir}'`, 0],
      ['ls /definitely-not-here; echo after', 0],
      ['false', 1],
      ['(exit 7)', 7],
    ]);
    expect(history.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
    for (const c of history) {
      expect(c.endedAt).toBeGreaterThanOrEqual(c.startedAt);
      expect(c.outputRange.end).toBeGreaterThanOrEqual(c.outputRange.start);
    }
    // The output range points at the command's output in the stream.
    const out = h.output(t.id);
    expect(out.slice(failing.outputRange.start, failing.outputRange.end)).toContain('No such file or directory');
    expect(h.service.get(t.id)?.cwd).toBe(dir);
    h.service.close(t.id);
  });

  test('reports commands typed with odd characters exactly, and hides lines kept out of history', async () => {
    fs.writeFileSync(path.join(h.home, '.bashrc'), 'HISTCONTROL=ignoreboth\n');
    try {
      const t = await h.create();
      await waitForPrompt(t.id);
      const tricky = `printf '%s\\n' 'a;b' "c\\\\d" $'tab\\there'`;
      h.service.write(t.id, tricky + '\r');
      expect((await h.waitForCommand(t.id, (c) => c.command?.startsWith('printf') ?? false)).command).toBe(tricky);
      h.service.write(t.id, ' echo secret\r');
      h.service.write(t.id, 'echo visible\r');
      await h.waitForCommand(t.id, (c) => c.command === 'echo visible');
      // Repeated line (ignoredups drops it from history): still reported with its text.
      h.service.write(t.id, 'echo visible\r');
      await h.waitForEvent('terminal.command', (c) => c.terminalId === t.id && c.seq === 4);
      const cmds = h.service.commands(t.id).map((c) => c.command);
      expect(cmds).toEqual([tricky, null, 'echo visible', 'echo visible']);
      expect(h.service.commands(t.id)[1]?.output).toBe('secret');
      h.service.close(t.id);
    } finally {
      fs.rmSync(path.join(h.home, '.bashrc'));
    }
  });

  test('leaves the user’s own prompt hooks working (PROMPT_COMMAND ending in ";", nounset, PS0)', async () => {
    fs.writeFileSync(path.join(h.home, '.bashrc'), 'user_hook=0\nPROMPT_COMMAND="user_hook=\\$((user_hook+1));"\nset -u\nPS0="[ps0]"\n');
    try {
      const t = await h.create();
      await waitForPrompt(t.id);
      h.service.write(t.id, 'echo "hooks=$user_hook"\r');
      const c = await h.waitForCommand(t.id, (x) => x.command === 'echo "hooks=$user_hook"');
      expect(c.output).toMatch(/^\[ps0\]hooks=\d+$/);
      expect(h.output(t.id)).not.toMatch(/syntax error|unbound variable/);
      h.service.close(t.id);
    } finally {
      fs.rmSync(path.join(h.home, '.bashrc'));
    }
  });

  test('reports the exit code or the signal of a shell that ends', async () => {
    const t = await h.create();
    await waitForPrompt(t.id);
    h.service.write(t.id, 'exit 3\r');
    const exit = await h.waitForEvent('terminal.exit', (e) => e.id === t.id);
    expect(exit.exit).toEqual({ code: 3, signal: null });
    expect(h.service.get(t.id)).toMatchObject({ status: 'exited', exit: { code: 3, signal: null } });
    // The command that ended the shell is recorded with the shell's exit code.
    expect(h.service.commands(t.id).at(-1)).toMatchObject({ command: 'exit 3', exitCode: 3 });

    const k = await h.create();
    await waitForPrompt(k.id);
    h.service.write(k.id, 'kill -KILL $$\r');
    expect((await h.waitForEvent('terminal.exit', (e) => e.id === k.id)).exit).toEqual({ code: null, signal: 'SIGKILL' });
  });

  test('keeps the output of an exited terminal for a snapshot until it is closed', async () => {
    const t = await h.create({ args: ['-c', 'printf "line1\\nline2\\n"; exit 0'] });
    await h.waitForEvent('terminal.exit', (e) => e.id === t.id);
    const snap = await h.service.snapshot(t.id);
    expect(snap).toEqual({ id: t.id, data: 'line1\r\nline2\r\n', start: 0, end: 14 });
    expect(h.service.close(t.id)).toEqual({ closed: true });
    expect(h.service.close(t.id)).toEqual({ closed: false });
    await expect(h.service.snapshot(t.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  test('starts in the cwd it is given, with the env it is given, labelled as asked', async () => {
    const t = await h.create({ cwd: '/tmp', env: { TANDEM_TEST_VAR: 'xyz' }, owner: 'agent', label: 'Agent: build' });
    expect(t).toMatchObject({ cwd: '/tmp', owner: 'agent', label: 'Agent: build' });
    await waitForPrompt(t.id);
    h.service.write(t.id, 'echo "$PWD:$TANDEM_TEST_VAR:$TERM:$TERM_PROGRAM"\r');
    await h.waitForOutput(t.id, (o) => o.includes('/tmp:xyz:xterm-256color:Tandem\r\n'));
    // The user can take over an agent terminal: typing and Ctrl-C work as in any terminal.
    h.service.write(t.id, 'sleep 30\r');
    // Ctrl-C must reach `sleep`, not the shell that is about to start it.
    await waitForChild(t.pid!, 'sleep');
    h.service.write(t.id, '\x03');
    const interrupted = await h.waitForCommand(t.id, (c) => c.command === 'sleep 30');
    expect(interrupted.exitCode).toBe(130);
    h.service.close(t.id);
  });

  test('without shell integration (custom arguments) the state says why', async () => {
    const t = await h.create({ args: ['--norc', '-i'] });
    expect(t.integration).toEqual({ state: 'off', reason: 'The shell was started with custom arguments.' });
    h.service.close(t.id);
  });
});

describe.skipIf(!hasShell('/usr/bin/zsh'))('a zsh terminal', () => {
  test('has shell integration through ZDOTDIR and still runs the user’s .zshrc', async () => {
    fs.writeFileSync(path.join(h.home, '.zshrc'), 'export FROM_USER_ZSHRC=yes\nsetopt histignorespace\n');
    try {
      const t = await h.create({ shell: 'zsh' });
      expect(t.shellKind).toBe('zsh');
      await waitForPrompt(t.id);
      h.service.write(t.id, 'echo "rc=$FROM_USER_ZSHRC zdotdir=${ZDOTDIR-unset}"; cd /tmp\r');
      const c = await h.waitForCommand(t.id, (x) => x.command?.startsWith('echo') ?? false);
      expect(c).toMatchObject({ exitCode: 0, output: 'rc=yes zdotdir=unset' });
      await h.waitForEvent('terminal.changed', (i) => i.id === t.id && i.cwd === '/tmp');
      h.service.write(t.id, 'false\r');
      expect((await h.waitForCommand(t.id, (x) => x.command === 'false')).exitCode).toBe(1);
      h.service.write(t.id, ' echo hidden\r');
      await h.waitForEvent('terminal.command', (x) => x.terminalId === t.id && x.seq === 3);
      expect(h.service.commands(t.id)[2]).toMatchObject({ command: null, output: 'hidden' });
      h.service.close(t.id);
    } finally {
      fs.rmSync(path.join(h.home, '.zshrc'));
    }
  });
});

describe.skipIf(!hasShell('/usr/bin/fish'))('a fish terminal', () => {
  test('has shell integration through --init-command', async () => {
    const t = await h.create({ shell: 'fish' });
    expect(t.shellKind).toBe('fish');
    await waitForPrompt(t.id);
    h.service.write(t.id, 'cd /tmp; and echo "in $PWD"\r');
    const c = await h.waitForCommand(t.id, (x) => x.command?.startsWith('cd') ?? false);
    expect(c).toMatchObject({ command: 'cd /tmp; and echo "in $PWD"', exitCode: 0, output: 'in /tmp' });
    await h.waitForEvent('terminal.changed', (i) => i.id === t.id && i.cwd === '/tmp');
    h.service.write(t.id, 'false\r');
    expect((await h.waitForCommand(t.id, (x) => x.command === 'false')).exitCode).toBe(1);
    h.service.close(t.id);
  });
});

describe('an unknown shell', () => {
  test('runs without integration and says so', async () => {
    const t = await h.create({ shell: '/bin/sh' });
    expect(t.integration.state).toBe('off');
    expect(t.integration.reason).toMatch(/bash, zsh and fish/);
    h.service.write(t.id, 'echo plain-$((1+1))\r');
    await h.waitForOutput(t.id, (o) => o.includes('plain-2\r\n'));
    h.service.close(t.id);
  });
});
