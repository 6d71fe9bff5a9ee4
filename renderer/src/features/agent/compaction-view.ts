/** Pure helpers for showing compaction: the divider's label, and whether "Compact conversation" can run. */
import type { ContextCompactionItem } from '../../../../shared/contract';
import type { ThreadStream } from './agent-stream';
import { formatTokens } from './format';

export function compactionLabel(item: ContextCompactionItem): string {
  return `Conversation compacted · ${formatTokens(item.tokensBefore)} → ${formatTokens(item.tokensAfter)} tokens`;
}

/** No turn runs, and something was added since the last compaction (the core refuses otherwise). */
export function canCompact(stream: ThreadStream): boolean {
  if (stream.activeTurnId !== null) return false;
  const last = stream.order.at(-1);
  return last !== undefined && stream.entries[last]?.item.type !== 'contextCompaction';
}
