import { describe, expect, test } from 'vitest';
import { OscScanner, MAX_OSC_CHARS } from '../../../electron/core/terminals/shell-integration/osc-scanner';

interface Token {
  kind: 'text' | 'osc';
  value: string;
  start: number;
  end?: number;
}

function scan(chunks: string[]): Token[] {
  const tokens: Token[] = [];
  const scanner = new OscScanner({
    text: (value, start) => {
      const last = tokens.at(-1);
      // Adjacent text pieces are one run of text for the consumer.
      if (last?.kind === 'text' && last.start + last.value.length === start) last.value += value;
      else tokens.push({ kind: 'text', value, start });
    },
    osc: (value, start, end) => tokens.push({ kind: 'osc', value, start, end }),
  });
  for (const c of chunks) scanner.feed(c);
  return tokens;
}

const STREAM = 'hello\x1b]133;A\x07prompt$ \x1b]7;file://h/tmp\x1b\\\x1b[31mred\x1b[0m\x1b]633;E;ls\\x3b pwd;n\x07out\n';
const EXPECTED: Token[] = [
  { kind: 'text', value: 'hello', start: 0 },
  { kind: 'osc', value: '133;A', start: 5, end: 13 },
  { kind: 'text', value: 'prompt$ ', start: 13 },
  { kind: 'osc', value: '7;file://h/tmp', start: 21, end: 39 },
  { kind: 'text', value: '\x1b[31mred\x1b[0m', start: 39 },
  { kind: 'osc', value: '633;E;ls\\x3b pwd;n', start: 51, end: 72 },
  { kind: 'text', value: 'out\n', start: 72 },
];

describe('OscScanner', () => {
  test('finds OSC sequences (BEL or ST) with their offsets and passes the rest as text', () => {
    expect(scan([STREAM])).toEqual(EXPECTED);
  });

  test('gives the same result however the stream is split, even inside a sequence or its terminator', () => {
    for (let i = 1; i < STREAM.length; i++) {
      expect(scan([STREAM.slice(0, i), STREAM.slice(i)]), `split at ${i}`).toEqual(EXPECTED);
    }
    expect(scan([...STREAM])).toEqual(EXPECTED);
  });

  test('an OSC interrupted by another escape or CAN is dropped, not glued to later text', () => {
    const tokens = scan(['a\x1b]133;A\x1b[0mb\x1b]7;x\x18c\x1b]133;B\x07']);
    expect(tokens.filter((t) => t.kind === 'osc').map((t) => t.value)).toEqual(['133;B']);
  });

  test('a payload longer than the limit is not held in memory as a pending sequence', () => {
    const big = '\x1b]1337;File=' + 'A'.repeat(MAX_OSC_CHARS + 10);
    const tokens = scan([big, 'tail\x07', '\x1b]133;C\x07']);
    expect(tokens.filter((t) => t.kind === 'osc').map((t) => t.value)).toEqual(['133;C']);
  });
});
