/**
 * Runs a planned (sandboxed) command without a terminal, through the sandbox module's runner: stdin
 * closed, output capped head + tail, killed on timeout or interrupt. Used where there are no terminals
 * (`tandem exec`, tests of the core alone).
 */
import type { SandboxPlan } from '../sandbox';
import { runSandboxed } from '../sandbox';
import type { CommandResult } from '../tools/permissions';
import type { PlanRunner } from './plan-runner';

/** Output kept for the model and the item: 8 KB from the start and 8 KB from the end. */
export const COMMAND_OUTPUT_CAP_BYTES = 16 * 1024;

export const runInBackground: PlanRunner = async (plan: SandboxPlan, run): Promise<CommandResult> => {
  try {
    const result = await runSandboxed(plan, {
      timeoutMs: run.timeoutMs,
      outputCapBytes: COMMAND_OUTPUT_CAP_BYTES,
      onOutput: run.onOutput,
      signal: run.signal,
    });
    return {
      exitCode: result.timedOut || result.aborted ? null : result.exitCode,
      output: result.output,
      timedOut: result.timedOut,
      durationMs: result.durationMs,
      terminalId: null,
      startError: null,
    };
  } catch (error) {
    return { exitCode: null, output: '', timedOut: false, durationMs: 0, terminalId: null, startError: (error as Error).message };
  }
};
