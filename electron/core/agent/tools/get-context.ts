/**
 * `get_context`: the model asks for a fresh snapshot of what the user is doing — the window in front,
 * the selection, the clipboard, the terminal commands that just ran, the repo's state. It goes through
 * the context engine exactly as the quick-ask window does: exclusions, redaction and the global pause
 * apply (a paused Tandem collects nothing for the agent). Screenshots are never taken for the agent:
 * only the user asks for one.
 *
 * The item keeps the chips as sent and the exact text the model reads back, so the user can expand it
 * and see what went out; every later request that carries this result lists the chips in the ledger
 * (`contextSnapshotParts`).
 */
import { z } from 'zod';
import type { ContextProviderId, ContextSnapshot, ContextSnapshotChip, ContextSnapshotItem } from '../../../../shared/contract';
import { contextForModel, sendableChips } from '../../context/prompt';
import type { LedgerContextPart } from '../../store/repositories/ledger';
import type { LoggedItem } from '../items';
import { newItemId } from '../items';
import { defineTool, type AgentTool } from './registry';

/** What the tool needs from the context domain (ContextService in the app). */
export interface AgentContextSource {
  snapshot(req: { trigger: 'agent'; workspacePath?: string | null; only?: readonly ContextProviderId[]; budgetMs?: number }): Promise<ContextSnapshot>;
}

/**
 * Each provider's time for the agent. Quick ask's 50 ms keeps a window responsive; the agent is waiting
 * on a model call of seconds anyway, and a git status cut at 50 ms on a busy machine would simply be
 * context lost.
 */
export const AGENT_CONTEXT_BUDGET_MS = 1000;

/** The providers the agent may ask for: all but the screenshot, which only the user can ask for. */
export const AGENT_CONTEXT_PROVIDERS = ['activeWindow', 'selection', 'clipboard', 'terminal', 'git'] as const satisfies readonly ContextProviderId[];

export const CONTEXT_PAUSED = 'Context is paused by the user: Tandem collects nothing while paused. Work without it, or ask the user.';
const NOTHING = 'Nothing to report: no context is available right now (nothing selected or copied, no recent terminal commands, no repository in focus).';

export function createGetContextTool(source: AgentContextSource): AgentTool {
  const tool = defineTool({
    name: 'get_context',
    description:
      "Get a fresh snapshot of what the user is doing right now: the window in front (app, title, page or file), the selected text, the clipboard, the last terminal commands with exit codes and output, and the git state of the repository in focus. Secrets come back as [redacted:…] placeholders; apps the user excluded are held back. Call it when the user refers to something on their screen you cannot see.",
    args: z.object({
      providers: z
        .array(z.enum(AGENT_CONTEXT_PROVIDERS))
        .min(1)
        .max(AGENT_CONTEXT_PROVIDERS.length)
        .optional()
        .describe('Only these sources; all of them when omitted.'),
    }),
    async run(args, ctx) {
      const only = args.providers ? [...new Set(args.providers)] : null;
      const item: ContextSnapshotItem = {
        type: 'contextSnapshot',
        id: newItemId(),
        call: ctx.call,
        step: ctx.step,
        status: 'inProgress',
        providers: only,
        chips: [],
        paused: false,
        excluded: [],
        output: '',
        reason: null,
      };
      ctx.items.start(item);
      try {
        const snap = await source.snapshot({ trigger: 'agent', workspacePath: ctx.cwd, budgetMs: AGENT_CONTEXT_BUDGET_MS, ...(only ? { only } : {}) });
        Object.assign(item, describeSnapshot(snap, only));
        item.status = 'completed';
      } catch (error) {
        item.status = 'failed';
        item.reason = error instanceof Error ? error.message : String(error);
        item.output = `Could not collect the context: ${item.reason}`;
      }
      ctx.items.complete(item);
      return item;
    },
  });
  return tool as AgentTool;
}

/** What the model reads back, and the chips that went into it. */
export function describeSnapshot(snap: ContextSnapshot, only: readonly string[] | null): Pick<ContextSnapshotItem, 'chips' | 'paused' | 'excluded' | 'output'> {
  if (snap.paused) return { chips: [], paused: true, excluded: [], output: CONTEXT_PAUSED };
  const sent = sendableChips(snap.chips).filter((c) => !c.image);
  const chips: ContextSnapshotChip[] = sent.map((c) => ({
    kind: c.kind,
    label: c.label,
    text: c.text,
    truncated: c.truncated,
    source: c.source,
    ...(c.redactions ? { redactions: c.redactions } : {}),
  }));
  // Failures and what the machine cannot give help the model not to ask again; what was held back
  // for privacy stays with the user (naming the excluded app would itself say something).
  const missing = [
    ...snap.chips.filter((c) => c.error).map((c) => `${c.label}: ${c.error}`),
    ...snap.unavailable.filter((u) => !only || only.some((id) => u.toLowerCase().includes(PROVIDER_WORDS[id] ?? id))),
  ];
  const block = contextForModel(sent);
  const notes = missing.length ? `\n\nNot available:\n${missing.map((m) => `- ${m}`).join('\n')}` : '';
  return { chips, paused: false, excluded: snap.excluded, output: (block || NOTHING) + notes };
}

/** How `unavailable` sentences name each provider (wayland.ts), to keep only the ones asked for. */
const PROVIDER_WORDS: Record<string, string> = { activeWindow: 'window', selection: 'selection', clipboard: 'clipboard', terminal: 'terminal', git: 'git' };

/**
 * The ledger parts of every get_context result in the conversation: each request that carries them
 * lists each chip with its exact text.
 */
export function contextSnapshotParts(log: readonly LoggedItem[]): LedgerContextPart[] {
  const parts: LedgerContextPart[] = [];
  for (const { item } of log) {
    if (item.type !== 'contextSnapshot') continue;
    for (const chip of item.chips) {
      parts.push({ kind: chip.kind, label: chip.label, chars: chip.text.length, text: chip.text, ...(chip.redactions ? { redactions: chip.redactions } : {}) });
    }
  }
  return parts;
}
