/**
 * The cards the policy surfaced, answered by keyboard or mouse: → accept, ← dismiss, S snooze,
 * W say why (one line), ? why am I seeing this, ↑/↓ between cards. Used by the overlay window and by
 * the main window's popover (web mode). Keys act while focus is inside the list.
 */
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { Suggestion } from '../../../../shared/contract';
import { Button } from '../../ui/Button';
import type { AcceptOutcome } from './accept-action';
import { EvidenceText } from './EvidenceText';
import { acceptLabel, acceptSentence, baseName, confidenceWords, draftLine, kindLabel, timeAgo } from './describe';
import { cardsOf, currentCard, type SuggestionsStore } from './suggestions-store';

interface CardsProps {
  store: SuggestionsStore;
  onAccept(s: Suggestion): Promise<AcceptOutcome>;
  /** Make `path:line` in the evidence open the code view (only where this window has one). */
  linkify: boolean;
  /** Take focus when shown (the overlay window, the popover). */
  autoFocus?: boolean;
  /** Shown when there are no cards. */
  empty: React.ReactNode;
}

export function SuggestionCards({ store, onAccept, linkify, autoFocus = false, empty }: CardsProps) {
  const items = useStore(store, (s) => s.items);
  const currentId = useStore(store, (s) => s.currentId);
  const busy = useStore(store, (s) => s.busy);
  const answerError = useStore(store, (s) => s.answerError);
  const [sayingWhy, setSayingWhy] = useState<string | null>(null);
  const [explaining, setExplaining] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<AcceptOutcome | null>(null);
  const list = useRef<HTMLDivElement>(null);

  const cards = cardsOf(items);
  const current = currentCard(items, currentId);

  useEffect(() => {
    if (autoFocus) list.current?.focus();
  }, [autoFocus]);

  // Keep the current card in view as ↑/↓ move.
  useEffect(() => {
    if (current) list.current?.querySelector(`[data-suggestion-id="${CSS.escape(current.id)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const accept = async (s: Suggestion) => {
    const accepted = await store.getState().accept(s.id);
    if (accepted) setOutcome(await onAccept(accepted));
  };
  const explain = (s: Suggestion) => {
    if (explaining === s.id) return setExplaining(null);
    setExplaining(s.id);
    void store.getState().explain(s.id);
  };

  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (!current || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const run: Record<string, () => void> = {
      ArrowRight: () => void accept(current),
      ArrowLeft: () => void store.getState().dismiss(current.id),
      s: () => void store.getState().snooze(current.id),
      w: () => setSayingWhy(current.id),
      '?': () => explain(current),
      ArrowDown: () => store.getState().move(1),
      ArrowUp: () => store.getState().move(-1),
    };
    const action = run[key];
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    action();
  };

  return (
    <div
      ref={list}
      className="suggestion-cards"
      role="listbox"
      aria-label="Suggestion cards"
      aria-activedescendant={current ? `suggestion-card-${current.id}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      {cards.length === 0 ? (
        empty
      ) : (
        cards.map((s) => (
          <SuggestionCard
            key={s.id}
            suggestion={s}
            current={s.id === current?.id}
            busy={Boolean(busy[s.id])}
            linkify={linkify}
            sayingWhy={sayingWhy === s.id}
            explaining={explaining === s.id}
            store={store}
            onSelect={() => store.getState().setCurrent(s.id)}
            onAccept={() => void accept(s)}
            onExplain={() => explain(s)}
            onSayWhy={() => setSayingWhy(s.id)}
            onSayWhyDone={() => {
              setSayingWhy(null);
              list.current?.focus();
            }}
          />
        ))
      )}
      {(outcome || answerError) && (
        <p className={`suggestion-outcome ${answerError || outcome?.tone === 'error' ? 'is-error' : ''}`} role="status">
          {answerError ?? outcome?.text}
        </p>
      )}
    </div>
  );
}

interface CardProps {
  suggestion: Suggestion;
  current: boolean;
  busy: boolean;
  linkify: boolean;
  sayingWhy: boolean;
  explaining: boolean;
  store: SuggestionsStore;
  onSelect(): void;
  onAccept(): void;
  onExplain(): void;
  onSayWhy(): void;
  onSayWhyDone(): void;
}

function SuggestionCard({ suggestion: s, current, busy, linkify, sayingWhy, explaining, store, onSelect, onAccept, onExplain, onSayWhy, onSayWhyDone }: CardProps) {
  const explanation = useStore(store, (st) => st.explanations[s.id]);
  const baseDir = s.action.type === 'explain' || s.action.type === 'rerun' || s.action.type === 'open-file-at-line' ? s.action.cwd : s.repo;
  const where = baseName(s.repo);
  return (
    <article
      id={`suggestion-card-${s.id}`}
      data-suggestion-id={s.id}
      role="option"
      aria-selected={current}
      aria-label={s.title}
      className={`suggestion-card ${current ? 'is-current' : ''}`}
      onMouseDown={onSelect}
    >
      <header className="suggestion-card-meta">
        <span className="suggestion-kind">{kindLabel(s)}</span>
        {where && <span className="suggestion-where" title={s.repo ?? undefined}>{where}</span>}
        <span className="suggestion-time">{timeAgo(s.updatedAt, Date.now())}</span>
        <span className="suggestion-confidence" title={`Confidence ${s.confidence.toFixed(2)}`}>
          {confidenceWords(s.confidence)}
        </span>
      </header>
      <h2 className="suggestion-card-title">{s.title}</h2>
      <DraftLine suggestion={s} />
      {/* Only the current card opens up: the others are one line each, so the small overlay stays calm. */}
      {current && (
        <>
          <p className="suggestion-why">
            <EvidenceText text={s.why} linkify={linkify} baseDir={baseDir} />
          </p>
          <div className="suggestion-proposal-row">
            <p className="suggestion-proposal">{acceptSentence(s)}</p>
            <button type="button" className="suggestion-explain-link" aria-expanded={explaining} onClick={onExplain} title="Why am I seeing this? (?)">
              Why this?
            </button>
          </div>
          {sayingWhy ? (
            <SayWhy store={store} id={s.id} onDone={onSayWhyDone} />
          ) : (
            <div className="suggestion-actions">
              <Button size="sm" variant="primary" disabled={busy} onClick={onAccept} title="Accept (→)">
                {acceptLabel(s)}
              </Button>
              <Button size="sm" disabled={busy} onClick={() => void store.getState().dismiss(s.id)} title="Dismiss (←)">
                Dismiss
              </Button>
              <Button size="sm" variant="ghost" disabled={busy} onClick={() => void store.getState().snooze(s.id)} title="Snooze for 30 minutes (S)">
                Snooze
              </Button>
              <Button size="sm" variant="ghost" disabled={busy} onClick={onSayWhy} title="Say why it isn’t useful (W)">
                Say why
              </Button>
            </div>
          )}
          {explaining && (
            <div className="suggestion-explanation" aria-label="Why am I seeing this?">
              {explanation ? (
                <ul>
                  {explanation.lines.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              ) : (
                <p>Asking…</p>
              )}
            </div>
          )}
        </>
      )}
    </article>
  );
}

/** The background draft of the fix, in one line ("Fix ready: +12 −3, tests pass"). */
export function DraftLine({ suggestion }: { suggestion: Suggestion }) {
  const line = draftLine(suggestion.draft);
  if (!line) return null;
  return (
    <p className={`suggestion-draft is-${line.tone}`} title={suggestion.draft?.status === 'ready' ? suggestion.draft.summary : undefined}>
      {line.text}
    </p>
  );
}

/** One line of feedback: Enter sends (and dismisses the card as not useful), Esc cancels. */
function SayWhy({ store, id, onDone }: { store: SuggestionsStore; id: string; onDone(): void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const send = async () => {
    if (!text.trim()) return setError('Write a few words, or press Esc.');
    if (await store.getState().sayWhy(id, text.trim())) onDone();
  };
  return (
    <form
      className="suggestion-saywhy"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <input
        ref={input}
        className="input"
        aria-label="Why isn’t this useful?"
        placeholder="Why isn’t this useful? (Enter sends, Esc cancels)"
        maxLength={500}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onDone();
          }
        }}
      />
      {error && <p className="suggestion-saywhy-error">{error}</p>}
    </form>
  );
}
