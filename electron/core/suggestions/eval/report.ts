/** The harness's report: what surfaced when, which expectations held, and the metrics, as text or JSON. */
import { combineMetrics, type Metrics } from './metrics';
import type { ReplayResult } from './replay';

export interface EvalReport {
  traces: ReplayResult[];
  totals: Metrics;
}

export function buildReport(traces: ReplayResult[]): EvalReport {
  return { traces, totals: combineMetrics(traces.map((t) => t.metrics)) };
}

export function formatReport(report: EvalReport): string {
  const out: string[] = [];
  for (const trace of report.traces) {
    out.push(`${trace.trace}  (${clock(trace.durationMs)}, ${trace.surfaced.length} surfaced, ${trace.inboxOnly} inbox only)`);
    for (const s of trace.surfaced) {
      out.push(`  ${clock(s.t)}  surfaced  ${s.kind.padEnd(17)} ${s.title}`);
      const why = s.explanation[1];
      if (why) out.push(`           ${why}`);
    }
    for (const r of trace.expectations) {
      const e = r.expectation;
      const mark = r.met ? '✓' : '✗';
      const text =
        e.kind === 'none'
          ? `nothing from ${clock(e.t)} to ${clock(e.untilMs)}${r.met ? '' : ` — but ${r.surfacedIds.length} surfaced`}`
          : `${e.kind} from ${clock(e.t)} within ${clock(e.withinMs)}${r.met ? '' : ' — nothing of that kind surfaced'}`;
      out.push(`  ${mark} expect ${text}${e.note ? `  (${e.note})` : ''}`);
    }
    out.push('');
  }
  const m = report.totals;
  out.push(`Totals over ${report.traces.length} trace${report.traces.length === 1 ? '' : 's'} (${m.hours.toFixed(2)} h replayed):`);
  out.push(`  precision              ${fmt(m.precision)}  (${m.truePositives} of ${m.surfaced} surfaced were expected)`);
  out.push(`  recall                 ${fmt(m.recall)}  (${m.fulfilled} of ${m.expected} expected suggestions surfaced)`);
  out.push(`  false-alarm rate       ${fmt(m.falseAlarmRate)}  (${m.quietWindowsBroken} of ${m.quietWindows} quiet windows were interrupted)`);
  out.push(`  interruptions per hour ${m.interruptionsPerHour === null ? 'n/a' : m.interruptionsPerHour.toFixed(1)}`);
  return `${out.join('\n')}\n`;
}

function fmt(n: number | null): string {
  return n === null ? ' n/a' : n.toFixed(2);
}

/** mm:ss.s from the start of the trace (h:mm:ss past an hour). */
function clock(ms: number): string {
  const totalSeconds = ms / 1000;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const ss = s.toFixed(1).padStart(4, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${String(m).padStart(2, '0')}:${ss}`;
}
