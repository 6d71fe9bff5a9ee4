/**
 * The inbox: every suggestion Tandem made, newest first, with what became of it — shown, accepted,
 * dismissed, snoozed, expired, or waiting (held for a better moment, or not worth an interruption).
 * Opening a row shows its evidence; one still open can be accepted or dismissed from here.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { Suggestion, SuggestionStatus } from '../../../../shared/contract';
import { useStores } from '../../stores/react';
import { Button, IconButton } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { EmptyState } from '../../ui/EmptyState';
import type { AcceptOutcome } from './accept-action';
import { EvidenceText } from './EvidenceText';
import { DraftLine } from './SuggestionCards';
import { acceptLabel, acceptSentence, baseName, feedbackLine, kindLabel, snoozeLine, STATUS_LABELS, timeAgo } from './describe';
import { suggestionsStoreFor } from './suggestions-store';

type Filter = 'all' | SuggestionStatus;
const FILTERS: Filter[] = ['all', 'surfaced', 'pending', 'accepted', 'dismissed', 'snoozed', 'expired'];

/** Statuses that can still be answered. */
const OPEN: ReadonlySet<SuggestionStatus> = new Set(['surfaced', 'pending', 'snoozed']);

export function SuggestionsInbox({ open, onClose, onAccept }: { open: boolean; onClose(): void; onAccept(s: Suggestion): Promise<AcceptOutcome> }) {
  return (
    <Dialog open={open} onClose={onClose} label="Suggestion inbox" className="suggestions-inbox">
      {open && <InboxBody onClose={onClose} onAccept={onAccept} />}
    </Dialog>
  );
}

function InboxBody({ onClose, onAccept }: { onClose(): void; onAccept(s: Suggestion): Promise<AcceptOutcome> }) {
  const { client } = useStores();
  const store = suggestionsStoreFor(client);
  const items = useStore(store, (s) => s.items);
  const status = useStore(store, (s) => s.status);
  const loadError = useStore(store, (s) => s.error);
  const busy = useStore(store, (s) => s.busy);
  const [filter, setFilter] = useState<Filter>('all');
  const [expanded, setExpanded] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<AcceptOutcome | null>(null);
  const shown = filter === 'all' ? items : items.filter((s) => s.status === filter);
  const now = Date.now();

  const accept = async (s: Suggestion) => {
    const accepted = await store.getState().accept(s.id);
    if (accepted) setOutcome(await onAccept(accepted));
  };

  return (
    <div className="inbox">
      <header className="inbox-header">
        <h2>Suggestion inbox</h2>
        <IconButton icon="close" size="sm" label="Close inbox" onClick={onClose} />
      </header>
      <div className="inbox-filters" role="radiogroup" aria-label="Show">
        {FILTERS.map((f) => {
          const count = f === 'all' ? items.length : items.filter((s) => s.status === f).length;
          return (
            <button key={f} type="button" role="radio" aria-checked={filter === f} className={`inbox-filter ${filter === f ? 'is-active' : ''}`} onClick={() => setFilter(f)}>
              {f === 'all' ? 'All' : STATUS_LABELS[f]} <span className="inbox-filter-count">{count}</span>
            </button>
          );
        })}
      </div>
      {outcome && (
        <p className={`suggestion-outcome ${outcome.tone === 'error' ? 'is-error' : ''}`} role="status">
          {outcome.text}
        </p>
      )}
      <ul className="inbox-list" aria-label="Suggestions">
        {status === 'error' && <li className="inbox-empty">{loadError}</li>}
        {status !== 'error' && shown.length === 0 && (
          <li className="inbox-empty">
            <EmptyState icon="inbox" title={items.length === 0 ? 'No suggestions yet' : 'None with this status'} compact>
              <p>{items.length === 0 ? 'Everything Tandem notices lands here, including what it decided was not worth interrupting you for.' : 'Pick another filter to see the rest.'}</p>
            </EmptyState>
          </li>
        )}
        {shown.map((s) => {
          const isOpen = expanded === s.id;
          const baseDir = s.action.type === 'explain' || s.action.type === 'rerun' || s.action.type === 'open-file-at-line' ? s.action.cwd : s.repo;
          return (
            <li key={s.id} className={`inbox-row ${isOpen ? 'is-open' : ''}`}>
              <button type="button" className="inbox-row-head" aria-expanded={isOpen} onClick={() => setExpanded(isOpen ? null : s.id)}>
                <span className={`inbox-status status-${s.status}`}>{STATUS_LABELS[s.status]}</span>
                <span className="inbox-title truncate">{s.title}</span>
                <span className="inbox-meta">
                  {kindLabel(s)}
                  {s.repo ? ` · ${baseName(s.repo)}` : ''} · {timeAgo(s.createdAt, now)}
                </span>
              </button>
              {isOpen && (
                <div className="inbox-detail">
                  <p className="suggestion-why">
                    <EvidenceText text={s.why} linkify baseDir={baseDir} />
                  </p>
                  <DraftLine suggestion={s} />
                  {OPEN.has(s.status) && <p className="suggestion-proposal">{acceptSentence(s)}</p>}
                  {s.feedback && <p className="inbox-feedback">{feedbackLine(s.feedback, now)}</p>}
                  {s.status === 'snoozed' && s.snoozedUntil !== null && <p className="inbox-feedback">{snoozeLine(s.snoozedUntil, now)}</p>}
                  {OPEN.has(s.status) && (
                    <div className="suggestion-actions">
                      <Button size="sm" variant="primary" disabled={Boolean(busy[s.id])} onClick={() => void accept(s)}>
                        {acceptLabel(s)}
                      </Button>
                      <Button size="sm" disabled={Boolean(busy[s.id])} onClick={() => void store.getState().dismiss(s.id)}>
                        Dismiss
                      </Button>
                    </div>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
