/**
 * Replays a trace through the real triggers, policy and pipeline on a simulated clock, with an
 * in-memory feedback ledger, and scores what surfaced against the trace's expectations.
 */
import type { SuggestionKind } from '../../../../shared/contract/suggestions';
import { SimulatedClock } from '../clock';
import { InMemoryFeedbackLedger } from '../learning';
import { SuggestionPipeline, type PipelineEvent } from '../pipeline';
import { Policy, type PolicyOptions } from '../policy';
import { scoreReplay, type ExpectationResult, type Metrics } from './metrics';
import { TraceError, type Trace } from './trace';

export interface SurfacedSuggestion {
  id: string;
  t: number;
  kind: SuggestionKind;
  title: string;
  why: string;
  confidence: number;
  /** "Why am I seeing this?", as the user would read it. */
  explanation: string[];
}

export interface ReplayResult {
  trace: string;
  durationMs: number;
  surfaced: SurfacedSuggestion[];
  /** Suggestions that reached the inbox without interrupting. */
  inboxOnly: number;
  expectations: ExpectationResult[];
  metrics: Metrics;
}

export function replayTrace(trace: Trace, policyOptions: Partial<PolicyOptions> = {}): ReplayResult {
  const clock = new SimulatedClock(0);
  const ledger = new InMemoryFeedbackLedger();
  const surfaced: SurfacedSuggestion[] = [];
  let candidates = 0;
  const pipeline = new SuggestionPipeline({
    clock,
    policy: new Policy(ledger, policyOptions),
    onEvent: (event: PipelineEvent) => {
      if (event.type === 'candidate') candidates++;
      if (event.type !== 'surfaced') return;
      const s = event.suggestion;
      surfaced.push({ id: s.id, t: clock.now(), kind: s.kind, title: s.title, why: s.why, confidence: s.confidence, explanation: pipeline.explain(s.id)?.lines ?? [] });
    },
  });
  try {
    for (const event of trace.events) {
      if ('signal' in event) {
        clock.advanceTo(event.signal.t);
        pipeline.push(event.signal);
        continue;
      }
      const { feedback } = event;
      clock.advanceTo(feedback.t);
      const target = [...surfaced].reverse().find((s) => s.kind === feedback.kind);
      if (!target) throw new TraceError(trace.name, event.line, `feedback on "${feedback.kind}", but no suggestion of that kind has surfaced by t=${feedback.t}`);
      pipeline.answer(target.id, feedback.verdict, { reason: feedback.reason ?? null, snoozeMs: (feedback.minutes ?? 30) * 60_000 });
    }
    clock.advanceTo(Math.max(clock.now(), trace.durationMs));
  } finally {
    pipeline.dispose();
  }
  const { results, metrics } = scoreReplay(surfaced, trace.expectations, trace.durationMs);
  return { trace: trace.name, durationMs: trace.durationMs, surfaced, inboxOnly: candidates - surfaced.length, expectations: results, metrics };
}
