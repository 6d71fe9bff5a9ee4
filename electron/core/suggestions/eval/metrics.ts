/**
 * Scoring a replay against its trace's expectations.
 *
 * - A surfaced suggestion is a true positive when it fulfils a positive expectation (same kind, inside
 *   [t, t + withinMs]); each expectation is fulfilled by at most one suggestion, so a second card for
 *   the same moment is a false positive.
 * - precision = true positives / surfaced; recall = fulfilled expectations / positive expectations.
 * - false-alarm rate = quiet windows (`"kind":"none"`) in which anything surfaced / quiet windows.
 * - interruptions per hour = surfaced / replayed hours.
 *
 * A ratio with nothing to count (no surfaced suggestions, no expectations) is null, not a flattering 1.
 */
import type { SuggestionKind } from '../../../../shared/contract/suggestions';
import type { Expectation } from './trace';

export interface SurfacedAt {
  id: string;
  t: number;
  kind: SuggestionKind;
}

export interface ExpectationResult {
  expectation: Expectation;
  met: boolean;
  /** The suggestions that fulfilled (positive) or broke (none) it. */
  surfacedIds: string[];
}

export interface Metrics {
  surfaced: number;
  truePositives: number;
  falsePositives: number;
  expected: number;
  fulfilled: number;
  quietWindows: number;
  quietWindowsBroken: number;
  hours: number;
  precision: number | null;
  recall: number | null;
  falseAlarmRate: number | null;
  interruptionsPerHour: number | null;
}

export function scoreReplay(surfaced: SurfacedAt[], expectations: Expectation[], durationMs: number): { results: ExpectationResult[]; metrics: Metrics } {
  const used = new Set<string>();
  const results: ExpectationResult[] = [];
  for (const e of [...expectations].sort((a, b) => a.t - b.t || a.line - b.line)) {
    if (e.kind === 'none') {
      const broken = surfaced.filter((s) => s.t >= e.t && s.t <= e.untilMs);
      results.push({ expectation: e, met: broken.length === 0, surfacedIds: broken.map((s) => s.id) });
      continue;
    }
    const match = surfaced.find((s) => !used.has(s.id) && s.kind === e.kind && s.t >= e.t && s.t <= e.t + e.withinMs);
    if (match) used.add(match.id);
    results.push({ expectation: e, met: match !== undefined, surfacedIds: match ? [match.id] : [] });
  }
  results.sort((a, b) => a.expectation.line - b.expectation.line);

  const positives = results.filter((r) => r.expectation.kind !== 'none');
  const quiet = results.filter((r) => r.expectation.kind === 'none');
  return {
    results,
    metrics: metricsFrom({
      surfaced: surfaced.length,
      truePositives: used.size,
      expected: positives.length,
      fulfilled: positives.filter((r) => r.met).length,
      quietWindows: quiet.length,
      quietWindowsBroken: quiet.filter((r) => !r.met).length,
      hours: durationMs / 3_600_000,
    }),
  };
}

/** Totals over many traces: counts are summed, then the ratios are taken (not averaged per trace). */
export function combineMetrics(all: Metrics[]): Metrics {
  const sum = (pick: (m: Metrics) => number) => all.reduce((acc, m) => acc + pick(m), 0);
  return metricsFrom({
    surfaced: sum((m) => m.surfaced),
    truePositives: sum((m) => m.truePositives),
    expected: sum((m) => m.expected),
    fulfilled: sum((m) => m.fulfilled),
    quietWindows: sum((m) => m.quietWindows),
    quietWindowsBroken: sum((m) => m.quietWindowsBroken),
    hours: sum((m) => m.hours),
  });
}

function metricsFrom(c: Omit<Metrics, 'precision' | 'recall' | 'falseAlarmRate' | 'interruptionsPerHour' | 'falsePositives'>): Metrics {
  return {
    ...c,
    falsePositives: c.surfaced - c.truePositives,
    precision: ratio(c.truePositives, c.surfaced),
    recall: ratio(c.fulfilled, c.expected),
    falseAlarmRate: ratio(c.quietWindowsBroken, c.quietWindows),
    interruptionsPerHour: c.hours > 0 ? round(c.surfaced / c.hours) : null,
  };
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : round(a / b);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
