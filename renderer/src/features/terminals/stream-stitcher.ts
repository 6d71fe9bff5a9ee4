/**
 * Turns "a snapshot of a terminal's output + the live `terminal.data` events around it" into one
 * stream with no gap and no repeat, using the char offsets the core puts on both. Events that arrive
 * before the snapshot are held until it comes; a gap (events missed while disconnected) is reported
 * so the view can restore again from a fresh snapshot.
 */
import type { TerminalData, TerminalSnapshot } from '../../../../shared/contract';

/** What a view saved of itself (xterm's serialize addon) and how far into the stream it reflects. */
export interface SavedView {
  data: string;
  end: number;
}

export interface StitcherSink {
  /**
   * `live`: from an event (the view acks these); otherwise restored history (never acked).
   * `streamEnd`: how far into the terminal's stream the view is once `data` is rendered.
   */
  write(data: string, live: boolean, streamEnd: number): void;
  /** Events were missed; the view should restore from a new snapshot. */
  gap(): void;
}

export class StreamStitcher {
  private held: TerminalData[] | null = [];
  private end = 0;

  constructor(private readonly sink: StitcherSink) {}

  /** Stream offset just past what has been written. */
  get position(): number {
    return this.end;
  }

  get restored(): boolean {
    return this.held === null;
  }

  push(event: Pick<TerminalData, 'data' | 'offset'>): void {
    if (this.held) this.held.push(event as TerminalData);
    else this.apply(event);
  }

  /**
   * Writes the restore point: a saved view when it still lines up with the snapshot (it reflects the
   * stream up to a point the snapshot covers), then the rest of the snapshot, then held events.
   */
  restore(snapshot: Pick<TerminalSnapshot, 'data' | 'start' | 'end'>, saved?: SavedView | null): void {
    if (saved && saved.end >= snapshot.start && saved.end <= snapshot.end) {
      this.sink.write(saved.data, false, saved.end);
      const rest = snapshot.data.slice(saved.end - snapshot.start);
      if (rest) this.sink.write(rest, false, snapshot.end);
    } else if (snapshot.data) {
      this.sink.write(snapshot.data, false, snapshot.end);
    }
    this.end = snapshot.end;
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.apply(event);
  }

  /** Start over (before restoring again): hold events until the next snapshot. */
  reset(): void {
    this.held = [];
    this.end = 0;
  }

  private apply(event: Pick<TerminalData, 'data' | 'offset'>): void {
    const eventEnd = event.offset + event.data.length;
    if (eventEnd <= this.end) return;
    if (event.offset > this.end) {
      this.sink.gap();
      return;
    }
    const data = event.offset < this.end ? event.data.slice(this.end - event.offset) : event.data;
    this.end = eventEnd;
    this.sink.write(data, true, eventEnd);
  }
}
