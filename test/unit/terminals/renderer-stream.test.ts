import { describe, expect, test } from 'vitest';
import { AckCounter } from '../../../renderer/src/features/terminals/ack-counter';
import { StreamStitcher } from '../../../renderer/src/features/terminals/stream-stitcher';

function setup() {
  const writes: Array<{ data: string; live: boolean; end: number }> = [];
  let gaps = 0;
  const s = new StreamStitcher({ write: (data, live, end) => writes.push({ data, live, end }), gap: () => gaps++ });
  return { s, writes, gaps: () => gaps, text: () => writes.map((w) => w.data).join('') };
}

describe('StreamStitcher', () => {
  test('holds live events until the snapshot, then writes each char exactly once', () => {
    const { s, writes, text } = setup();
    // The stream is "abcdefghij"; events for "cdef" and "ghij" come before the snapshot of "abcdef".
    s.push({ data: 'cdef', offset: 2 });
    s.push({ data: 'ghij', offset: 6 });
    expect(writes).toEqual([]);
    s.restore({ data: 'abcdef', start: 0, end: 6 });
    expect(text()).toBe('abcdefghij');
    expect(writes.map((w) => w.live)).toEqual([false, true]);
    s.push({ data: 'klm', offset: 10 });
    s.push({ data: 'klm', offset: 10 }); // a repeat is dropped
    expect(text()).toBe('abcdefghijklm');
    expect(s.position).toBe(13);
  });

  test('uses a saved view when it lines up with the snapshot, and the rest of the snapshot after it', () => {
    const { s, writes } = setup();
    s.restore({ data: 'lmnopqrst', start: 11, end: 20 }, { data: '<screen as of 15>', end: 15 });
    expect(writes).toEqual([
      { data: '<screen as of 15>', live: false, end: 15 },
      { data: 'pqrst', live: false, end: 20 },
    ]);
  });

  test('ignores a saved view older than what the core kept', () => {
    const { s, writes } = setup();
    s.restore({ data: 'lmnop', start: 11, end: 16 }, { data: 'old', end: 5 });
    expect(writes).toEqual([{ data: 'lmnop', live: false, end: 16 }]);
  });

  test('reports a gap (missed events) instead of writing a hole', () => {
    const { s, gaps, text } = setup();
    s.restore({ data: 'abc', start: 0, end: 3 });
    s.push({ data: 'xyz', offset: 10 });
    expect(gaps()).toBe(1);
    expect(text()).toBe('abc');
  });
});

describe('AckCounter', () => {
  test('acknowledges in steps, not per write', () => {
    const sent: number[] = [];
    const ack = new AckCounter((n) => sent.push(n), 5_000);
    for (let i = 0; i < 9; i++) ack.rendered(1_000);
    expect(sent).toEqual([5_000]);
    ack.rendered(20_000);
    expect(sent).toEqual([5_000, 24_000]);
  });
});
