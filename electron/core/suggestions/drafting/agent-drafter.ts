/**
 * Drafts a fix for a failing check with the agent, out of the user's way: a thread in its own git
 * worktree (started from a snapshot of the user's working tree, so it sees exactly what failed, and
 * the user's checkout is never touched), one turn in the workspace-write sandbox with approval policy
 * "never" (nothing can stop to ask the user; a command that needs more than the sandbox simply fails),
 * paid for from the day's drafting budget and stopped when that runs out.
 *
 * The result is measured, not taken from the model's word: lines added and removed come from the
 * worktree's diff against its base, and "tests pass" from the exit code of the check the agent reran.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CommandExecutionItem, TokenUsage, Turn } from '../../../../shared/contract';
import type { AgentService } from '../../agent/agent-service';
import type { ResolvedProvider } from '../../provider/provider-service';
import { toLoggedItem } from '../../agent/items';
import type { ThreadWorktrees } from '../../agent/worktrees/thread-worktrees';
import { repoRoot as findRepoRoot } from '../../git/rev-parse';
import { runGitText } from '../../git/run-git';
import { snapshotWorkingTree } from '../../git/snapshot';
import type { Store } from '../../store';
import type { EventBus } from '../../transport/event-bus';
import type { DraftContext, DraftResult, FixSuggestion, SuggestionDrafter } from '../drafting';
import { draftInstructions } from './draft-instructions';

export interface AgentDrafterOptions {
  store: Store;
  events: EventBus;
  agent: Pick<AgentService, 'startTurn' | 'interrupt'>;
  worktrees: Pick<ThreadWorktrees, 'create'>;
}

const SUMMARY_CHARS = 600;

export class AgentDrafter implements SuggestionDrafter {
  constructor(private readonly opts: AgentDrafterOptions) {}

  async draft(suggestion: FixSuggestion, context: DraftContext): Promise<DraftResult> {
    let threadId: string | null = null;
    try {
      if (context.budget.left() <= 0) return failed(null, 'Today’s drafting budget is spent.', 0);
      const folder = suggestion.action.repo;
      if (!folder || !fs.existsSync(folder)) return failed(null, `The folder ${folder ?? '(none)'} is gone.`, 0);
      const root = await findRepoRoot(folder).catch(() => null);
      if (!root) return failed(null, `${folder} is not in a git repository, so there is no worktree to draft in.`, 0);
      if (context.signal.aborted) return failed(null, 'No longer needed.', 0);

      // The user's working tree as it failed (uncommitted and untracked files included), as a commit.
      const snapshot = await snapshotWorkingTree(root, `Tandem draft base: ${suggestion.title}`);
      const workspace = this.workspaceFor(root);
      const thread = this.opts.store.threads.create({ workspaceId: workspace?.id ?? null, title: `Draft fix: ${suggestion.title}`.slice(0, 200) });
      threadId = thread.id;
      this.opts.events.emit('threads.changed', thread);
      const worktree = await this.opts.worktrees.create({ threadId: thread.id, repoRoot: root, base: snapshot.commit });
      context.onThread(thread.id);

      // The failing command ran in `folder`; the same place inside the worktree.
      const relative = path.relative(fs.realpathSync(root), fs.realpathSync(folder));
      const cwd = relative && !relative.startsWith('..') ? path.join(worktree.path, relative) : worktree.path;
      const turn = await this.runTurn(thread.id, cwd, suggestion, context);

      const tokens = turn.final.usage.totalTokens;
      if (turn.outOfBudget) return failed(thread.id, 'Today’s drafting budget ran out before the fix was finished.', tokens);
      if (context.signal.aborted) return failed(thread.id, 'No longer needed: the failure went away or newer evidence replaced it.', tokens);
      if (turn.final.status === 'failed') return failed(thread.id, turn.final.error?.message ?? 'The agent’s turn failed.', tokens);
      if (turn.final.status !== 'completed') return failed(thread.id, 'The agent’s turn was stopped.', tokens);

      const { added, removed } = await diffCounts(worktree.path, worktree.baseCommit);
      const items = this.turnItems(thread.id, turn.final.id);
      const summary = lastMessage(items);
      if (added + removed === 0) return failed(thread.id, summary ? `The agent changed nothing: ${summary}` : 'The agent changed nothing.', tokens);
      const check = verification(items, suggestion.action.command);
      return {
        status: 'ready',
        threadId: thread.id,
        worktree: { path: worktree.path, base: worktree.baseCommit },
        summary: summary ?? '',
        verification: check?.command ?? null,
        linesAdded: added,
        linesRemoved: removed,
        testsPassed: check ? check.exitCode === 0 && !check.timedOut : null,
        tokens,
      };
    } catch (error) {
      return failed(threadId, error instanceof Error ? error.message : String(error), 0);
    }
  }

  /** Runs the one turn, charging its tokens as the model reports them and stopping it when the budget is spent. */
  private async runTurn(threadId: string, cwd: string, suggestion: FixSuggestion, context: DraftContext): Promise<{ final: Turn; outOfBudget: boolean }> {
    let charged = 0;
    let outOfBudget = false;
    const charge = (usage: TokenUsage) => {
      const delta = usage.totalTokens - charged;
      if (delta <= 0) return;
      charged = usage.totalTokens;
      context.budget.charge(delta);
      if (context.budget.left() <= 0 && !outOfBudget) {
        outOfBudget = true;
        this.opts.agent.interrupt(threadId);
      }
    };
    const unsubscribe = this.opts.events.subscribe((event, payload) => {
      if (event !== 'turn.usage') return;
      const p = payload as { threadId: string; usage: TokenUsage };
      if (p.threadId === threadId) charge(p.usage);
    });
    const stop = () => this.opts.agent.interrupt(threadId);
    context.signal.addEventListener('abort', stop);
    try {
      const { done } = this.opts.agent.startTurn({
        threadId,
        text: draftInstructions(suggestion, cwd),
        cwd,
        sandbox: 'workspace-write',
        approvalPolicy: 'never',
      });
      const final = await done;
      // A usage report the event stream did not carry (the last call of a cut-off turn) is still paid for.
      charge(final.usage);
      return { final, outOfBudget };
    } finally {
      unsubscribe();
      context.signal.removeEventListener('abort', stop);
    }
  }

  private workspaceFor(root: string) {
    const real = fs.realpathSync(root);
    return this.opts.store.workspaces
      .list()
      .filter((w) => real === w.path || real.startsWith(w.path.endsWith(path.sep) ? w.path : w.path + path.sep) || w.path.startsWith(real + path.sep))
      .sort((a, b) => Math.abs(a.path.length - real.length) - Math.abs(b.path.length - real.length))[0];
  }

  private turnItems(threadId: string, turnId: string) {
    return this.opts.store.items
      .list(threadId)
      .map(toLoggedItem)
      .filter((l) => l !== null && l.turnId === turnId)
      .map((l) => l!.item);
  }
}

function failed(threadId: string | null, reason: string, tokens: number): DraftResult {
  return { status: 'failed', threadId, reason, tokens };
}

/** Lines added and removed in the worktree (untracked files included) since its base. */
export async function diffCounts(worktree: string, base: string): Promise<{ added: number; removed: number }> {
  const after = await snapshotWorkingTree(worktree, 'Tandem draft result');
  const out = await runGitText(worktree, ['diff', '--numstat', '--no-renames', '--no-color', '--no-ext-diff', base, after.commit]);
  let added = 0;
  let removed = 0;
  for (const line of out.split('\n')) {
    const [a, r] = line.split('\t');
    // Binary files print "-": they count as changed files, not lines.
    if (a && /^\d+$/.test(a)) added += Number(a);
    if (r && /^\d+$/.test(r)) removed += Number(r);
  }
  return { added, removed };
}

type Item = ReturnType<typeof toLoggedItem> extends infer L ? (L extends { item: infer I } ? I : never) : never;

function lastMessage(items: readonly Item[]): string | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.type === 'agentMessage' && item.text.trim()) {
      const text = item.text.trim();
      return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text;
    }
  }
  return null;
}

/**
 * The check that verified the fix: the last run of the failing command (compared without extra
 * spaces), else the last command that ran at all. A command that never started verifies nothing.
 */
export function verification(items: readonly Item[], failing: string | null): CommandExecutionItem | null {
  const ran = items.filter((i): i is CommandExecutionItem => i.type === 'commandExecution' && (i.exitCode !== null || i.timedOut));
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  const wanted = failing ? squash(failing) : null;
  const same = wanted ? ran.filter((c) => squash(c.command).includes(wanted)) : [];
  return same[same.length - 1] ?? ran[ran.length - 1] ?? null;
}

/** A model the agent can call: a key for OpenAI's own endpoint, or a server address. */
export function modelConfigured(provider: Pick<ResolvedProvider, 'kind' | 'baseUrl' | 'apiKey' | 'model'>): boolean {
  if (!provider.model) return false;
  return provider.kind === 'openai' ? Boolean(provider.apiKey || provider.baseUrl) : Boolean(provider.baseUrl);
}
