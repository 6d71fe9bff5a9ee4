/**
 * Coalesces a pty's output into fewer, larger messages (after Hyper's DataBatcher), without delaying
 * interactive output: a keystroke's echo or a prompt goes out at once (in the next turn of the event
 * loop, so chunks read together travel together); once output streams (a batch bigger than
 * INTERACTIVE_MAX_CHARS went out less than a frame ago) it is sent at most once per BATCH_DURATION_MS,
 * or as soon as a batch reaches BATCH_MAX_CHARS. Order is kept and nothing is
 * dropped; `flush()` sends whatever is pending right away (before an exit, a snapshot).
 *
 * Held (flow control: the clients are behind), it sends nothing and reports when it holds a full
 * batch, so the pty is paused then: the next batch is ready the moment the clients catch up, and the
 * memory held stays bounded by one batch.
 */

/** About one frame at 60 Hz: a flood becomes ~60 messages a second. */
export const BATCH_DURATION_MS = 16;
/** A batch this big goes out immediately, so one message never grows without bound. */
export const BATCH_MAX_CHARS = 200 * 1024;
/** Batches up to this size (echoes, prompts, a line of output) never make the next one wait. */
export const INTERACTIVE_MAX_CHARS = 1024;

export class DataBatcher {
  private parts: string[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  /** When the last batch went out, and how big it was: a stream is paced, typing is not. */
  private lastFlushAt = -Infinity;
  private lastFlushSize = 0;
  private held = false;

  constructor(
    private readonly send: (data: string) => void,
    private readonly onFullWhileHeld: () => void = () => {},
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Holds a full batch (the pty should stop being read). */
  get isFull(): boolean {
    return this.size >= BATCH_MAX_CHARS;
  }

  write(data: string): void {
    if (data.length === 0) return;
    this.parts.push(data);
    this.size += data.length;
    if (this.held) {
      if (this.isFull) this.onFullWhileHeld();
      return;
    }
    if (this.isFull) {
      this.flush();
      return;
    }
    this.schedule();
  }

  /** Stop sending until `release()`. */
  hold(): void {
    if (this.held) return;
    this.held = true;
    this.cancelTimers();
  }

  /** Send what was held at once, then batch as usual. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    this.flush();
  }

  /** Sends whatever is pending now, held or not. */
  flush(): void {
    this.cancelTimers();
    if (this.size === 0) return;
    const data = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.lastFlushAt = this.now();
    this.lastFlushSize = data.length;
    this.send(data);
  }

  /** Drops the timers; pending data is flushed first so disposal never loses output. */
  dispose(): void {
    this.flush();
  }

  private schedule(): void {
    if (this.timer || this.immediate) return;
    const sinceLast = this.now() - this.lastFlushAt;
    if (sinceLast >= BATCH_DURATION_MS || this.lastFlushSize <= INTERACTIVE_MAX_CHARS) this.immediate = setImmediate(() => this.flush());
    else this.timer = setTimeout(() => this.flush(), BATCH_DURATION_MS - sinceLast);
  }

  private cancelTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }
}
