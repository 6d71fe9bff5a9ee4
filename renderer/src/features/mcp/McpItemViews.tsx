/**
 * MCP items in the conversation: a tool call as a calm, collapsible card (server · tool, status,
 * duration; the arguments and the result inside), and a server that failed to start as a quiet callout
 * saying why.
 */
import type { McpServerFailureItem, McpToolCallItem } from '../../../../shared/contract';
import { Icon } from '../../ui/Icon';
import { formatDuration } from '../agent/format';
import { CopyButton } from '../../ui/markdown/Markdown';
import './mcp.css';

const STATUS: Record<McpToolCallItem['status'], { label: string; tone: string }> = {
  inProgress: { label: 'running', tone: 'is-running' },
  completed: { label: 'done', tone: 'is-ok' },
  failed: { label: 'failed', tone: 'is-failed' },
  declined: { label: 'declined', tone: 'is-declined' },
  interrupted: { label: 'stopped', tone: 'is-declined' },
};

/** The arguments, pretty-printed when they are JSON (they always are, unless a server echoed junk). */
function prettyArguments(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && Object.keys(value).length === 0) return '';
    return JSON.stringify(value, null, 2);
  } catch {
    return text;
  }
}

export function McpToolCallCard({ item, awaitingApproval }: { item: McpToolCallItem; awaitingApproval: boolean }) {
  const status = STATUS[item.status];
  const args = prettyArguments(item.arguments);
  const result = item.result;
  const images = result?.images.length ?? 0;
  return (
    <details className={`agent-card agent-mcp ${status.tone}`} open={item.status === 'failed' && !result} aria-label={`MCP tool call: ${item.server} ${item.tool}`}>
      <summary className="agent-card-summary">
        <Icon name="chevronRight" size={13} className="agent-card-chevron" />
        <Icon name="cube" size={14} className="agent-card-icon" />
        <span className="agent-card-title">
          <span className="faint">{item.server}</span> · <code className="agent-command-line">{item.tool}</code>
        </span>
        <span className="agent-card-meta">
          {result?.isError && <span className="exit-bad">tool error</span>}
          {awaitingApproval ? (
            <span className="agent-waiting">awaiting approval</span>
          ) : item.status === 'inProgress' ? (
            <span className="spinner spinner-sm" aria-hidden="true" />
          ) : (
            item.status !== 'completed' && <span>{status.label}</span>
          )}
          {item.durationMs !== null && <span>{formatDuration(item.durationMs)}</span>}
        </span>
      </summary>
      <div className="agent-card-body">
        {item.reason && <p className="agent-card-reason">{item.reason}</p>}
        {args && (
          <>
            <div className="agent-card-toolbar">
              <span className="mcp-section-label">Arguments</span>
            </div>
            <pre className="agent-output">{args}</pre>
          </>
        )}
        {result && (
          <>
            <div className="agent-card-toolbar">
              <span className="mcp-section-label">
                Result{images > 0 && ` · ${images} image${images === 1 ? '' : 's'}`}
              </span>
              {result.text && <CopyButton text={result.text} label="Copy result" />}
            </div>
            {result.text ? <pre className="agent-output">{result.text}</pre> : <p className="agent-card-empty">No text.</p>}
          </>
        )}
      </div>
    </details>
  );
}

export function McpServerFailureNote({ item }: { item: McpServerFailureItem }) {
  const [first, ...rest] = item.message.split('\n');
  return (
    <div className="callout callout-warning mcp-failure" role="note" aria-label={`MCP server ${item.server} failed`}>
      <Icon name="alert" size={15} />
      <div className="callout-body">
        <span>{first}</span>
        {rest.length > 0 && <pre className="agent-output mcp-failure-output">{rest.join('\n')}</pre>}
        <span className="faint">The turn goes on without its tools. Settings → MCP servers shows its status.</span>
      </div>
    </div>
  );
}
