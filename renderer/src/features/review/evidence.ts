/**
 * Evidence first: the commands an agent ran in a turn to check its change (tests, build, lint), with
 * exit codes and a one-line summary, and the images it looked at (screenshots, rendered output), read
 * from the thread's item log. Pure.
 */
import type { CommandExecutionItem, ImageViewItem, ThreadItem } from '../../../../shared/contract';

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

/** An image the agent looked at in the turn: where it is, as a folder and a file name inside it. */
export interface EvidenceImage {
  id: string;
  /** The absolute path the agent viewed. */
  path: string;
  folder: string;
  name: string;
}

/** Images the turn's agent viewed successfully (view_image), each once, in the order it looked. */
export function turnImages(items: readonly ThreadItem[], turnId: string): EvidenceImage[] {
  const seen = new Set<string>();
  const images: EvidenceImage[] = [];
  for (const item of items) {
    if (item.turnId !== turnId || item.type !== 'imageView') continue;
    const data = item.data as Partial<ImageViewItem> | null;
    if (!data || data.status !== 'completed' || typeof data.path !== 'string' || seen.has(data.path)) continue;
    const cut = Math.max(data.path.lastIndexOf('/'), data.path.lastIndexOf('\\'));
    if (cut <= 0) continue;
    seen.add(data.path);
    images.push({ id: item.id, path: data.path, folder: data.path.slice(0, cut), name: data.path.slice(cut + 1) });
  }
  return images;
}
