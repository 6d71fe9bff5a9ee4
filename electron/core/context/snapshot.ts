/**
 * One snapshot: every provider runs at once, each on its own time budget (50 ms by default), and
 * each can fail or time out alone — its chip then says why, and the others are not held up. Chips
 * are redacted and cut to size here, the single door every piece of context passes through, and
 * handed out one by one as they are ready so the UI can paint them progressively.
 */
import { randomUUID } from 'node:crypto';
import {
  CONTEXT_PROVIDER_IDS,
  type ActiveWindowInfo,
  type ContextChip,
  type ContextProviderId,
  type ContextSnapshot,
} from '../../../shared/contract';
import { addCounts, redactSecrets } from './privacy/redact';
import type { ChipDraft, ContextProvider, ProviderContext } from './providers/types';

export interface SnapshotRequest {
  providers: readonly ContextProvider[];
  budgetMs: number;
  /**
   * Reads the window in front (not Tandem's own). Null when this machine cannot say (Wayland, no
   * display, no xprop): exclusions by app then cannot apply, and nothing is held back for that.
   */
  readActiveWindow: ((signal: AbortSignal) => Promise<ActiveWindowInfo | null>) | null;
  /** Why a window must not be looked into, or null. */
  exclusionFor(window: ActiveWindowInfo): string | null;
  workspaceHint?: string | null;
  includeScreenshot?: boolean;
  snapshotId?: string;
  /** Called as each chip is ready (before the whole snapshot is). */
  onChip?: (chip: ContextChip) => void;
  unavailable?: string[];
  paused?: boolean;
}

const PROVIDER_LABELS: Record<ContextProviderId, string> = {
  activeWindow: 'Window',
  selection: 'Selection',
  clipboard: 'Clipboard',
  terminal: 'Terminal',
  git: 'Git',
  screenshot: 'Screenshot',
};

/** Kinds whose text is often the same (copying selects, too): a repeat is dropped. */
const DEDUPED_KINDS = new Set<ContextProviderId>(['selection', 'clipboard']);

class BudgetExceeded extends Error {}

export async function takeSnapshot(req: SnapshotRequest): Promise<ContextSnapshot> {
  const started = performance.now();
  const id = req.snapshotId ?? randomUUID();
  const chips: ContextChip[] = [];
  const excluded = new Map<ContextProviderId, string[]>();
  const redactionCounts: Record<string, number> = {};
  const seenTexts = new Set<string>();

  // The window in front is read once and shared: the window chip shows it, and the selection,
  // clipboard and screenshot providers need it to honour the exclusions.
  const windowAbort = new AbortController();
  let windowRead: Promise<ActiveWindowInfo | null> | null = null;
  const activeWindow = () => (windowRead ??= req.readActiveWindow ? req.readActiveWindow(windowAbort.signal) : Promise.resolve(null));
  let exclusionRead: Promise<string | null> | null = null;
  const exclusion = () =>
    (exclusionRead ??= activeWindow().then(
      (w) => (w ? req.exclusionFor(w) : null),
      // Not knowing which app is in front is not the same as knowing it is safe.
      () => 'Tandem could not tell which app is in front',
    ));

  const accept = (draft: ChipDraft, kind: ContextProviderId) => {
    const chip = finishChip(draft, kind, redactionCounts);
    if (DEDUPED_KINDS.has(kind)) {
      if (seenTexts.has(chip.text)) return;
      seenTexts.add(chip.text);
    }
    chips.push(chip);
    req.onChip?.(chip);
  };

  const fail = (kind: ContextProviderId, message: string) => {
    const chip: ContextChip = { id: `${kind}:error`, kind, label: PROVIDER_LABELS[kind], text: '', truncated: false, source: kind, error: message };
    chips.push(chip);
    req.onChip?.(chip);
  };

  await Promise.all(
    req.providers.map(async (provider) => {
      const budget = provider.budgetMs ?? req.budgetMs;
      const abort = new AbortController();
      const ctx: ProviderContext = {
        signal: abort.signal,
        activeWindow,
        exclusion,
        workspaceHint: req.workspaceHint ?? null,
        includeScreenshot: req.includeScreenshot ?? false,
      };
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new BudgetExceeded()), budget);
      });
      try {
        const result = await Promise.race([provider.collect(ctx), deadline]);
        for (const draft of result.chips) accept(draft, provider.id);
        if (result.excluded?.length) excluded.set(provider.id, result.excluded);
      } catch (err) {
        if (err instanceof BudgetExceeded) fail(provider.id, `No answer within ${budget} ms`);
        else fail(provider.id, err instanceof Error ? err.message : String(err));
      } finally {
        clearTimeout(timer);
        abort.abort(); // stops whatever the provider still had running
      }
    }),
  );
  windowAbort.abort();

  const order = (kind: ContextProviderId) => CONTEXT_PROVIDER_IDS.indexOf(kind);
  chips.sort((a, b) => order(a.kind) - order(b.kind));
  return {
    id,
    takenAt: Date.now(),
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    chips,
    redactions: Object.entries(redactionCounts)
      .map(([kind, count]) => ({ kind, count }))
      .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    excluded: [...new Set(CONTEXT_PROVIDER_IDS.flatMap((kind) => excluded.get(kind) ?? []))],
    unavailable: req.unavailable ?? [],
    paused: req.paused ?? false,
  };
}

/** Longest label on a chip; providers give whole labels, cut here after redaction. */
export const MAX_LABEL_CHARS = 72;

/** Redacts the label, header and text, then cuts each to size (a cut before redaction could expose half a secret). */
function finishChip(draft: ChipDraft, kind: ContextProviderId, counts: Record<string, number>): ContextChip {
  const label = cutLabel(redactSecrets(draft.label).text);
  const header = draft.header === undefined ? null : redactSecrets(draft.header);
  // Redact before cutting: a cut could split a secret so that no rule recognises the half that stays.
  const body = redactSecrets(draft.text);
  let text = body.text;
  let truncated = draft.truncated ?? false;
  if (text.length > draft.maxChars) {
    const at = placeholderSafeCut(text, draft.keep === 'end' ? text.length - draft.maxChars : draft.maxChars, draft.keep ?? 'start');
    text = draft.keep === 'end' ? `[… ${at} earlier characters cut]\n${text.slice(at)}` : `${text.slice(0, at)}\n[… ${text.length - at} more characters cut]`;
    truncated = true;
  }
  if (header) text = text ? `${header.text}\n${text}` : header.text;
  // The label shows part of the text, so its secrets are the text's: redacted above, not counted twice.
  const total = body.total + (header?.total ?? 0);
  addCounts(counts, body.counts);
  if (header) addCounts(counts, header.counts);

  const chip: ContextChip = { id: draft.id, kind, label, text, truncated, source: draft.source };
  if (total > 0) chip.redactions = total;
  if (draft.image) chip.image = draft.image;
  return chip;
}

function cutLabel(label: string): string {
  const flat = label.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_LABEL_CHARS ? `${flat.slice(0, MAX_LABEL_CHARS - 1)}…` : flat;
}

/** Moves a cut that falls inside a `[redacted:…]` placeholder to keep the placeholder whole. */
function placeholderSafeCut(text: string, at: number, keep: 'start' | 'end'): number {
  const open = text.lastIndexOf('[redacted:', at);
  if (open < 0 || open === at) return at;
  const close = text.indexOf(']', open);
  if (close < 0 || close < at) return at;
  return keep === 'start' ? close + 1 : open;
}
