import { describe, expect, test } from 'vitest';
import { CommandTracker, MAX_OUTPUT_TAIL_CHARS, parseFileUri, unescapeValue, type CommandRecord } from '../../../electron/core/terminals/shell-integration/command-tracker';
import { OscScanner } from '../../../electron/core/terminals/shell-integration/osc-scanner';

function setup(nonce = 'N') {
  const records: CommandRecord[] = [];
  const cwds: string[] = [];
  const states: string[] = [];
  let now = 1000;
  const tracker = new CommandTracker('t1', nonce, { command: (r) => records.push(r), cwd: (c) => cwds.push(c), active: () => states.push('active'), unavailable: (r) => states.push(`off:${r}`) }, '/start', () => now++);
  const scanner = new OscScanner({ text: (t) => tracker.text(t), osc: (p, s, e) => tracker.osc(p, s, e) });
  return { records, cwds, states, tracker, feed: (s: string) => scanner.feed(s) };
}

const A = '\x1b]133;A\x07';
const B = '\x1b]133;B\x07';
const C = '\x1b]133;C\x07';
const D = (code: number) => `\x1b]133;D;${code}\x07`;
const E = (line: string, nonce = 'N') => `\x1b]633;E;${line};${nonce}\x07`;

describe('CommandTracker', () => {
  test('turns C … D into a record with text, cwd, exit code, output and its range', () => {
    const { records, cwds, states, feed } = setup();
    feed(`\x1b]7;file://host/home/me%20too\x07${A}$ ${B}ls -la\r\n${E('ls -la')}${C}file1\r\nfile2\r\n${D(2)}`);
    expect(states).toEqual(['active']);
    expect(cwds).toEqual(['/home/me too']);
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r).toMatchObject({ terminalId: 't1', command: 'ls -la', cwd: '/home/me too', exitCode: 2, output: 'file1\nfile2', outputTruncated: false });
    expect(r.endedAt).toBeGreaterThan(r.startedAt);
    const stream = `\x1b]7;file://host/home/me%20too\x07${A}$ ${B}ls -la\r\n${E('ls -la')}${C}file1\r\nfile2\r\n${D(2)}`;
    expect(stream.slice(r.outputRange.start, r.outputRange.end)).toBe('file1\r\nfile2\r\n');
  });

  test('ignores D without C (an empty line) and a command line without the right nonce', () => {
    const { records, feed } = setup();
    feed(`${A}${B}${D(0)}${A}${B}${E('rm -rf /', 'WRONG')}${C}x${D(0)}`);
    expect(records).toHaveLength(1);
    expect(records[0]!.command).toBeNull();
  });

  test('a new prompt without D ends the running command with an unknown exit code', () => {
    const { records, feed } = setup();
    feed(`${A}${B}${E('sleep 9')}${C}^C${A}`);
    expect(records).toMatchObject([{ command: 'sleep 9', exitCode: null, output: '^C' }]);
  });

  test('the shell exiting ends the running command with the shell’s code', () => {
    const { records, feed, tracker } = setup();
    feed(`${A}${B}${E('exit 3')}${C}exit\r\n`);
    tracker.end(3, 100);
    expect(records).toMatchObject([{ command: 'exit 3', exitCode: 3, output: 'exit' }]);
  });

  test('keeps only the tail of long output, starting at a whole line', () => {
    const { records, feed } = setup();
    feed(`${A}${B}${C}`);
    for (let i = 0; i < 20_000; i++) feed(`line ${i}\r\n`);
    feed(D(0));
    const r = records[0]!;
    expect(r.outputTruncated).toBe(true);
    expect(r.output.length).toBeLessThanOrEqual(MAX_OUTPUT_TAIL_CHARS);
    expect(r.output.split('\n')[0]).toMatch(/^line \d+$/);
    expect(r.output.endsWith('line 19999')).toBe(true);
  });

  test('reports an integration script that cannot work', () => {
    const { states, feed } = setup();
    feed('\x1b]633;P;Integration=off:bash 3.2 is too old\x07');
    expect(states).toEqual(['off:bash 3.2 is too old']);
  });

  test('unescapes OSC 633 values and parses file URIs', () => {
    expect(unescapeValue('a\\x3bb\\\\c\\x0ad')).toBe('a;b\\c\nd');
    expect(parseFileUri('file://host/a%20b/%C3%A9')).toBe('/a b/é');
    expect(parseFileUri('file:///C:/Users/me')).toBe('C:/Users/me');
    expect(parseFileUri('http://x/y')).toBeNull();
    expect(parseFileUri('file://host/%E0%A4%A')).toBeNull();
  });
});
