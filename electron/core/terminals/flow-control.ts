/**
 * Per-client flow control for one terminal (VS Code's numbers, per client). The core knows who views a
 * terminal and what each has acknowledged; the pty host knows exactly how much it has sent. So the core
 * keeps, per viewer, the stream offset it has acked up to, and tells the host the slowest viewer's
 * offset (its *limit*); the host pauses the pty while it has sent more than
 * TERMINAL_FLOW.highWatermarkChars past the limit and resumes below lowWatermarkChars. Deciding in the
 * host keeps the bound tight: no batches slip out while a pause is on its way.
 *
 * A viewer is a client that created the terminal, asked for its snapshot or acked its output; clients
 * that never view a terminal (a window without terminals) are never waited for. A viewer stops being
 * one when it disconnects. One that stays silent for STALLED_VIEWER_MS while behind (a closed tab whose
 * disconnect was missed, a frozen window) is no longer waited for until it acks again, so a dead
 * client can never stall a shell for good. No viewers waited for: no limit (null).
 */
import { TERMINAL_FLOW } from '../../../shared/contract/terminals';

export const STALLED_VIEWER_MS = 5_000;

interface Viewer {
  /** Stream offset this viewer has acknowledged up to. */
  ackedUpTo: number;
  lastAckAt: number;
  stalled: boolean;
}

export class TerminalFlowControl {
  private readonly viewers = new Map<string, Viewer>();
  /** Stream offset just past what the core has sent to clients. */
  private streamEnd = 0;
  private lastLimit: number | null = null;
  private stallTimer: NodeJS.Timeout | null = null;
  private disposed = false;

  constructor(
    private readonly onLimitChange: (limit: number | null) => void,
    private readonly now: () => number = Date.now,
    private readonly limits = { high: TERMINAL_FLOW.highWatermarkChars, low: TERMINAL_FLOW.lowWatermarkChars, stalledMs: STALLED_VIEWER_MS },
  ) {}

  /** The slowest waited-for viewer's acked offset; null when nobody is waited for. */
  get limit(): number | null {
    return this.lastLimit;
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** Output the slowest viewer has not acknowledged (what the host measures against the watermarks). */
  get behindBy(): number {
    return this.lastLimit === null ? 0 : this.streamEnd - this.lastLimit;
  }

  /** Makes `clientId` a viewer from the current end of the stream (output before it is not owed). */
  attach(clientId: string): void {
    if (this.disposed || this.viewers.has(clientId)) return;
    this.viewers.set(clientId, { ackedUpTo: this.streamEnd, lastAckAt: this.now(), stalled: false });
    this.update();
  }

  detach(clientId: string): void {
    if (this.viewers.delete(clientId)) this.update();
  }

  /** `chars` more output went out to every client. */
  sent(chars: number): void {
    this.streamEnd += chars;
    if (this.behindBy > this.limits.high) this.scheduleStallCheck();
  }

  ack(clientId: string, chars: number): void {
    if (this.disposed) return;
    this.attach(clientId);
    const viewer = this.viewers.get(clientId)!;
    viewer.ackedUpTo = Math.min(this.streamEnd, viewer.ackedUpTo + chars);
    viewer.lastAckAt = this.now();
    viewer.stalled = false;
    this.update();
  }

  /** Unacknowledged chars of one viewer (for tests and diagnostics). */
  unackedBy(clientId: string): number | undefined {
    const viewer = this.viewers.get(clientId);
    return viewer ? this.streamEnd - viewer.ackedUpTo : undefined;
  }

  dispose(): void {
    this.disposed = true;
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = null;
    this.viewers.clear();
  }

  private update(): void {
    let limit: number | null = null;
    for (const viewer of this.viewers.values()) {
      if (!viewer.stalled && (limit === null || viewer.ackedUpTo < limit)) limit = viewer.ackedUpTo;
    }
    if (limit !== this.lastLimit) {
      this.lastLimit = limit;
      this.onLimitChange(limit);
    }
    if (this.behindBy > this.limits.high) this.scheduleStallCheck();
  }

  private scheduleStallCheck(): void {
    if (this.stallTimer || this.disposed) return;
    this.stallTimer = setTimeout(() => {
      this.stallTimer = null;
      const now = this.now();
      for (const viewer of this.viewers.values()) {
        const behind = this.streamEnd - viewer.ackedUpTo;
        if (behind >= this.limits.low && now - viewer.lastAckAt >= this.limits.stalledMs) viewer.stalled = true;
      }
      this.update();
    }, this.limits.stalledMs);
    this.stallTimer.unref?.();
  }
}
