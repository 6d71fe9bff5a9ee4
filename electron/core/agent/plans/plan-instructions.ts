/**
 * The words of plan-first runs: what the model is told in a planning turn and in a run, the message that
 * hands it the plan, and the reminders it gets when it tries to stop early.
 */
import type { PlanStepRecord, ThreadPlan } from '../../../../shared/contract';

export const PLANNING_INSTRUCTIONS = `# This turn: propose a plan, do not do the work

The user asked for a plan first. This turn is read-only: look at the repository as much as you need (read files, list them, run read-only commands such as \`git log\` or a test listing), then call \`propose_plan\` once with the plan, and end with one or two sentences (what the plan does, anything the user should decide). Do not change any file, and do not start the work: the user edits the plan, then runs it.

A good plan:
- 2 to 10 steps, in the order they should be done, each a few words saying what changes ("Add a failing test for the empty-name case").
- Every step has a \`check\`: one bash command line, run from the working directory, that exits 0 only when that step is done — a focused test (\`npm test -- greet\`, \`pytest tests/test_greet.py -k empty\`), a type check, a build, or a \`grep -q\` / \`test -f\` for a step with nothing to run. Prefer the project's own test commands. A check must not change files, must not need the network, and must finish within a few minutes.
- A check must really prove its step: "true", "echo done" or a test that already passes today do not count.`;

export const RUN_INSTRUCTIONS = `# This turn: work through the user's plan

The user approved a plan (in their message); each step has a check, a command that exits 0 when the step is done. Work through the open steps in order. When you believe a step is done, call \`complete_step\` with its number: Tandem runs the step's check itself and marks the step done only if the check exits 0. If the check fails, you get its output: fix the cause and call \`complete_step\` again. Never edit a check, a test or the code under test just to make a check pass without doing the step. Do not use \`update_plan\` in this turn: the plan is the checklist. Finish only when every step is done, or when you are truly blocked — then say which step and why.`;

/** The user's message that starts a run: the plan as a numbered checklist with its checks. */
export function runMessage(plan: ThreadPlan): string {
  const open = plan.steps.filter((s) => s.state !== 'done').length;
  const lines = [
    open === plan.steps.length
      ? `Run the plan (${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'}).`
      : `Run the plan: ${open} of ${plan.steps.length} steps are still open.`,
    '',
    ...plan.steps.map((s, i) => stepLine(s, i + 1)),
  ];
  return lines.join('\n');
}

function stepLine(step: PlanStepRecord, position: number): string {
  const state = step.state === 'done' ? ' (done: its check passed)' : step.state === 'failed' ? ' (its last check failed)' : '';
  return `${position}. [${step.state === 'done' ? 'x' : ' '}] ${step.title}${state}\n   check: ${step.check}`;
}

/** Said to the model when it ends a run with steps open. */
export function openStepsReminder(plan: ThreadPlan): string {
  const open = plan.steps.map((s, i) => ({ s, n: i + 1 })).filter(({ s }) => s.state !== 'done');
  const list = open.map(({ s, n }) => `${n}. ${s.title}${s.state === 'failed' ? ' — its last check failed' : ' — not checked yet'}`).join('\n');
  return (
    `Tandem: the plan is not done. ${open.length === 1 ? 'This step is' : 'These steps are'} still open:\n${list}\n\n` +
    'Continue with them and call complete_step for each, so Tandem runs its check. If you cannot finish a step, say which and why.'
  );
}

/** Said to the model when a planning turn ends without a plan. */
export const NO_PLAN_REMINDER = 'Tandem: you have not proposed a plan yet. Call propose_plan with the steps and their checks, then end the turn.';
