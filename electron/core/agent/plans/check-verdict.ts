/**
 * What the model reads after a plan step's check, below the command's own result: whether the step is
 * now done, and if not, that it stays open. Built from the stored item, so a rebuilt conversation says
 * exactly what the model was told.
 */
import type { CommandExecutionItem } from '../../../../shared/contract';

export function planCheckVerdict(item: CommandExecutionItem): string {
  const check = item.planCheck;
  if (!check) return '';
  const step = `Step ${check.position} ("${check.title}")`;
  if (item.status === 'completed' && item.exitCode === 0 && !item.timedOut) return `The check passed: ${step} is done.`;
  if (item.status === 'declined' || item.status === 'interrupted' || (item.exitCode === null && !item.timedOut)) {
    return `The check did not run, so ${step} stays open.`;
  }
  return `The check failed, so ${step} stays open. Fix the cause, then call complete_step again; do not change the check to make it pass.`;
}
