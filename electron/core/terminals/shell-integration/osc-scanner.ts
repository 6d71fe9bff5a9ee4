/**
 * Finds OSC sequences (ESC ] … BEL or ESC ] … ESC \) in a terminal's output stream, including ones split
 * across chunks, and reports them with their stream offsets, along with the text between them. It only
 * observes: the stream itself is forwarded unchanged (xterm.js ignores OSC codes it does not know).
 */

/** Longer OSC payloads (inline images, clipboard blobs) are not ours: they are passed over as text. */
export const MAX_OSC_CHARS = 8192;

const ESC = '\x1b';
const BEL = '\x07';
const CAN = '\x18';
const SUB = '\x1a';

export interface OscSink {
  /** Output that is not an OSC sequence, starting at stream offset `offset`. */
  text(text: string, offset: number): void;
  /** One complete OSC: `payload` is what sits between "ESC ]" and the terminator; [start, end) in the stream. */
  osc(payload: string, start: number, end: number): void;
}

export class OscScanner {
  /** An unfinished sequence (or a lone trailing ESC) carried over to the next chunk. */
  private pending = '';
  private pendingStart = 0;
  private position = 0;

  constructor(private readonly sink: OscSink) {}

  feed(chunk: string): void {
    let s = chunk;
    let base = this.position;
    if (this.pending) {
      s = this.pending + chunk;
      base = this.pendingStart;
      this.pending = '';
    }
    this.position += chunk.length;

    let textStart = 0;
    let from = 0;
    for (;;) {
      const esc = s.indexOf(ESC, from);
      if (esc < 0) break;
      if (esc === s.length - 1) {
        // A lone ESC at the end may begin an OSC: decide when the next chunk comes.
        this.emitText(s, textStart, esc, base);
        this.hold(s, esc, base);
        return;
      }
      if (s[esc + 1] !== ']') {
        from = esc + 1;
        continue;
      }
      const found = findTerminator(s, esc + 2);
      if (found.kind === 'incomplete') {
        if (s.length - esc <= MAX_OSC_CHARS) {
          this.emitText(s, textStart, esc, base);
          this.hold(s, esc, base);
          return;
        }
        from = esc + 2; // too long to be ours: plain text
        continue;
      }
      if (found.kind === 'aborted') {
        from = found.at;
        continue;
      }
      this.emitText(s, textStart, esc, base);
      this.sink.osc(s.slice(esc + 2, found.at), base + esc, base + found.end);
      textStart = found.end;
      from = found.end;
    }
    this.emitText(s, textStart, s.length, base);
  }

  private emitText(s: string, from: number, to: number, base: number): void {
    if (to > from) this.sink.text(s.slice(from, to), base + from);
  }

  private hold(s: string, at: number, base: number): void {
    this.pending = s.slice(at);
    this.pendingStart = base + at;
  }
}

type Terminator = { kind: 'complete'; at: number; end: number } | { kind: 'aborted'; at: number } | { kind: 'incomplete' };

/** Scans an OSC payload from `i` for BEL or ST (ESC \). CAN, SUB or another ESC sequence abort it. */
function findTerminator(s: string, i: number): Terminator {
  const limit = Math.min(s.length, i + MAX_OSC_CHARS);
  for (let k = i; k < limit; k++) {
    const c = s[k];
    if (c === BEL) return { kind: 'complete', at: k, end: k + 1 };
    if (c === ESC) {
      if (k + 1 >= s.length) return { kind: 'incomplete' };
      if (s[k + 1] === '\\') return { kind: 'complete', at: k, end: k + 2 };
      return { kind: 'aborted', at: k };
    }
    if (c === CAN || c === SUB) return { kind: 'aborted', at: k + 1 };
  }
  return limit === s.length ? { kind: 'incomplete' } : { kind: 'aborted', at: limit };
}
