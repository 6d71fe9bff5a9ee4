import { describe, expect, it } from 'vitest';
import { combineMetrics, scoreReplay } from '../../../electron/core/suggestions/eval/metrics';
import { replayTrace } from '../../../electron/core/suggestions/eval/replay';
import { parseTrace, TraceError } from '../../../electron/core/suggestions/eval/trace';
import { toolOutput } from './tool-output';

const lines = (...objects: object[]) => objects.map((o) => JSON.stringify(o)).join('\n');

describe('trace files', () => {
  it('reads signals, feedback and expectations; the duration covers the last window', () => {
    const trace = parseTrace(
      lines(
        { t: 0, type: 'window.focus', app: 'code', title: 'main.py - proj - Visual Studio Code' },
        { t: 1200, type: 'terminal.command', terminal: '1', cwd: '/home/u/proj', command: 'pytest -q', exitCode: 1, durationMs: 2300, output: '…' },
        { t: 1200, type: 'expect', kind: 'test-failure', withinMs: 10000 },
        { t: 1300, type: 'expect', kind: 'none', untilMs: 60000 },
      ),
      'sample.jsonl',
    );
    expect(trace.events).toHaveLength(2);
    expect(trace.expectations).toEqual([
      { line: 3, t: 1200, kind: 'test-failure', withinMs: 10000 },
      { line: 4, t: 1300, kind: 'none', untilMs: 60000 },
    ]);
    expect(trace.durationMs).toBe(60000);
  });

  it('says which line is wrong and why', () => {
    const bad: [string, string][] = [
      ['{"t":0,"type":"window.focus","app":"code"}', 'sample.jsonl:1: title: Invalid input: expected string, received undefined'],
      ['{"t":0,"type":"typing"}', 'sample.jsonl:1: unknown type "typing" (expected one of window.focus, terminal.command, clipboard, selection, input.activity, git, agent.turnFinished, babysit, pause, expect, feedback)'],
      ['{"t":0,"type":"input.activity","state":"typing","extra":1}', 'sample.jsonl:1: Unrecognized key: "extra"'],
      ['{"t":0,"type":"expect","kind":"none"}', 'sample.jsonl:1: an expectation of "none" needs untilMs (the end of the quiet window, from the start of the trace)'],
      ['{"t":0,"type":"expect","kind":"flaky","withinMs":5}', 'sample.jsonl:1: kind must be "none" or one of test-failure'],
      ['{"t":5,"type":"pause","paused":true}\n{"t":4,"type":"pause","paused":false}', 'sample.jsonl:2: t goes back in time (4 after 5); lines must be in time order'],
      ['{"t":0,"type":"pause"', 'sample.jsonl:1: not valid JSON'],
      ['\n\n', 'sample.jsonl:1: the trace has no signals'],
    ];
    for (const [text, message] of bad) {
      expect(() => parseTrace(text, 'sample.jsonl'), text).toThrow(TraceError);
      expect(() => parseTrace(text, 'sample.jsonl'), text).toThrow(message);
    }
  });
});

describe('replay and metrics', () => {
  it('replays a trace on a simulated clock and scores it', () => {
    const trace = parseTrace(
      lines(
        { t: 0, type: 'window.focus', app: 'gnome-terminal', title: 'ada@box: ~/proj' },
        { t: 5000, type: 'terminal.command', terminal: '1', cwd: '/p', command: 'pytest -q', exitCode: 1, durationMs: 2900, output: toolOutput('pytest/failures-q.txt') },
        { t: 5000, type: 'expect', kind: 'test-failure', withinMs: 5000 },
        { t: 6000, type: 'feedback', kind: 'test-failure', verdict: 'dismissed' },
        { t: 7000, type: 'clipboard', text: 'https://example.com' },
        { t: 10000, type: 'expect', kind: 'none', untilMs: 70000 },
        { t: 20000, type: 'expect', kind: 'crash', withinMs: 5000 },
      ),
      'two.jsonl',
    );
    const result = replayTrace(trace);
    expect(result.surfaced.map((s) => [s.t, s.kind])).toEqual([[5000, 'test-failure']]);
    expect(result.surfaced[0]!.explanation[1]).toBe('It was a natural break: `pytest -q` had just finished.');
    expect(result.expectations.map((r) => r.met)).toEqual([true, true, false]);
    expect(result.metrics).toMatchObject({ surfaced: 1, truePositives: 1, falsePositives: 0, expected: 2, fulfilled: 1, quietWindows: 1, quietWindowsBroken: 0, precision: 1, recall: 0.5, falseAlarmRate: 0 });
    expect(result.metrics.interruptionsPerHour).toBeCloseTo(1 / (70000 / 3_600_000), 0);
  });

  it('rejects feedback on a kind that never surfaced', () => {
    const trace = parseTrace(lines({ t: 0, type: 'pause', paused: false }, { t: 10, type: 'feedback', kind: 'crash', verdict: 'accepted' }), 'fb.jsonl');
    expect(() => replayTrace(trace)).toThrow('fb.jsonl:2: feedback on "crash", but no suggestion of that kind has surfaced by t=10');
  });

  it('counts a second card for one expectation as a false positive, and ratios with nothing to count as null', () => {
    const expectations = [{ line: 1, t: 0, kind: 'test-failure' as const, withinMs: 10_000 }];
    const { metrics } = scoreReplay(
      [
        { id: 'a', t: 1000, kind: 'test-failure' },
        { id: 'b', t: 2000, kind: 'test-failure' },
      ],
      expectations,
      3_600_000,
    );
    expect(metrics).toMatchObject({ truePositives: 1, falsePositives: 1, precision: 0.5, recall: 1, falseAlarmRate: null, interruptionsPerHour: 2 });
    expect(scoreReplay([], [], 0).metrics).toMatchObject({ precision: null, recall: null, falseAlarmRate: null, interruptionsPerHour: null });
  });

  it('adds counts before taking ratios when combining traces', () => {
    const a = scoreReplay([{ id: 'a', t: 1, kind: 'crash' }], [{ line: 1, t: 0, kind: 'crash', withinMs: 5 }], 1_800_000).metrics;
    const b = scoreReplay(
      [
        { id: 'b', t: 1, kind: 'crash' },
        { id: 'c', t: 2, kind: 'crash' },
        { id: 'd', t: 3, kind: 'crash' },
      ],
      [{ line: 1, t: 0, kind: 'none', untilMs: 10 }],
      1_800_000,
    ).metrics;
    expect(combineMetrics([a, b])).toMatchObject({ surfaced: 4, truePositives: 1, precision: 0.25, recall: 1, falseAlarmRate: 1, interruptionsPerHour: 4 });
  });
});
