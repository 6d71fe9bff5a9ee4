/**
 * The conversation of one thread: its items in order, after each turn a line with how it ended and the
 * tokens it used, approval cards under the item they hold up, and while a turn runs what it is doing
 * ("Working…", "Retrying 2/5…").
 */
import type { ReactNode } from 'react';
import type { ApprovalDecision, ApprovalRequest, Turn, TurnPauseState } from '../../../../shared/contract';
import { Icon } from '../../ui/Icon';
import type { ThreadStream, TurnView } from './agent-stream';
import { ApprovalCard } from './ApprovalCard';
import { formatDuration, formatTokens } from './format';
import { AgentItemView, type ItemContext } from './ItemViews';
import './agent.css';

export interface ConversationProps {
  stream: ThreadStream;
  openModelSettings(): void;
  showTerminal?: (terminalId: string) => void;
  respond(requestId: string, decision: ApprovalDecision, message?: string): Promise<void>;
}

function usageTitle(turn: Turn): string {
  const u = turn.usage;
  return `Input ${u.inputTokens.toLocaleString()} (cached ${u.cachedInputTokens.toLocaleString()}) · output ${u.outputTokens.toLocaleString()} (reasoning ${u.reasoningOutputTokens.toLocaleString()}) · ${turn.modelCalls} model call${turn.modelCalls === 1 ? '' : 's'}`;
}

function TurnFooter({ view }: { view: TurnView }) {
  const { turn } = view;
  if (turn.status === 'inProgress') return null;
  const took = turn.completedAt ? formatDuration(turn.completedAt - turn.startedAt) : null;
  const label = turn.status === 'completed' ? 'Done' : turn.status === 'interrupted' ? 'Stopped' : 'Failed';
  return (
    <div className={`turn-footer turn-${turn.status}`} aria-label={`Turn ${label.toLowerCase()}`}>
      <span className="turn-footer-status">{label}</span>
      {took && <span>{took}</span>}
      {turn.usage.totalTokens > 0 && (
        <span title={usageTitle(turn)}>
          {formatTokens(turn.usage.totalTokens)} tokens
        </span>
      )}
      <span className="mono">{turn.model}</span>
    </div>
  );
}

function Working({ view, waiting, queuedSteers, pause }: { view: TurnView; waiting: boolean; queuedSteers: number; pause: TurnPauseState }) {
  const retry = view.retry;
  return (
    <div className="turn-working" role="status" aria-live="polite">
      {pause === 'paused' ? (
        <>
          <Icon name="pause" size={13} />
          <span>Paused — nothing runs until you resume</span>
        </>
      ) : retry ? (
        <>
          <Icon name="refresh" size={13} />
          <span>
            Retrying {retry.attempt}/{retry.maxRetries}
            {retry.delayMs >= 1000 && ` in ${Math.round(retry.delayMs / 1000)} s`} — {retry.reason}
          </span>
        </>
      ) : waiting ? (
        <>
          <Icon name="pause" size={13} />
          <span>Waiting for your approval</span>
        </>
      ) : (
        <>
          <span className="spinner spinner-sm" aria-hidden="true" />
          <span>{pause === 'pausing' ? 'Pausing after this step…' : 'Working…'}</span>
        </>
      )}
      {queuedSteers > 0 && <span className="turn-working-queued">· your message reaches Tandem at its next step</span>}
      {view.turn.usage.totalTokens > 0 && (
        <span className="turn-working-usage" title={usageTitle(view.turn)}>
          {formatTokens(view.turn.usage.totalTokens)} tokens
        </span>
      )}
    </div>
  );
}

export function AgentConversation({ stream, openModelSettings, showTerminal, respond }: ConversationProps) {
  const rows: ReactNode[] = [];
  const approvalsByItem = new Map<string, ApprovalRequest[]>();
  const itemIds = new Set(stream.order);
  const loose: ApprovalRequest[] = [];
  for (const a of stream.approvals) {
    if (itemIds.has(a.itemId)) approvalsByItem.set(a.itemId, [...(approvalsByItem.get(a.itemId) ?? []), a]);
    else loose.push(a);
  }
  const card = (a: ApprovalRequest) => (
    <li key={`approval-${a.requestId}`}>
      <ApprovalCard request={a} onRespond={(decision, message) => respond(a.requestId, decision, message)} />
    </li>
  );
  const footer = (turnId: string | null) => {
    const view = turnId ? stream.turns[turnId] : undefined;
    if (view && view.turn.status !== 'inProgress') rows.push(<li key={`turn-${turnId}`}><TurnFooter view={view} /></li>);
  };

  const latestPlan = [...stream.order].reverse().find((id) => stream.entries[id]?.item.type === 'plan') ?? null;
  let currentTurn: string | null = null;
  for (const id of stream.order) {
    const entry = stream.entries[id];
    if (!entry) continue;
    if (entry.turnId !== currentTurn) {
      footer(currentTurn);
      currentTurn = entry.turnId;
    }
    const ctx: ItemContext = { live: !entry.done, awaitingApproval: approvalsByItem.has(id), superseded: entry.item.type === 'plan' && id !== latestPlan, openModelSettings, createdAt: entry.createdAt ?? (entry.item.type === 'userMessage' && !entry.item.steer && entry.turnId ? (stream.turns[entry.turnId]?.turn.startedAt ?? null) : null), ...(showTerminal ? { showTerminal } : {}), ...(entry.turnId && stream.turns[entry.turnId] ? { baseDir: stream.turns[entry.turnId]!.turn.cwd } : {}) };
    rows.push(
      <li key={id} data-item-type={entry.item.type}>
        <AgentItemView item={entry.item} ctx={ctx} />
      </li>,
    );
    for (const a of approvalsByItem.get(id) ?? []) rows.push(card(a));
  }
  footer(currentTurn);
  for (const a of loose) rows.push(card(a));

  const active = stream.activeTurnId ? stream.turns[stream.activeTurnId] : undefined;
  if (active) {
    rows.push(
      <li key="working">
        <Working view={active} waiting={stream.approvals.length > 0} queuedSteers={stream.queuedSteers} pause={stream.pause} />
      </li>,
    );
  }
  return (
    <ol className="item-list" aria-label="Thread items">
      {rows}
    </ol>
  );
}
