import { afterEach, describe, expect, test, vi } from 'vitest';
import { BATCH_DURATION_MS, BATCH_MAX_CHARS, DataBatcher, INTERACTIVE_MAX_CHARS } from '../../../electron/core/terminals/host/data-batcher';
import { Scrollback } from '../../../electron/core/terminals/host/scrollback';

afterEach(() => {
  vi.useRealTimers();
});

describe('DataBatcher', () => {
  test('sends small output (echoes) at once, and paces a stream to one batch per frame', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const b = new DataBatcher((d) => sent.push(d), undefined, () => Date.now());
    // A keystroke's echo: out on the next turn of the event loop, together with what came with it.
    b.write('a');
    b.write('b');
    expect(sent).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(sent).toEqual(['ab']);
    // Fast typing: each echo goes out at once too.
    b.write('c');
    vi.advanceTimersToNextTimer();
    expect(sent).toEqual(['ab', 'c']);
    // A stream: after a big batch, the next waits until a frame has passed.
    const big = 'x'.repeat(INTERACTIVE_MAX_CHARS + 1);
    b.write(big);
    vi.advanceTimersToNextTimer();
    expect(sent.at(-1)).toBe(big);
    b.write('d');
    b.write('e');
    vi.advanceTimersByTime(BATCH_DURATION_MS - 1);
    expect(sent.at(-1)).toBe(big);
    vi.advanceTimersByTime(1);
    expect(sent.at(-1)).toBe('de');
    b.write('f');
    b.flush();
    expect(sent.at(-1)).toBe('f');
  });

  test('sends at once when a batch reaches the size limit', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const b = new DataBatcher((d) => sent.push(d));
    b.write('x'.repeat(BATCH_MAX_CHARS - 1));
    expect(sent).toHaveLength(0);
    b.write('yz');
    expect(sent.map((s) => s.length)).toEqual([BATCH_MAX_CHARS + 1]);
  });
});

describe('DataBatcher held by flow control', () => {
  test('sends nothing while held, says when a batch is full, sends it all on release', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    let full = 0;
    const b = new DataBatcher((d) => sent.push(d), () => full++);
    b.hold();
    b.write('x'.repeat(BATCH_MAX_CHARS - 1));
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([]);
    expect(full).toBe(0);
    b.write('yz');
    expect(full).toBe(1);
    expect(b.isFull).toBe(true);
    b.release();
    expect(sent.map((s) => s.length)).toEqual([BATCH_MAX_CHARS + 1]);
    expect(b.isFull).toBe(false);
  });
});

describe('Scrollback', () => {
  test('keeps everything while under the limit', () => {
    const s = new Scrollback(100);
    s.append('one\r\n');
    s.append('two');
    expect(s.snapshot()).toEqual({ data: 'one\r\ntwo', start: 0, end: 8 });
  });

  test('keeps the tail, starting at a line, with offsets into the whole stream', () => {
    const s = new Scrollback(20);
    for (let i = 0; i < 10; i++) s.append(`line-${i}\r\n`);
    const snap = s.snapshot();
    expect(snap.end).toBe(80);
    expect(snap.data).toBe('line-8\r\nline-9\r\n');
    expect(snap.start).toBe(64);
    s.append('x'.repeat(50));
    expect(s.snapshot()).toMatchObject({ end: 130 });
    expect(s.snapshot().data.length).toBeLessThanOrEqual(20);
  });
});
