/**
 * Signals: what the suggestion pipeline hears about the user's work. The same shapes are the lines of
 * a recorded trace (docs/suggestions.md), so a trace replays through exactly the code the app runs.
 *
 * `t` is milliseconds: from the start of the trace in a recording, the clock's now() in the app.
 * Each schema is strict: a misspelled field in a hand-written trace is an error, not a silent no-op.
 */
import { z } from 'zod';

const Time = z.number().finite().min(0, 't must be 0 or more (milliseconds from the start)');
/** A free-text comment a trace author may put on any line; ignored by the pipeline. */
const Note = z.string().optional();
const Text = z.string().max(1_000_000);

export const WindowFocusSignal = z
  .object({
    t: Time,
    type: z.literal('window.focus'),
    /** The application's name (WM_CLASS, process name, bundle name). */
    app: z.string(),
    title: z.string(),
    /** The window covers the screen (a presentation, a full-screen video or game). */
    fullscreen: z.boolean().optional(),
    note: Note,
  })
  .strict();

export const TerminalCommandSignal = z
  .object({
    t: Time,
    type: z.literal('terminal.command'),
    terminal: z.string().min(1),
    cwd: z.string().nullable(),
    /** Null when the shell could not tell (or the user kept the line out of history). */
    command: z.string().nullable(),
    /** Null when the shell reported none (interrupted before the next prompt). */
    exitCode: z.number().int().nullable(),
    durationMs: z.number().finite().min(0),
    /** The tail of the output as plain text. */
    output: Text,
    outputTruncated: z.boolean().optional(),
    /** The repository root, when the caller already knows it. */
    repo: z.string().optional(),
    note: Note,
  })
  .strict();

export const ClipboardSignal = z.object({ t: Time, type: z.literal('clipboard'), text: Text, note: Note }).strict();

export const SelectionSignal = z
  .object({ t: Time, type: z.literal('selection'), text: Text, app: z.string().optional(), note: Note })
  .strict();

export const InputActivitySignal = z
  .object({ t: Time, type: z.literal('input.activity'), state: z.enum(['typing', 'idle']), note: Note })
  .strict();

export const GitSignal = z
  .object({
    t: Time,
    type: z.literal('git'),
    event: z.enum(['commit', 'checkout', 'conflict']),
    repo: z.string().min(1),
    branch: z.string().nullable(),
    /** Conflicted files (conflict) or files in the commit. */
    files: z.array(z.string()).optional(),
    message: z.string().optional(),
    note: Note,
  })
  .strict();

export const AgentTurnFinishedSignal = z
  .object({
    t: Time,
    type: z.literal('agent.turnFinished'),
    threadId: z.string().min(1),
    turnId: z.string().optional(),
    status: z.enum(['completed', 'failed', 'interrupted']),
    /** The thread's title, for the card. */
    title: z.string().optional(),
    filesChanged: z.number().int().min(0).optional(),
    repo: z.string().optional(),
    branch: z.string().optional(),
    /** The last thing the agent said, or the error when it failed. */
    summary: z.string().optional(),
    note: Note,
  })
  .strict();

/** A long-running command the user asked Tandem to watch ("babysit this"). */
export const BabysitSignal = z
  .object({
    t: Time,
    type: z.literal('babysit'),
    event: z.enum(['started', 'output', 'exited']),
    terminal: z.string().min(1),
    command: z.string(),
    cwd: z.string().nullable().optional(),
    /** New output since the last event (output) or the tail of it (exited). */
    output: Text.optional(),
    exitCode: z.number().int().nullable().optional(),
    note: Note,
  })
  .strict();

/** The user paused or resumed everything Tandem does unasked (tray menu, Settings). */
export const PauseSignal = z.object({ t: Time, type: z.literal('pause'), paused: z.boolean(), note: Note }).strict();

export const Signal = z.discriminatedUnion('type', [
  WindowFocusSignal,
  TerminalCommandSignal,
  ClipboardSignal,
  SelectionSignal,
  InputActivitySignal,
  GitSignal,
  AgentTurnFinishedSignal,
  BabysitSignal,
  PauseSignal,
]);

export type Signal = z.infer<typeof Signal>;
export type SignalType = Signal['type'];
export type SignalOf<T extends SignalType> = Extract<Signal, { type: T }>;

export const SIGNAL_TYPES: SignalType[] = [
  'window.focus',
  'terminal.command',
  'clipboard',
  'selection',
  'input.activity',
  'git',
  'agent.turnFinished',
  'babysit',
  'pause',
];

/** A signal without its time: what live sources hand the pipeline, which stamps it with the clock. */
export type UntimedSignal = Signal extends infer S ? (S extends Signal ? Omit<S, 't'> : never) : never;
