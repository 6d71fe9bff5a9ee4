/**
 * PLAN.md: the plan as a Markdown checklist a person (or another tool) can read in the repository —
 * each step with its check and, once checked, how the check went. The first line marks the file as
 * Tandem's, so writing it again replaces it while a PLAN.md someone else wrote is left alone.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { RpcError, type PlanStepRecord, type ThreadPlan } from '../../../../shared/contract';

export const PLAN_FILE = 'PLAN.md';
export const PLAN_FILE_MARKER = '<!-- Written by Tandem from a thread\'s plan; saving the plan again replaces this file. -->';

const STATUS_LINE: Record<ThreadPlan['status'], string> = {
  draft: 'Not run yet.',
  running: 'Running.',
  incomplete: 'Ran; some steps are still open.',
  done: 'Done: every check passed.',
};

export function renderPlanMarkdown(plan: ThreadPlan, title: string): string {
  const done = plan.steps.filter((s) => s.state === 'done').length;
  const lines = [
    PLAN_FILE_MARKER,
    '',
    `# Plan: ${oneLine(title)}`,
    '',
    `${STATUS_LINE[plan.status]} ${done} of ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'} done. A step is done only when its check exits 0.`,
    '',
  ];
  plan.steps.forEach((step, i) => lines.push(...renderStep(step, i + 1)));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function renderStep(step: PlanStepRecord, position: number): string[] {
  const box = step.state === 'done' ? 'x' : ' ';
  const lines = [`${position}. [${box}] ${oneLine(step.title)}`, `   - Check: ${inlineCode(step.check)}`];
  const last = step.lastCheck;
  if (last) {
    const outcome = last.timedOut ? 'timed out' : last.exitCode === null ? 'did not finish' : `exit ${last.exitCode}`;
    lines.push(`   - Last check: ${step.state === 'done' ? 'passed' : 'failed'} (${outcome}, ${new Date(last.at).toISOString()})`);
  } else if (step.state === 'failed') {
    lines.push('   - Last check: failed');
  }
  lines.push('');
  return lines;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Inline code that survives backticks inside the command (CommonMark: a longer fence). */
function inlineCode(text: string): string {
  const flat = oneLine(text);
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Writes PLAN.md in `folder`. A PLAN.md that Tandem did not write is not overwritten: the user may keep
 * their own plan there.
 */
export async function writePlanFile(folder: string, markdown: string): Promise<string> {
  const file = path.join(folder, PLAN_FILE);
  let existing: string | null = null;
  try {
    existing = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new RpcError('internal', `${file} could not be read: ${(error as Error).message}`);
  }
  if (existing !== null && !existing.startsWith(PLAN_FILE_MARKER)) {
    throw new RpcError('conflict', `${file} already exists and was not written by Tandem. Rename or remove it, then save the plan again.`);
  }
  try {
    await fs.writeFile(file, markdown, 'utf8');
  } catch (error) {
    throw new RpcError('internal', `${file} could not be written: ${(error as Error).message}`);
  }
  return file;
}
