/**
 * A real X desktop for tests and benchmarks: Xvfb on a free display plus openbox (without a window
 * manager there is no `_NET_ACTIVE_WINDOW`), started by the test itself — CI has no display — and
 * torn down with everything it started. Xvfb picks the display number (`-displayfd`), so parallel
 * test files and other users of the machine never collide on one.
 *
 * Needs: apt-get install -y --no-install-recommends xvfb openbox x11-utils xdotool xclip xterm imagemagick
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface XWindow {
  /** X window id as xprop prints it (`0x…`). */
  id: string;
  /** The client process (xterm, xmessage). */
  process: ChildProcess;
  close(): Promise<void>;
}

export interface OpenWindowOptions {
  title: string;
  /** WM_CLASS class (xterm -class). Use a unique one per window: windows are found by it. */
  className: string;
  /** xterm (has _NET_WM_PID) or xmessage (has none). */
  program?: 'xterm' | 'xmessage';
  /** Working folder of the window's process (and of the xterm's shell). */
  cwd?: string;
  /** Raise and focus it (default true). */
  activate?: boolean;
}

export interface XDisplay {
  /** e.g. ":3". */
  display: string;
  /** process.env with DISPLAY set and any Wayland variables removed. */
  env: NodeJS.ProcessEnv;
  openWindow(opts: OpenWindowOptions): Promise<XWindow>;
  activate(id: string): void;
  setTitle(id: string, title: string): void;
  /** Owns the selection with `text` (xclip stays running as the owner until replaced). */
  setSelection(which: 'primary' | 'clipboard', text: string): void;
  /** Runs a command against this display and returns stdout (throws on failure). */
  run(command: string, args: string[]): string;
  stop(): Promise<void>;
}

// Well under the integration hook timeout (60 s); normally ready in well under a second.
const READY_TIMEOUT_MS = 45_000;

export async function startXvfb(opts: { screen?: string } = {}): Promise<XDisplay> {
  const children: ChildProcess[] = [];
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', opts.screen ?? '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  children.push(xvfb);
  let stderr = '';
  xvfb.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));

  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display within ${READY_TIMEOUT_MS} ms: ${stderr}`)), READY_TIMEOUT_MS);
    (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    xvfb.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${stderr}`));
    });
  });

  const display = `:${number}`;
  const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: display };
  delete env.WAYLAND_DISPLAY;
  delete env.XDG_SESSION_TYPE;

  const run = (command: string, args: string[]): string => {
    const r = spawnSync(command, args, { env, encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
    return r.stdout;
  };

  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    }
  };

  try {
    await waitFor(() => spawnSync('xprop', ['-root', '_NET_SUPPORTED'], { env }).status === 0, 'the X server');
    // openbox can exit at start on a busy machine (it gives up if the X server is slow to answer):
    // start it again rather than wait out the timeout, and say what it printed if it never comes up.
    let openboxLog = '';
    const startOpenbox = () => {
      const openbox = spawn('openbox', ['--sm-disable'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      openbox.stderr!.on('data', (d: Buffer) => (openboxLog += d.toString()));
      openbox.on('error', (err) => (openboxLog += `${err.message}\n`));
      children.push(openbox);
      return openbox;
    };
    let openbox = startOpenbox();
    await waitFor(() => {
      if (openbox.exitCode !== null || openbox.signalCode !== null) openbox = startOpenbox();
      return /window id/.test(spawnSync('xprop', ['-root', '_NET_SUPPORTING_WM_CHECK'], { env, encoding: 'utf8' }).stdout ?? '');
    }, 'openbox', () => openboxLog);
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    display,
    env,
    run,
    stop,
    activate: (id) => void run('xdotool', ['windowactivate', '--sync', String(Number.parseInt(id, 16))]),
    setTitle: (id, title) => void run('xdotool', ['set_window', '--name', title, String(Number.parseInt(id, 16))]),
    setSelection(which, text) {
      // xclip forks a child that owns the selection and the parent returns once ownership is taken.
      // The child must not hold our pipes, or spawnSync would wait for it until its timeout.
      const r = spawnSync('xclip', ['-i', '-selection', which], { env, input: text, stdio: ['pipe', 'ignore', 'ignore'], timeout: 10_000 });
      if (r.status !== 0) throw new Error(`xclip could not set the ${which} selection (exit ${r.status ?? r.signal})`);
    },
    async openWindow(o) {
      const program = o.program ?? 'xterm';
      const args =
        program === 'xterm'
          ? ['-T', o.title, '-class', o.className, '-e', 'sleep', '3600']
          : ['-name', o.className.toLowerCase(), '-title', o.title, `message for ${o.className}`];
      const child = spawn(program, args, { env, cwd: o.cwd, stdio: 'ignore' });
      children.push(child);
      // xmessage's class is always "Xmessage"; its instance is -name. `search --class` matches both.
      const found = run('xdotool', ['search', '--sync', '--limit', '1', program === 'xterm' ? '--class' : '--classname', program === 'xterm' ? `^${o.className}$` : `^${o.className.toLowerCase()}$`]);
      const id = `0x${Number(found.trim().split('\n')[0]).toString(16)}`;
      if (o.activate ?? true) run('xdotool', ['windowactivate', '--sync', String(Number.parseInt(id, 16))]);
      return {
        id,
        process: child,
        close: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
        },
      };
    },
  };
}

async function waitFor(check: () => boolean, what: string, log: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${READY_TIMEOUT_MS} ms${log() ? `: ${log().slice(-2000)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
