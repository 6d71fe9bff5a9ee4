/**
 * A compaction in the conversation: a quiet divider ("Conversation compacted · 182k → 9k tokens") that
 * opens to the handoff summary the model now works from and the user messages it kept word for word.
 */
import type { ContextCompactionItem } from '../../../../shared/contract';
import { Icon } from '../../ui/Icon';
import { formatDuration, formatTokens } from './format';
import { Markdown } from '../../ui/markdown/Markdown';
import './compaction.css';

export function compactionLabel(item: ContextCompactionItem): string {
  return `Conversation compacted · ${formatTokens(item.tokensBefore)} → ${formatTokens(item.tokensAfter)} tokens`;
}

export function CompactionDivider({ item }: { item: ContextCompactionItem }) {
  const details = [
    item.trigger === 'manual' ? 'on request' : 'automatically, near the context window',
    `${item.replacedItems} item${item.replacedItems === 1 ? '' : 's'} summarized`,
    item.droppedItems > 0 ? `the oldest ${item.droppedItems} left out of the summary to fit` : null,
    formatDuration(item.durationMs),
  ].filter(Boolean);
  return (
    <details className="agent-compaction" aria-label={compactionLabel(item)}>
      <summary>
        <span className="agent-compaction-rule" aria-hidden="true" />
        <Icon name="chevronRight" size={12} className="agent-card-chevron" />
        <span>{compactionLabel(item)}</span>
        <span className="agent-compaction-rule" aria-hidden="true" />
      </summary>
      <div className="agent-compaction-body">
        <p className="agent-compaction-meta">Compacted {details.join(' · ')}. The model now works from this summary; everything above stays here for you.</p>
        <Markdown text={item.summary} />
        {item.keptUserMessages.length > 0 && (
          <p className="agent-compaction-meta">
            Your {item.keptUserMessages.length === 1 ? 'latest message was' : `latest ${item.keptUserMessages.length} messages were`} kept word for word.
          </p>
        )}
      </div>
    </details>
  );
}
