/**
 * The retained tail of one terminal's output, so a reloaded window can redraw it. Bounded by
 * SCROLLBACK_MAX_CHARS; chars are counted from the start of the terminal's stream so a viewer can
 * stitch a snapshot to the live `terminal.data` events that follow it (by offset).
 */

/** About 1–2 MB of memory per terminal (UTF-16), a few thousand screens of typical output. */
export const SCROLLBACK_MAX_CHARS = 1_000_000;

export interface ScrollbackSnapshot {
  data: string;
  /** Stream offset of `data`'s first char. */
  start: number;
  /** Stream offset just past `data`'s last char (= total chars ever appended). */
  end: number;
}

export class Scrollback {
  private chunks: string[] = [];
  private size = 0;
  private total = 0;

  constructor(private readonly maxChars = SCROLLBACK_MAX_CHARS) {}

  append(data: string): void {
    if (data.length === 0) return;
    // One chunk bigger than the whole buffer: keep its tail only.
    const kept = data.length > this.maxChars ? data.slice(data.length - this.maxChars) : data;
    this.chunks.push(kept);
    this.size += kept.length;
    this.total += data.length;
    while (this.size > this.maxChars && this.chunks.length > 0) {
      const head = this.chunks[0]!;
      const excess = this.size - this.maxChars;
      if (head.length <= excess) {
        this.chunks.shift();
        this.size -= head.length;
      } else {
        this.chunks[0] = head.slice(excess);
        this.size -= excess;
      }
    }
  }

  /** Total chars ever appended. */
  get end(): number {
    return this.total;
  }

  /**
   * The retained output. When older output has been dropped, the snapshot starts after the first line
   * break, so it does not begin in the middle of a line or of an escape sequence.
   */
  snapshot(): ScrollbackSnapshot {
    let data = this.chunks.join('');
    this.chunks = data.length > 0 ? [data] : [];
    let start = this.total - data.length;
    if (start > 0) {
      const lineStart = data.indexOf('\n');
      if (lineStart >= 0) {
        data = data.slice(lineStart + 1);
        start += lineStart + 1;
      }
    }
    return { data, start, end: this.total };
  }
}
