/**
 * The window in front on X11, through xprop: `_NET_ACTIVE_WINDOW` on the root window, then the
 * window's title (`_NET_WM_NAME`, else `WM_NAME`), `WM_CLASS` and `_NET_WM_PID` — two short xprop
 * runs, about 4 ms each.
 *
 * The watcher keeps the answer current without polling: `xprop -spy` on the root window streams each
 * focus change (a transient `0x0` appears between two windows, so changes are debounced), and a second
 * spy on the focused window streams its title changes (a browser switching tabs). Both sit blocked
 * on the X connection at idle and cost no CPU.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { ActiveWindowInfo } from '../../../../shared/contract';
import { runCommand } from '../exec';
import { newestChildCwd, processName } from '../process-info';
import { deriveWindowContext, isBrowser } from '../title-parsers';
import { decodeTextProperty, decodeWmClass, parseCardinal, parseWindowId, parseXpropOutput } from '../x11/xprop-output';

export interface X11Options {
  /** The X display, e.g. ":0". */
  display: string;
  env?: NodeJS.ProcessEnv;
  /** For expanding "~" in terminal and IDE titles. */
  homeDir?: string;
}

export const XPROP_MISSING = 'Reading the window in front needs xprop, which is not installed (Debian/Ubuntu: apt install x11-utils).';

const TEXT_AS_BYTES = ['-f', 'WM_NAME', '8x', '-f', '_NET_WM_NAME', '8x', '-f', 'WM_CLASS', '8x'];
const WINDOW_PROPS = ['_NET_WM_NAME', 'WM_NAME', 'WM_CLASS', '_NET_WM_PID'];

function xEnv(opts: X11Options): NodeJS.ProcessEnv {
  return { ...(opts.env ?? process.env), DISPLAY: opts.display };
}

export class X11ActiveWindowReader {
  constructor(private readonly opts: X11Options) {}

  /** The focused window's id, or null when nothing has focus (the desktop, or no window manager). */
  async activeWindowId(signal?: AbortSignal): Promise<string | null> {
    const { stdout, code, stderr } = await runCommand('xprop', ['-root', '_NET_ACTIVE_WINDOW'], { env: xEnv(this.opts), signal, maxBytes: 4096 });
    if (code !== 0) throw new Error(`xprop could not read the active window: ${stderr || `exit ${code}`}`);
    const prop = parseXpropOutput(stdout.toString('utf8')).get('_NET_ACTIVE_WINDOW');
    return prop ? parseWindowId(prop.value) : null;
  }

  /** Everything known about one window; null if it closed in the meantime. */
  async describe(windowId: string, signal?: AbortSignal): Promise<ActiveWindowInfo | null> {
    const { stdout, code } = await runCommand('xprop', ['-id', windowId, ...TEXT_AS_BYTES, ...WINDOW_PROPS], {
      env: xEnv(this.opts),
      signal,
      maxBytes: 256 * 1024,
    });
    if (code !== 0) return null; // BadWindow: it closed between the two reads
    const props = parseXpropOutput(stdout.toString('utf8'));
    const titleProp = props.get('_NET_WM_NAME') ?? props.get('WM_NAME');
    const title = titleProp ? decodeTextProperty(titleProp) : '';
    const wmClassProp = props.get('WM_CLASS');
    const { instance, cls } = wmClassProp ? decodeWmClass(wmClassProp) : { instance: null, cls: null };
    const pidProp = props.get('_NET_WM_PID');
    const pid = pidProp ? parseCardinal(pidProp.value) : null;
    const procName = pid ? await processName(pid) : null;

    const identity = { title, wmClass: cls, wmInstance: instance, processName: procName };
    const derived = deriveWindowContext(identity, this.opts.homeDir);
    // A terminal's title does not always show its folder; its shell knows.
    if (derived.category === 'terminal' && !derived.cwd && pid) {
      const cwd = await newestChildCwd(pid);
      if (cwd) derived.cwd = cwd;
    }
    return {
      windowId,
      app: cls ?? procName ?? instance ?? 'Unknown app',
      title,
      wmInstance: instance,
      wmClass: cls,
      pid,
      processName: procName,
      derived,
    };
  }

  async read(signal?: AbortSignal): Promise<ActiveWindowInfo | null> {
    const id = await this.activeWindowId(signal);
    return id ? this.describe(id, signal) : null;
  }
}

/**
 * Tandem's own windows: the desktop app's (same pid as the core), and in web mode the browser tab
 * showing Tandem. When the hotkey brings Tandem forward, the context is the window before it.
 */
export function isTandemWindow(info: ActiveWindowInfo, ownPids: ReadonlySet<number>): boolean {
  if (info.pid !== null && ownPids.has(info.pid)) return true;
  if (/^tandem$/i.test(info.wmClass ?? '') || /^tandem$/i.test(info.wmInstance ?? '')) return true;
  // The web UI titles its pages "Tandem", "Tandem — Quick ask", "<thread> — Tandem".
  return isBrowser(info) && /(?:^|\s[-—–·|]\s)Tandem(?:$|\s[-—–·|]\s)/.test(info.derived.pageTitle ?? '');
}

export interface ActiveWindowWatcherOptions extends X11Options {
  reader?: X11ActiveWindowReader;
  isOwn?: (info: ActiveWindowInfo) => boolean;
  /** Quiet time before a focus change counts (hides the transient 0x0). */
  debounceMs?: number;
  onChange?: (info: ActiveWindowInfo | null) => void;
  /** For logging a spy that keeps dying. */
  onError?: (message: string) => void;
}

const DEFAULT_DEBOUNCE_MS = 60;
const RESTART_DELAYS_MS = [500, 1000, 2000, 5000, 10_000, 30_000];

type Spy = ChildProcessByStdio<null, Readable, null>;

export class ActiveWindowWatcher {
  private readonly reader: X11ActiveWindowReader;
  private rootSpy: Spy | null = null;
  private titleSpy: Spy | null = null;
  private titleSpyFor: string | null = null;
  private pendingId: string | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private generation = 0;
  private running = false;
  private hasReading = false;
  private latest: ActiveWindowInfo | null = null;
  private latestForeign: ActiveWindowInfo | null = null;

  constructor(private readonly opts: ActiveWindowWatcherOptions) {
    this.reader = opts.reader ?? new X11ActiveWindowReader(opts);
  }

  /** True while the root spy is alive and has reported at least once. */
  get healthy(): boolean {
    return this.running && this.rootSpy !== null && this.hasReading;
  }

  /** The window in front now (may be Tandem's own). */
  current(): ActiveWindowInfo | null {
    return this.latest;
  }

  /** The last window in front that was not Tandem's: what the user was working in. */
  foreground(): ActiveWindowInfo | null {
    return this.latestForeign;
  }

  /** Child pids, for measuring the watcher's own cost. */
  pids(): number[] {
    return [this.rootSpy?.pid, this.titleSpy?.pid].filter((p): p is number => typeof p === 'number');
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.startRootSpy();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    if (this.debounce) clearTimeout(this.debounce);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.debounce = this.restartTimer = null;
    this.killTitleSpy();
    const spy = this.rootSpy;
    this.rootSpy = null;
    spy?.kill();
    this.hasReading = false;
  }

  private startRootSpy(): void {
    const spy = spawnSpy(['-spy', '-root', '_NET_ACTIVE_WINDOW'], this.opts);
    this.rootSpy = spy;
    onLines(spy, (line) => {
      const prop = parseXpropOutput(line).get('_NET_ACTIVE_WINDOW');
      if (!prop && !/_NET_ACTIVE_WINDOW/.test(line)) return;
      this.failures = 0;
      this.pendingId = prop ? parseWindowId(prop.value) : null;
      this.schedule();
    });
    spy.once('error', (err: NodeJS.ErrnoException) => {
      this.opts.onError?.(err.code === 'ENOENT' ? XPROP_MISSING : `xprop could not start: ${err.message}`);
      if (err.code === 'ENOENT') this.stop(); // retrying cannot help until it is installed
    });
    spy.once('close', () => {
      if (this.rootSpy !== spy) return;
      this.rootSpy = null;
      this.hasReading = false;
      if (!this.running) return;
      const delay = RESTART_DELAYS_MS[Math.min(this.failures, RESTART_DELAYS_MS.length - 1)]!;
      this.failures++;
      this.opts.onError?.(`the window watcher (xprop -spy) stopped; restarting in ${delay} ms`);
      this.restartTimer = setTimeout(() => {
        this.restartTimer = null;
        if (this.running) this.startRootSpy();
      }, delay);
    });
  }

  private schedule(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.refresh();
    }, this.opts.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  }

  private async refresh(): Promise<void> {
    const generation = ++this.generation;
    const id = this.pendingId;
    let info: ActiveWindowInfo | null = null;
    try {
      info = id ? await this.reader.describe(id) : null;
    } catch (err) {
      this.opts.onError?.(`could not read the active window: ${(err as Error).message}`);
      return;
    }
    if (generation !== this.generation || !this.running) return; // a newer change superseded this one
    this.hasReading = true;
    if (id !== this.titleSpyFor) this.watchTitle(id);
    const changed = info?.windowId !== this.latest?.windowId || info?.title !== this.latest?.title;
    this.latest = info;
    if (info && !(this.opts.isOwn?.(info) ?? false)) this.latestForeign = info;
    if (changed) this.opts.onChange?.(info);
  }

  /** Follows the focused window's title, so a browser tab switch or an editor file switch is seen. */
  private watchTitle(id: string | null): void {
    this.killTitleSpy();
    this.titleSpyFor = id;
    if (!id) return;
    const spy = spawnSpy(['-spy', '-id', id, '-f', '_NET_WM_NAME', '8x', '-f', 'WM_NAME', '8x', '_NET_WM_NAME', 'WM_NAME'], this.opts);
    this.titleSpy = spy;
    // The spy prints the current values first; a line that differs from the last one seen for its
    // property is a change.
    const seen = new Map<string, string>();
    onLines(spy, (line) => {
      const name = /^[A-Z_]+/.exec(line)?.[0] ?? '';
      const before = seen.get(name);
      seen.set(name, line);
      if (before !== undefined && before !== line && this.pendingId === id) this.schedule();
    });
    spy.once('error', () => {});
    spy.once('close', () => {
      if (this.titleSpy === spy) this.titleSpy = null; // the window closed; the root spy reports what comes next
    });
  }

  private killTitleSpy(): void {
    const spy = this.titleSpy;
    this.titleSpy = null;
    this.titleSpyFor = null;
    spy?.kill();
  }
}

function spawnSpy(args: string[], opts: X11Options): Spy {
  return spawn('xprop', args, { env: xEnv(opts), stdio: ['ignore', 'pipe', 'ignore'] });
}

/** Calls `fn` for each complete line; a spy prints one line per property value. */
function onLines(child: Spy, fn: (line: string) => void): void {
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line) fn(line);
    }
  });
}
