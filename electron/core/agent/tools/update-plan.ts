/**
 * `update_plan`: the model's checklist, shown live. Each call records a plan item holding the whole
 * list as it now stands (the UI shows the latest one); nothing else happens, so the model reads back only
 * an acknowledgement.
 */
import { z } from 'zod';
import type { PlanItem, PlanStepStatus } from '../../../../shared/contract';
import { newItemId } from '../items';
import { defineTool } from './registry';

const STATUS: Record<'pending' | 'in_progress' | 'completed', PlanStepStatus> = {
  pending: 'pending',
  in_progress: 'inProgress',
  completed: 'completed',
};

export const PLAN_UPDATED = 'Plan updated.';

export const updatePlanTool = defineTool({
  name: 'update_plan',
  description:
    'Share or update your plan for the task as a short checklist the user sees live. Send the whole list each time, ' +
    'steps of a few words each that can each be verified, with exactly one step in_progress while you work.',
  args: z.object({
    explanation: z.string().max(2_000).optional().describe('Optional: one or two sentences on why the plan changed.'),
    plan: z
      .array(
        z.object({
          step: z.string().trim().min(1).max(500).describe('What to do, in a few words.'),
          status: z.enum(['pending', 'in_progress', 'completed']),
        }),
      )
      .min(1)
      .max(50)
      .describe('The steps, in order.'),
  }),
  async run(args, ctx) {
    const item: PlanItem = {
      type: 'plan',
      id: newItemId(),
      call: ctx.call,
      step: ctx.step,
      explanation: args.explanation?.trim() || null,
      steps: args.plan.map((s) => ({ step: s.step, status: STATUS[s.status] })),
    };
    ctx.items.record(item);
    return item;
  },
});
