/**
 * Evidence first: the commands an agent ran in a turn to check its change (tests, build, lint), with
 * exit codes and a one-line summary, read from the thread's item log. Pure.
 */
import type { CommandExecutionItem, ThreadItem } from '../../../../shared/contract';

export interface EvidenceEntry {
  id: string;
  command: string;
  exitCode: number | null;
  /** passed (exit 0), failed (non-zero, timed out), or did not run (declined, failed to start, still running). */
  outcome: 'passed' | 'failed' | 'not_run';
  /** The last non-empty line of its output (a test runner's summary, usually). */
  summary: string;
}

export function turnEvidence(items: readonly ThreadItem[], turnId: string): EvidenceEntry[] {
  const entries: EvidenceEntry[] = [];
  for (const item of items) {
    if (item.turnId !== turnId || item.type !== 'commandExecution') continue;
    const data = item.data as Partial<CommandExecutionItem> | null;
    if (!data || typeof data.command !== 'string') continue;
    const exitCode = typeof data.exitCode === 'number' ? data.exitCode : null;
    const outcome = data.timedOut ? 'failed' : exitCode === null ? 'not_run' : exitCode === 0 ? 'passed' : 'failed';
    const lines = (data.output ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
    const summary = data.timedOut ? 'timed out' : outcome === 'not_run' ? (data.reason ?? 'did not run') : (lines[lines.length - 1] ?? '');
    entries.push({ id: item.id, command: data.command, exitCode, outcome, summary: summary.slice(0, 200) });
  }
  return entries;
}
