/**
 * What accepting a suggestion opens. Explain and fix start a conversation: a thread in the folder of
 * the suggestion's repo (when it is one of Tandem's folders) whose first message is the evidence.
 * A branch review opens the review panel; a file location opens the code view; a rerun types the
 * command again in its terminal.
 *
 * Written against a small host interface, so the main window and the overlay window can each say
 * what "open" means for them, and the logic is testable without React.
 */
import type { Suggestion, SuggestionAction, Workspace } from '../../../../shared/contract';
import type { TandemClient } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { reviewableDraft } from './describe';

export interface AcceptHost {
  client: Pick<TandemClient, 'invoke'>;
  workspaces: readonly Workspace[];
  /** A model is set up, so a turn can run. */
  modelReady: boolean;
  openThread(id: string): void;
  /** Shows the review panel for that folder (null: the current folder). */
  openReview(workspaceId: string | null): void;
  /** Shows a drafted fix: its thread, and the review panel on its worktree against its base (evidence first). */
  openDraft(threadId: string, worktree: { path: string; base: string }): void;
  /** Opens the code view at the place; null when this window has no code view. */
  openCode: ((path: string, line: number, column: number | null, baseDir: string | null) => Promise<boolean>) | null;
}

export interface AcceptOutcome {
  tone: 'info' | 'error';
  /** One sentence for the user. */
  text: string;
  threadId?: string;
}

function normalise(p: string): string {
  return p.length > 1 ? p.replace(/[\\/]+$/, '') : p;
}

function contains(folder: string, p: string): boolean {
  const f = normalise(folder);
  const q = normalise(p);
  return q === f || q.startsWith(f.endsWith('/') ? f : `${f}/`);
}

/** The deepest of Tandem's folders that holds `paths[0]` (else the next path), or null. */
export function workspaceFor(workspaces: readonly Workspace[], ...paths: (string | null | undefined)[]): Workspace | null {
  for (const p of paths) {
    if (!p) continue;
    const matches = workspaces.filter((w) => contains(w.path, p)).sort((a, b) => b.path.length - a.path.length);
    if (matches[0]) return matches[0];
  }
  return null;
}

/** The folders the action points at, most specific first. */
function actionPaths(action: SuggestionAction): (string | null)[] {
  switch (action.type) {
    case 'explain':
      return [action.cwd];
    case 'fix-in-worktree':
      return [action.repo];
    case 'review-branch':
      return [action.repo];
    case 'rerun':
      return [action.cwd];
    case 'open-file-at-line':
      return [action.cwd];
  }
}

function location(l: { file: string; line: number; column?: number }): string {
  return `${l.file}:${l.line}${l.column ? `:${l.column}` : ''}`;
}

/** The first message of the thread: what to do, then the evidence exactly as Tandem saw it. */
export function evidenceMessage(s: Suggestion): string {
  const a = s.action;
  const lines: string[] = [];
  if (a.type === 'fix-in-worktree') {
    lines.push(`${s.title}. Find the cause and fix it${a.command ? `, then run \`${a.command}\` to check the fix` : ''}.`);
  } else {
    lines.push(`${s.title}. Explain what went wrong and how to fix it.`);
  }
  lines.push('', 'What Tandem saw:', s.why);
  if (a.type === 'fix-in-worktree' && a.locations.length > 0) {
    lines.push('', 'Where:');
    for (const l of a.locations) lines.push(`- ${location(l)}${l.name ? ` — ${l.name}` : ''}`);
  }
  if (a.type === 'fix-in-worktree' && a.outputTail) lines.push('', 'End of the output:', '```', a.outputTail, '```');
  if (a.type === 'explain' && a.subject && a.subject !== s.why) lines.push('', a.subject);
  return lines.join('\n').slice(0, 200_000);
}

export async function acceptSuggestion(host: AcceptHost, s: Suggestion): Promise<AcceptOutcome> {
  const a = s.action;
  const workspace = workspaceFor(host.workspaces, ...actionPaths(a), s.repo);
  // A fix drafted in the background is opened as it is: its thread, and its changes for review.
  const draft = reviewableDraft(s);
  if (draft) {
    host.openDraft(draft.threadId, draft.worktree);
    return { tone: 'info', threadId: draft.threadId, text: `Opened the drafted fix (+${draft.linesAdded} −${draft.linesRemoved}) for review.` };
  }
  if (s.draft?.status === 'drafting' && s.draft.threadId) {
    host.openThread(s.draft.threadId);
    return { tone: 'info', threadId: s.draft.threadId, text: 'Opened the thread that is drafting the fix.' };
  }
  try {
    switch (a.type) {
      case 'explain':
      case 'fix-in-worktree': {
        const thread = await host.client.invoke('threads.create', { workspaceId: workspace?.id ?? null, title: s.title.slice(0, 200) });
        host.openThread(thread.id);
        if (!host.modelReady) {
          return { tone: 'info', threadId: thread.id, text: `Opened “${thread.title}”. Set up a model in Settings and Tandem will work on it.` };
        }
        const cwd = a.type === 'explain' ? a.cwd : a.repo;
        await host.client.invoke('turn.start', { threadId: thread.id, text: evidenceMessage(s), ...(cwd && !workspace ? { cwd } : {}) });
        return { tone: 'info', threadId: thread.id, text: `Opened “${thread.title}”; Tandem is on it.` };
      }
      case 'review-branch':
        if (a.threadId) {
          host.openThread(a.threadId);
          host.openReview(workspace?.id ?? null);
          return { tone: 'info', text: 'Opened the thread and its changes for review.' };
        }
        host.openReview(workspace?.id ?? null);
        return { tone: 'info', text: workspace ? `Opened the review of ${a.branch ?? 'the branch'} in ${workspace.name}.` : 'Opened the review panel.' };
      case 'open-file-at-line': {
        if (!host.openCode) return { tone: 'info', text: `The place is ${location(a)}.` };
        const opened = await host.openCode(a.file, a.line, a.column ?? null, a.cwd);
        return opened ? { tone: 'info', text: `Opened ${location(a)}.` } : { tone: 'error', text: `Couldn’t find ${a.file}.` };
      }
      case 'rerun':
        await host.client.invoke('terminal.write', { id: a.terminalId, data: `${a.command}\r` });
        return { tone: 'info', text: `Running \`${a.command}\` again in its terminal.` };
    }
  } catch (err) {
    return { tone: 'error', text: describeError(err) };
  }
}
