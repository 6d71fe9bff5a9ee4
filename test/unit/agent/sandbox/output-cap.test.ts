import { describe, expect, it } from 'vitest';
import { HeadTailCapture } from '../../../../electron/core/agent/sandbox';

const capture = (cap: number, ...chunks: string[]) => {
  const c = new HeadTailCapture(cap);
  for (const chunk of chunks) c.push(Buffer.from(chunk));
  return c;
};

describe('HeadTailCapture', () => {
  it('keeps everything under the cap', () => {
    expect(capture(100, 'hello ', 'world').text()).toBe('hello world');
    expect(capture(10, '0123456789').text()).toBe('0123456789');
  });

  it('keeps half from the start and half from the end, and counts the middle', () => {
    const c = capture(10, 'abcdefghij', 'klmnopqrst', 'uvwxyz');
    expect(c.total).toBe(26);
    expect(c.text()).toBe('abcde\n[… 16 bytes elided …]\nvwxyz');
  });

  it('formats large counts with thousands separators', () => {
    const c = capture(4, 'x'.repeat(12_349));
    expect(c.text()).toBe('xx\n[… 12,345 bytes elided …]\nxx');
  });

  it('works with one-byte chunks', () => {
    const c = new HeadTailCapture(4);
    for (const ch of 'abcdefgh') c.push(Buffer.from(ch));
    expect(c.text()).toBe('ab\n[… 4 bytes elided …]\ngh');
  });

  it('never cuts a UTF-8 character in half (the cut bytes count as elided)', () => {
    // "é" is 2 bytes, "€" 3. With a cap of 8 the head keeps 4 bytes (3 × "a" and half an "é") and the
    // tail 4 bytes (the last byte of a "€" and a whole "€"): both halves are dropped.
    const c = capture(8, 'aaaé', '-'.repeat(10), '€€');
    const text = c.text();
    expect(text).not.toContain('\uFFFD');
    expect(text).toBe('aaa\n[… 15 bytes elided …]\n€');
    expect(c.total).toBe(5 + 10 + 6);
  });

  it('refuses a nonsense cap', () => {
    expect(() => new HeadTailCapture(1)).toThrow(/at least 2 bytes/);
    expect(() => new HeadTailCapture(1.5)).toThrow();
  });
});
