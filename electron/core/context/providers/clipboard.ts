/**
 * The clipboard: the text last copied. Same privacy rules as the selection (see selection.ts).
 *
 * Change events come from a cheap poll: X has no command-line way to wait for a clipboard change,
 * and one `xclip -o` every couple of seconds costs a few ms of CPU. The poll runs only while someone
 * listens and Tandem is not paused; its owner (the context service) applies the privacy rules before
 * passing a change on.
 */
import { createHash } from 'node:crypto';
import { runCommand } from '../exec';
import { collectXSelection, SELECTION_READ_BYTES, type XSelectionProviderOptions } from './selection';
import type { ContextProvider, ProviderContext, ProviderResult } from './types';

export class ClipboardProvider implements ContextProvider {
  readonly id = 'clipboard' as const;

  constructor(private readonly opts: XSelectionProviderOptions) {}

  async collect(ctx: ProviderContext): Promise<ProviderResult> {
    return collectXSelection('clipboard', 'Clipboard', this.opts, ctx);
  }
}

export interface ClipboardWatcherOptions {
  display: string;
  env?: NodeJS.ProcessEnv;
  intervalMs?: number;
  /** Called with the new text (null when the clipboard was emptied or holds no text). */
  onChange: (text: string | null) => void;
}

export const DEFAULT_CLIPBOARD_POLL_MS = 2000;
const POLL_TIMEOUT_MS = 500;

export class ClipboardWatcher {
  private timer: NodeJS.Timeout | null = null;
  private lastDigest: string | null | undefined = undefined;
  private inFlight: AbortController | null = null;

  constructor(private readonly opts: ClipboardWatcherOptions) {}

  get running(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.opts.intervalMs ?? DEFAULT_CLIPBOARD_POLL_MS);
    this.timer.unref();
    void this.poll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.inFlight?.abort();
    this.inFlight = null;
    this.lastDigest = undefined;
  }

  private async poll(): Promise<void> {
    if (this.inFlight) return; // the owner app is slow: skip a beat rather than pile up xclips
    const controller = new AbortController();
    this.inFlight = controller;
    let text: string | null = null;
    try {
      const r = await runCommand('xclip', ['-o', '-selection', 'clipboard', '-t', 'UTF8_STRING'], {
        env: { ...(this.opts.env ?? process.env), DISPLAY: this.opts.display },
        signal: controller.signal,
        timeoutMs: POLL_TIMEOUT_MS,
        maxBytes: SELECTION_READ_BYTES,
        leaveRunning: true,
      });
      text = r.code === 0 || r.truncated ? r.stdout.toString('utf8') : null;
    } catch {
      return; // timed out or stopped: unknown, not a change; try again next beat
    } finally {
      if (this.inFlight === controller) this.inFlight = null;
    }
    if (!this.timer) return;
    const digest = text === null || text === '' ? null : createHash('sha256').update(text).digest('hex');
    const first = this.lastDigest === undefined;
    if (digest === this.lastDigest) return;
    this.lastDigest = digest;
    if (!first) this.opts.onChange(text || null);
  }
}
