/**
 * The two tools of plan-first runs. `propose_plan` (planning turns) stores the model's checklist as the
 * thread's draft plan. `complete_step` (runs) is how the model says a step is done: Tandem then runs the
 * step's check — the stored one, never a command the model sends — through the same approval, sandbox
 * and terminal path as `shell`, and the step is done only if the check exits 0.
 */
import { z } from 'zod';
import { PLAN_LIMITS, type PlanCheckRun, type PlanItem, type ThreadPlan } from '../../../../shared/contract';
import { newItemId } from '../items';
import { defineTool, type AgentTool } from '../tools/registry';
import { runCommandForModel } from '../tools/shell';
import { outputTail } from './plan-model';

/** A check may run a whole test suite: longer than a shell call's default. */
export const CHECK_TIMEOUT_MS = 10 * 60 * 1000;

/** The thread's plan as the tools of one turn see it; the plan service stores and announces each change. */
export interface PlanDesk {
  current(): ThreadPlan | null;
  propose(steps: { title: string; check: string }[]): void;
  markChecking(stepId: string): void;
  /** `run` null: the check did not run to its end (declined, interrupted). */
  recordCheck(stepId: string, run: PlanCheckRun | null): void;
}

export function proposePlanTool(desk: PlanDesk): AgentTool {
  return defineTool({
    name: 'propose_plan',
    description:
      'Propose the plan for the user to review: the steps in order, each with a check — one bash command line that exits 0 only ' +
      'when that step is done. Call it once, after looking at the repository; calling it again replaces the plan.',
    args: z.object({
      steps: z
        .array(
          z.object({
            title: z.string().trim().min(1).max(PLAN_LIMITS.title).describe('What this step does, in a few words.'),
            check: z.string().trim().min(1).max(PLAN_LIMITS.check).describe('A bash command line, run from the working directory, that exits 0 only when the step is done.'),
          }),
        )
        .min(1)
        .max(PLAN_LIMITS.steps)
        .describe('The steps, in order.'),
      note: z.string().trim().max(2_000).optional().describe('Optional: one or two sentences for the user about the plan.'),
    }),
    async run(args, ctx) {
      desk.propose(args.steps);
      const item: PlanItem = {
        type: 'plan',
        id: newItemId(),
        call: ctx.call,
        step: ctx.step,
        explanation: args.note?.trim() || null,
        steps: args.steps.map((s) => ({ step: s.title, status: 'pending' })),
      };
      ctx.items.record(item);
      return item;
    },
  }) as AgentTool;
}

export function completeStepTool(desk: PlanDesk): AgentTool {
  return defineTool({
    name: 'complete_step',
    description:
      "Say that a step of the user's plan is done. Tandem runs that step's check and marks the step done only if the check exits 0; " +
      'you get the check\'s exit code and output either way.',
    args: z.object({
      step: z.number().int().min(1).max(PLAN_LIMITS.steps).describe('The step number, as listed in the plan (1 is the first step).'),
    }),
    async run(args, ctx) {
      const plan = desk.current();
      const step = plan?.steps[args.step - 1];
      if (!plan || !step) {
        const count = plan?.steps.length ?? 0;
        const message = count ? `There is no step ${args.step}: the plan has ${count} step${count === 1 ? '' : 's'}.` : 'This thread has no plan any more.';
        const item = { type: 'error' as const, id: newItemId(), kind: 'invalidToolCall' as const, message, httpStatus: null, call: ctx.call, step: ctx.step };
        ctx.items.record(item);
        return item;
      }
      desk.markChecking(step.id);
      let item;
      try {
        item = await runCommandForModel(ctx, {
          command: step.check,
          timeoutMs: CHECK_TIMEOUT_MS,
          escalate: false,
          justification: null,
          planCheck: { stepId: step.id, position: args.step, title: step.title },
        });
      } catch (error) {
        desk.recordCheck(step.id, null);
        throw error;
      }
      const ran = item.status === 'completed' || (item.status === 'failed' && (item.exitCode !== null || item.timedOut));
      desk.recordCheck(
        step.id,
        ran ? { exitCode: item.exitCode, timedOut: item.timedOut, outputTail: outputTail(item.output), itemId: item.id, at: Date.now() } : null,
      );
      return item;
    },
  }) as AgentTool;
}
