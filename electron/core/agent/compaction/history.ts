/**
 * Where the model's view of a thread starts: after the latest `contextCompaction` item, whose kept user
 * messages and summary stand for everything before it. The log itself keeps every item for the user.
 */
import type { ContextCompactionItem } from '../../../../shared/contract';
import type { LoggedItem } from '../items';
import type { ConversationEntry } from '../model/types';
import { SUMMARY_PREFIX } from './summary-prompt';

/** The latest compaction (null if none) and the items after it. */
export function sinceLastCompaction(log: readonly LoggedItem[]): { previous: ContextCompactionItem | null; items: LoggedItem[] } {
  for (let i = log.length - 1; i >= 0; i -= 1) {
    const logged = log[i]!;
    if (logged.item.type === 'contextCompaction') return { previous: logged.item, items: log.slice(i + 1) };
  }
  return { previous: null, items: log.slice() };
}

/** The model's view of a compacted history: the kept user messages, oldest first, then the summary. */
export function compactedHistory(item: ContextCompactionItem): ConversationEntry[] {
  return [
    ...item.keptUserMessages.map((text): ConversationEntry => ({ kind: 'user', text, images: [] })),
    { kind: 'user', text: SUMMARY_PREFIX + item.summary, images: [] },
  ];
}
