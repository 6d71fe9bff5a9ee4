/**
 * Runs a planned (sandboxed) command in a visible agent terminal: the pty's process is the sandbox
 * wrapper itself, so the user watches the command as it runs and can open its terminal afterwards.
 * Output is read from the terminal's own `terminal.data` events (complete before `terminal.exit`), kept
 * head + tail, and turned into plain text for the model. A timeout or an interrupt sends Ctrl-C, then
 * closes the terminal if the command will not stop.
 */
import type { TerminalExit, TerminalInfo } from '../../../../shared/contract';
import { toPlainText } from '../../terminals/shell-integration/plain-text';
import type { CreateTerminalInput } from '../../terminals/terminals-service';
import type { EventBus } from '../../transport/event-bus';
import { HeadTailCapture, type SandboxPlan } from '../sandbox';
import type { CommandResult } from '../tools/permissions';
import { COMMAND_OUTPUT_CAP_BYTES } from './background-runner';
import type { PlanRunner } from './plan-runner';

/** The terminals service, as far as the agent uses it. */
export interface AgentTerminalHost {
  create(input: CreateTerminalInput): Promise<TerminalInfo>;
  write(id: string, data: string): unknown;
  close(id: string): { closed: boolean };
}

/** Finished agent terminals kept open for the user to look at; older ones are closed. */
export const KEEP_FINISHED_TERMINALS = 20;
/** After Ctrl-C, how long a command gets to stop before its terminal is closed. */
const STOP_GRACE_MS = 2_000;
const COLS = 120;
const ROWS = 32;

export function terminalPlanRunner(terminals: AgentTerminalHost, events: EventBus, keep = KEEP_FINISHED_TERMINALS): PlanRunner {
  const finished: string[] = [];
  const retire = (id: string) => {
    finished.push(id);
    while (finished.length > keep) terminals.close(finished.shift()!);
  };

  return async (plan: SandboxPlan, run): Promise<CommandResult> => {
    const started = performance.now();
    if (run.signal.aborted) return { exitCode: null, output: '', timedOut: false, durationMs: 0, terminalId: null, startError: null };

    const capture = new HeadTailCapture(COMMAND_OUTPUT_CAP_BYTES);
    // Output can arrive before create() returns the terminal's id: hold everything until then.
    const early: { id: string; data: string }[] = [];
    let id: string | null = null;
    let exited: (exit: TerminalExit | null, lostReason?: string) => void = () => undefined;
    const exit = new Promise<{ exit: TerminalExit | null; lostReason?: string }>((resolve) => {
      exited = (e, lostReason) => resolve({ exit: e, lostReason });
    });
    const onData = (data: string) => {
      capture.push(Buffer.from(data));
      const text = toPlainText(data);
      if (text) run.onOutput(text);
    };
    const unsubscribe = events.subscribe((event, payload) => {
      if (event === 'terminal.data') {
        const p = payload as { id: string; data: string };
        if (id === null) early.push(p);
        else if (p.id === id) onData(p.data);
      } else if (event === 'terminal.exit') {
        const p = payload as { id: string; exit: TerminalExit };
        if (p.id === id) exited(p.exit);
      } else if (event === 'terminal.lost') {
        const p = payload as { ids: string[]; reason: string };
        if (id !== null && p.ids.includes(id)) exited(null, p.reason);
      } else if (event === 'terminal.closed') {
        const p = payload as { id: string };
        if (p.id === id) exited(null);
      }
    });

    let info: TerminalInfo;
    try {
      info = await terminals.create({
        shell: plan.file,
        args: plan.args,
        cwd: plan.cwd,
        env: changedEnv(plan.env),
        cols: COLS,
        rows: ROWS,
        owner: 'agent',
        label: run.label,
      });
    } catch (error) {
      unsubscribe();
      return { exitCode: null, output: '', timedOut: false, durationMs: 0, terminalId: null, startError: `Could not open a terminal for the command: ${(error as Error).message}` };
    }
    id = info.id;
    run.onTerminal?.(id);
    for (const p of early.splice(0)) if (p.id === id) onData(p.data);
    // It may have finished before we knew its id.
    if (info.status === 'exited') exited(info.exit);

    let timedOut = false;
    let stopping: NodeJS.Timeout | null = null;
    const stop = () => {
      if (stopping) return;
      try {
        terminals.write(info.id, '\x03');
      } catch {
        // Already gone.
      }
      stopping = setTimeout(() => terminals.close(info.id), STOP_GRACE_MS);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, run.timeoutMs);
    run.signal.addEventListener('abort', stop, { once: true });

    const outcome = await exit;
    clearTimeout(timer);
    if (stopping) clearTimeout(stopping);
    run.signal.removeEventListener('abort', stop);
    unsubscribe();
    retire(info.id);

    const output = toPlainText(capture.text()).replace(/\r\n/g, '\n');
    const durationMs = Math.round(performance.now() - started);
    if (outcome.lostReason) {
      return { exitCode: null, output, timedOut, durationMs, terminalId: info.id, startError: `The terminal process stopped while the command ran: ${outcome.lostReason}` };
    }
    const stoppedByUs = timedOut || run.signal.aborted;
    return { exitCode: stoppedByUs ? null : (outcome.exit?.code ?? null), output, timedOut, durationMs, terminalId: info.id, startError: null };
  };
}

/** The variables the plan sets or changes relative to this process (the pty host starts from the same environment). */
function changedEnv(env: Record<string, string>): Record<string, string> {
  const changed: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (process.env[key] !== value) changed[key] = value;
  return changed;
}
