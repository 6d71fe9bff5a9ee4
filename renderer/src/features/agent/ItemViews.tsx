/**
 * One agent item in the conversation, by type: messages as Markdown, reasoning collapsed, commands and
 * patches as collapsible cards, the plan as a live checklist, errors in plain words with what to do.
 */
import { useState, type ReactNode } from 'react';
import type {
  AgentErrorKind,
  AgentItem,
  CommandExecutionItem,
  ContextSnapshotItem,
  ErrorItem,
  FileChangeEntry,
  FileChangeItem,
  ImageViewItem,
  PlanItem,
  ReasoningItem,
  ToolItemStatus,
} from '../../../../shared/contract';
import { Icon, type IconName } from '../../ui/Icon';
import { diffLines, formatDuration, relativePath } from './format';
import { CopyButton, Markdown } from '../../ui/markdown/Markdown';
import { CompactionDivider } from './CompactionDivider';
import { SettingsChangeNote } from './SettingsChangeNote';
import { McpServerFailureNote, McpToolCallCard } from '../mcp/McpItemViews';

export interface ItemContext {
  /** The item is still streaming. */
  live: boolean;
  /** Opens the settings (for errors a setting can fix). */
  openModelSettings(): void;
  /** Shows a terminal in the bottom panel; absent when the window has no terminals. */
  showTerminal?: (terminalId: string) => void;
  /** When the user's message was sent (stored items only). */
  createdAt: number | null;
  /** An approval card below waits on this item. */
  awaitingApproval: boolean;
  /** A later plan replaced this one (only the latest plan is shown in full). */
  superseded: boolean;
  /** The turn's working folder: `path:line` references in messages resolve against it. */
  baseDir?: string;
}

const DIFF_LINES_SHOWN = 400;

function time(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

const TOOL_STATUS: Record<ToolItemStatus, { label: string; tone: string }> = {
  inProgress: { label: 'Running', tone: 'is-running' },
  completed: { label: 'Done', tone: 'is-ok' },
  failed: { label: 'Failed', tone: 'is-failed' },
  declined: { label: 'Declined', tone: 'is-declined' },
  interrupted: { label: 'Stopped', tone: 'is-declined' },
};

function Card({ icon, title, meta, tone, children, defaultOpen = false, label }: { icon: IconName; title: ReactNode; meta?: ReactNode; tone: string; children?: ReactNode; defaultOpen?: boolean; label: string }) {
  return (
    <details className={`agent-card ${tone}`} open={defaultOpen} aria-label={label}>
      <summary className="agent-card-summary">
        <Icon name="chevronRight" size={13} className="agent-card-chevron" />
        <Icon name={icon} size={14} className="agent-card-icon" />
        <span className="agent-card-title">{title}</span>
        {meta && <span className="agent-card-meta">{meta}</span>}
      </summary>
      {children && <div className="agent-card-body">{children}</div>}
    </details>
  );
}

function CommandCard({ item, ctx }: { item: CommandExecutionItem; ctx: ItemContext }) {
  const status = TOOL_STATUS[item.status];
  const exit =
    item.exitCode !== null ? (
      <span className={item.exitCode === 0 ? 'exit-ok' : 'exit-bad'}>exit {item.exitCode}</span>
    ) : item.timedOut ? (
      <span className="exit-bad">timed out</span>
    ) : ctx.awaitingApproval ? (
      <span className="agent-waiting">awaiting approval</span>
    ) : item.status === 'inProgress' ? (
      <span className="spinner spinner-sm" aria-hidden="true" />
    ) : (
      <span>{status.label.toLowerCase()}</span>
    );
  const terminalId = item.terminalId;
  return (
    <Card
      icon="terminal"
      label={`Command: ${item.command}`}
      tone={`agent-command ${item.status === 'completed' && item.exitCode !== 0 ? 'is-failed' : status.tone}`}
      defaultOpen={item.status === 'inProgress' || (item.exitCode !== null && item.exitCode !== 0)}
      title={<code className="agent-command-line">{item.command}</code>}
      meta={
        <>
          {item.sandbox === 'danger-full-access' && <span className="agent-tag">outside sandbox</span>}
          {item.planCheck && <span className="agent-tag">check · step {item.planCheck.position}</span>}
          {exit}
          {item.durationMs !== null && <span>{formatDuration(item.durationMs)}</span>}
        </>
      }
    >
      {item.reason && <p className="agent-card-reason">{item.reason}</p>}
      <div className="agent-card-toolbar">
        <span className="mono truncate" title={item.cwd}>
          {item.cwd}
        </span>
        {terminalId && ctx.showTerminal && (
          <button type="button" className="agent-link-button" onClick={() => ctx.showTerminal?.(terminalId)}>
            <Icon name="terminal" size={12} /> Show in terminal
          </button>
        )}
        {item.output && <CopyButton text={item.output} label="Copy output" />}
      </div>
      {item.output ? <pre className="agent-output">{item.output}</pre> : item.status !== 'inProgress' && !item.reason && <p className="agent-card-empty">No output.</p>}
    </Card>
  );
}

function FileDiff({ change, cwd }: { change: FileChangeEntry; cwd: string }) {
  const [all, setAll] = useState(false);
  const lines = diffLines(change.diff);
  const shown = all ? lines : lines.slice(0, DIFF_LINES_SHOWN);
  const name = relativePath(change.path, cwd);
  return (
    <details className="agent-file" open={lines.length <= 200}>
      <summary className="agent-file-summary">
        <Icon name="chevronRight" size={12} className="agent-card-chevron" />
        <span className={`agent-file-kind kind-${change.kind}`}>{change.kind === 'add' ? 'A' : change.kind === 'delete' ? 'D' : change.kind === 'move' ? 'R' : 'M'}</span>
        <span className="mono truncate" title={change.path}>
          {name}
          {change.newPath && ` → ${relativePath(change.newPath, cwd)}`}
        </span>
        <span className="agent-file-stats">
          <span className="diff-add-count">+{change.additions}</span> <span className="diff-del-count">−{change.deletions}</span>
        </span>
      </summary>
      <div className="agent-diff" role="table" aria-label={`Changes to ${name}`}>
        {shown.map((l, i) => (
          <div key={i} role="row" className={`diff-line diff-${l.kind}`}>
            {l.text || ' '}
          </div>
        ))}
        {!all && lines.length > shown.length && (
          <button type="button" className="agent-link-button agent-diff-more" onClick={() => setAll(true)}>
            Show {lines.length - shown.length} more lines
          </button>
        )}
      </div>
    </details>
  );
}

function FileChangeCard({ item, ctx }: { item: FileChangeItem; ctx: ItemContext }) {
  const status = TOOL_STATUS[item.status];
  const adds = item.changes.reduce((n, c) => n + c.additions, 0);
  const dels = item.changes.reduce((n, c) => n + c.deletions, 0);
  const files = item.changes.length;
  const title = files === 0 ? (item.status === 'inProgress' ? 'Applying a patch…' : 'Patch') : files === 1 ? `Edited ${relativePath(item.changes[0]!.path, item.cwd)}` : `Edited ${files} files`;
  return (
    <Card
      icon="pencil"
      label={`File change: ${title}`}
      tone={`agent-patch ${status.tone}`}
      defaultOpen
      title={title}
      meta={
        <>
          {files > 0 && (
            <span>
              <span className="diff-add-count">+{adds}</span> <span className="diff-del-count">−{dels}</span>
            </span>
          )}
          {ctx.awaitingApproval ? <span className="agent-waiting">awaiting approval</span> : item.status !== 'completed' && <span>{status.label}</span>}
        </>
      }
    >
      {item.reason && <p className="agent-card-reason">{item.reason}</p>}
      {item.changes.map((c) => (
        <FileDiff key={`${c.path}:${c.newPath ?? ''}`} change={c} cwd={item.cwd} />
      ))}
    </Card>
  );
}

function PlanView({ item, superseded }: { item: PlanItem; superseded: boolean }) {
  const done = item.steps.filter((s) => s.status === 'completed').length;
  if (superseded) {
    return (
      <p className="agent-note">
        <Icon name="list" size={13} /> Plan updated · {done}/{item.steps.length} done
      </p>
    );
  }
  return (
    <section className="agent-plan" aria-label="Plan">
      <header className="agent-plan-header">
        <Icon name="list" size={14} />
        <span>Plan</span>
        <span className="agent-card-meta">
          {done}/{item.steps.length} done
        </span>
      </header>
      {item.explanation && <p className="agent-plan-why">{item.explanation}</p>}
      <ol className="agent-plan-steps">
        {item.steps.map((s, i) => (
          <li key={i} className={`plan-step plan-${s.status}`}>
            <span className="plan-mark" aria-hidden="true">
              {s.status === 'completed' ? <Icon name="check" size={12} /> : s.status === 'inProgress' ? <span className="plan-dot" /> : null}
            </span>
            <span>{s.step}</span>
            <span className="visually-hidden">, {s.status === 'completed' ? 'done' : s.status === 'inProgress' ? 'in progress' : 'to do'}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function ReasoningView({ item, live }: { item: ReasoningItem; live: boolean }) {
  const text = item.summary.filter(Boolean).join('\n\n');
  const first = /\*\*(.+?)\*\*/.exec(text)?.[1] ?? null;
  return (
    <details className="agent-reasoning">
      <summary>
        <Icon name="chevronRight" size={12} className="agent-card-chevron" />
        <span>{live ? 'Thinking' : 'Thought'}</span>
        {first && <span className="agent-reasoning-topic truncate">· {first}</span>}
        {live && <span className="spinner spinner-sm" aria-hidden="true" />}
      </summary>
      {text ? <Markdown text={text} /> : <p className="agent-card-empty">The model gave no summary of its reasoning.</p>}
    </details>
  );
}

const ERROR_TITLE: Record<AgentErrorKind, string> = {
  auth: 'The model provider refused the key',
  forbidden: 'The model provider refused the request',
  badRequest: 'The model provider rejected the request',
  notFound: 'The model or server was not found',
  contextLength: 'The conversation is too long for the model',
  rateLimited: 'Rate limited',
  server: 'The model server failed',
  network: 'Couldn’t reach the model server',
  streamCut: 'The reply was cut off',
  malformedStream: 'The server sent a reply Tandem couldn’t read',
  truncated: 'The reply hit the output limit',
  modelFailed: 'The model stopped with an error',
  noProvider: 'No model is set up',
  invalidToolCall: 'The model made an invalid tool call',
  processEnded: 'Tandem stopped during this turn',
  internal: 'Something went wrong inside Tandem',
};

const SETTINGS_FIXES: ReadonlySet<AgentErrorKind> = new Set(['auth', 'forbidden', 'notFound', 'noProvider']);

function ErrorView({ item, ctx }: { item: ErrorItem; ctx: ItemContext }) {
  if (item.kind === 'invalidToolCall') {
    // Answered to the model, which corrects itself: a quiet note, not an alarm.
    return (
      <p className="agent-note">
        <Icon name="info" size={13} /> {item.message}
      </p>
    );
  }
  return (
    <div className="item-error callout callout-danger" role="note" aria-label="Error">
      <Icon name="alert" size={15} />
      <div className="callout-body">
        <strong>
          {ERROR_TITLE[item.kind]}
          {item.httpStatus ? ` (HTTP ${item.httpStatus})` : ''}
        </strong>
        <p>{item.message}</p>
        {SETTINGS_FIXES.has(item.kind) && (
          <button type="button" className="agent-link-button" onClick={ctx.openModelSettings}>
            Open model settings
          </button>
        )}
      </div>
    </div>
  );
}

/** get_context: what the agent was given, chip by chip, exactly as sent. */
function ContextSnapshotCard({ item }: { item: ContextSnapshotItem }) {
  const status = TOOL_STATUS[item.status];
  const title = item.paused ? 'Asked for context — paused, nothing collected' : `Read your context${item.chips.length ? `: ${item.chips.map((c) => c.label).join(' · ')}` : ' — nothing to send'}`;
  return (
    <Card icon="monitor" label="Context sent to the model" tone={`agent-context ${status.tone}`} title={<span className="truncate">{title}</span>} meta={item.status === 'inProgress' ? <span className="spinner spinner-sm" aria-hidden="true" /> : <span>{item.chips.length} sent</span>}>
      {item.reason && <p className="agent-card-reason">{item.reason}</p>}
      {item.excluded.length > 0 && (
        <ul className="agent-context-excluded" aria-label="Held back">
          {item.excluded.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {item.chips.map((c) => (
        <details key={`${c.kind}:${c.label}`} className="agent-file">
          <summary className="agent-file-summary">
            <Icon name="chevronRight" size={12} className="agent-card-chevron" />
            <span className="truncate">{c.label}</span>
            <span className="agent-file-stats">
              {c.text.length} chars{c.redactions ? ` · ${c.redactions} redacted` : ''}
              {c.truncated ? ' · cut' : ''}
            </span>
          </summary>
          <pre className="agent-output">{c.text}</pre>
        </details>
      ))}
      {item.status !== 'inProgress' && (
        <details className="agent-file">
          <summary className="agent-file-summary">
            <Icon name="chevronRight" size={12} className="agent-card-chevron" />
            <span>Exactly what the model read</span>
          </summary>
          <pre className="agent-output">{item.output}</pre>
        </details>
      )}
    </Card>
  );
}

function ImageViewCard({ item }: { item: ImageViewItem }) {
  return (
    <p className="agent-note">
      <Icon name="search" size={13} /> Looked at <span className="mono">{item.path}</span>
      {item.reason && <> — {item.reason}</>}
    </p>
  );
}

export function AgentItemView({ item, ctx }: { item: AgentItem; ctx: ItemContext }) {
  switch (item.type) {
    case 'userMessage':
      return (
        item.fromTandem ? (
          <article className="item item-tandem-note" aria-label="Tandem’s note to the model">
            <Icon name="list" size={13} />
            <p>{item.text}</p>
          </article>
        ) : (
        <article className="item item-user" aria-label={item.steer ? 'Your message (sent during the turn)' : 'Your message'}>
          <div className="item-bubble">{item.text}</div>
          {(item.steer || ctx.createdAt !== null) && (
            <span className="item-time">
              {item.steer && 'sent while working'}
              {item.steer && ctx.createdAt !== null && ' · '}
              {ctx.createdAt !== null && <time>{time(ctx.createdAt)}</time>}
            </span>
          )}
        </article>
        )
      );
    case 'agentMessage':
      return (
        <article className={ctx.live ? 'item item-agent is-live' : 'item item-agent'} aria-label="Tandem’s message">
          <Markdown text={item.text} {...(ctx.baseDir ? { baseDir: ctx.baseDir } : {})} />
        </article>
      );
    case 'reasoning':
      return <ReasoningView item={item} live={ctx.live} />;
    case 'commandExecution':
      return <CommandCard item={item} ctx={ctx} />;
    case 'fileChange':
      return <FileChangeCard item={item} ctx={ctx} />;
    case 'plan':
      return <PlanView item={item} superseded={ctx.superseded} />;
    case 'imageView':
      return <ImageViewCard item={item} />;
    case 'mcpToolCall':
      return <McpToolCallCard item={item} awaitingApproval={ctx.awaitingApproval} />;
    case 'mcpServerFailure':
      return <McpServerFailureNote item={item} />;
    case 'contextSnapshot':
      return <ContextSnapshotCard item={item} />;
    case 'settingsChange':
      return <SettingsChangeNote item={item} />;
    case 'error':
      return <ErrorView item={item} ctx={ctx} />;
    case 'contextCompaction':
      return <CompactionDivider item={item} />;
    default:
      return <GenericItem item={item as unknown as { type: string }} />;
  }
}

/** A kind this version does not know yet (a later feature's item): shown faithfully as its record. */
function GenericItem({ item }: { item: { type: string } }) {
  return (
    <details className="agent-card">
      <summary className="agent-card-summary">
        <Icon name="chevronRight" size={13} className="agent-card-chevron" />
        <span className="agent-card-title mono">{item.type}</span>
      </summary>
      <pre className="agent-output">{JSON.stringify(item, null, 2)}</pre>
    </details>
  );
}
