/**
 * Recorded traces: one JSON object per line, `t` in milliseconds from the start. Signal lines are the
 * pipeline's own signal shapes (signals.ts); two more line types make a trace a test:
 *
 *   {"t":1200,"type":"expect","kind":"test-failure","withinMs":10000}  a suggestion of that kind should
 *                                                                       surface in [t, t + withinMs]
 *   {"t":1200,"type":"expect","kind":"none","untilMs":60000}           nothing should surface in
 *                                                                       [t, untilMs] (untilMs is absolute)
 *   {"t":9000,"type":"feedback","kind":"test-failure","verdict":"dismissed"}
 *                                  the user answers the latest surfaced suggestion of that kind
 */
import { z } from 'zod';
import { isSuggestionKind, SUGGESTION_KIND_IDS, type SuggestionKind } from '../../../../shared/contract/suggestions';
import { Signal, SIGNAL_TYPES } from '../signals';

const Time = z.number().finite().min(0, 't must be 0 or more (milliseconds from the start)');
const Kind = z.string().refine(isSuggestionKind, { message: `kind must be one of ${SUGGESTION_KIND_IDS.join(', ')}` });

const ExpectLine = z
  .object({
    t: Time,
    type: z.literal('expect'),
    kind: z.string(),
    withinMs: z.number().finite().positive().optional(),
    untilMs: z.number().finite().optional(),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((line, ctx) => {
    if (line.kind === 'none') {
      if (line.untilMs === undefined) ctx.addIssue({ code: 'custom', message: 'an expectation of "none" needs untilMs (the end of the quiet window, from the start of the trace)' });
      else if (line.untilMs <= line.t) ctx.addIssue({ code: 'custom', message: `untilMs (${line.untilMs}) must be after t (${line.t})` });
      if (line.withinMs !== undefined) ctx.addIssue({ code: 'custom', message: 'an expectation of "none" takes untilMs, not withinMs' });
    } else {
      if (!isSuggestionKind(line.kind)) ctx.addIssue({ code: 'custom', message: `kind must be "none" or one of ${SUGGESTION_KIND_IDS.join(', ')}` });
      if (line.withinMs === undefined) ctx.addIssue({ code: 'custom', message: `an expectation of "${line.kind}" needs withinMs` });
      if (line.untilMs !== undefined) ctx.addIssue({ code: 'custom', message: `an expectation of "${line.kind}" takes withinMs, not untilMs` });
    }
  });

const FeedbackLine = z
  .object({
    t: Time,
    type: z.literal('feedback'),
    kind: Kind,
    verdict: z.enum(['accepted', 'dismissed', 'not_useful', 'snoozed']),
    reason: z.string().optional(),
    /** For snoozes: how long, in minutes (default 30). */
    minutes: z.number().positive().optional(),
    note: z.string().optional(),
  })
  .strict();

export type Expectation =
  | { line: number; t: number; kind: SuggestionKind; withinMs: number; note?: string }
  | { line: number; t: number; kind: 'none'; untilMs: number; note?: string };

export type TraceFeedback = z.infer<typeof FeedbackLine> & { line: number; kind: SuggestionKind };

export type TraceEvent = { line: number; signal: Signal } | { line: number; feedback: TraceFeedback };

export interface Trace {
  name: string;
  /** Signals and feedback in time order. */
  events: TraceEvent[];
  expectations: Expectation[];
  /** Until the last line or the end of the last expectation window, whichever is later. */
  durationMs: number;
}

export class TraceError extends Error {
  constructor(
    readonly trace: string,
    readonly line: number,
    message: string,
  ) {
    super(`${trace}:${line}: ${message}`);
    this.name = 'TraceError';
  }
}

export function parseTrace(text: string, name: string): Trace {
  const events: TraceEvent[] = [];
  const expectations: Expectation[] = [];
  let lastT = 0;
  let end = 0;
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new TraceError(name, line, `not valid JSON (${(err as Error).message})`);
    }
    const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    if (type !== 'expect' && type !== 'feedback' && !(SIGNAL_TYPES as unknown[]).includes(type)) {
      throw new TraceError(name, line, `unknown type ${JSON.stringify(type)} (expected one of ${SIGNAL_TYPES.join(', ')}, expect, feedback)`);
    }
    const schema = type === 'expect' ? ExpectLine : type === 'feedback' ? FeedbackLine : Signal;
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new TraceError(name, line, describe(parsed.error));
    const t = parsed.data.t;
    if (t < lastT) throw new TraceError(name, line, `t goes back in time (${t} after ${lastT}); lines must be in time order`);
    lastT = t;
    end = Math.max(end, t);

    if (type === 'expect') {
      const e = parsed.data as z.infer<typeof ExpectLine>;
      const note = e.note === undefined ? {} : { note: e.note };
      if (e.kind === 'none') {
        expectations.push({ line, t: e.t, kind: 'none', untilMs: e.untilMs!, ...note });
        end = Math.max(end, e.untilMs!);
      } else {
        expectations.push({ line, t: e.t, kind: e.kind as SuggestionKind, withinMs: e.withinMs!, ...note });
        end = Math.max(end, e.t + e.withinMs!);
      }
    } else if (type === 'feedback') {
      events.push({ line, feedback: { ...(parsed.data as z.infer<typeof FeedbackLine>), line, kind: (parsed.data as { kind: SuggestionKind }).kind } });
    } else {
      events.push({ line, signal: parsed.data as Signal });
    }
  });
  if (events.length === 0) throw new TraceError(name, 1, 'the trace has no signals');
  return { name, events, expectations, durationMs: end };
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid line';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
