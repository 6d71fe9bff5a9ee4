/**
 * Quick ask: one question about what you are doing, answered in place. The same component is the
 * hotkey window in the desktop app ("window") and an in-page panel in a browser ("panel").
 *
 * Opening takes a context snapshot whose chips paint as providers answer; the user removes what they do
 * not want sent and can look at exactly what each chip sends. Enter asks (a read-only agent turn in a
 * new thread, streamed here), Mod+Enter continues it as a full thread in the main window, Esc closes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../../api/describe-error';
import { isProviderReady } from '../../stores/provider-store';
import { useProvider, useStores, useWorkspaces } from '../../stores/react';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { Kbd } from '../../ui/Kbd';
import { chipsToSend, visibleChips } from '../context/chip-list';
import { ContextChips } from '../context/ContextChips';
import { useContextSnapshot } from '../context/use-context-snapshot';
import { Markdown } from '../../ui/markdown/Markdown';
import { readRecentAsks, rememberAsk, type RecentAsk } from './recent-asks';
import { useQuickAsk } from './use-quick-ask';
import { workspaceForRepo } from './workspace-for-repo';
import './quick-ask.css';

function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function QuickAsk({
  layout,
  onClose,
  onOpenSettings,
  onContinue,
  workspacePath,
}: {
  /** "window": the desktop's fixed-size window; "panel": a compact in-page panel. */
  layout: 'window' | 'panel';
  onClose(): void;
  /** Present where Settings can be opened from here (the in-page panel). */
  onOpenSettings?: () => void;
  /** Opens the quick ask's thread in the main window. */
  onContinue(threadId: string): void;
  /** The project open in the UI, for the git chip when the window in front names none. */
  workspacePath?: string;
}) {
  const { client } = useStores();
  const config = useProvider((s) => s.config);
  const loaded = useProvider((s) => s.status === 'ready');
  const workspaces = useWorkspaces((s) => s.list);
  const ready = isProviderReady(config);
  const [question, setQuestion] = useState('');
  const [nudge, setNudge] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [recent, setRecent] = useState<RecentAsk[]>(() => readRecentAsks(storageOrNull()));
  const input = useRef<HTMLTextAreaElement>(null);
  const pendingContinue = useRef(false);
  const context = useContextSnapshot(client, workspacePath);
  const onAsked = useCallback((threadId: string, q: string) => setRecent(rememberAsk(storageOrNull(), { threadId, question: q, askedAt: Date.now() })), []);
  const { answer, ask: askAgent, reset } = useQuickAsk(client, onAsked);
  const { refresh } = context;

  useEffect(() => {
    refresh();
    const focus = () => {
      input.current?.focus();
      input.current?.select();
    };
    focus();
    // The desktop window is shown and hidden, not recreated: each time it comes back it is a new ask.
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      reset();
      setQuestion('');
      setError(null);
      refresh();
      setRecent(readRecentAsks(storageOrNull()));
      focus();
    };
    window.addEventListener('focus', focus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', focus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh, reset]);

  const busy = answer.phase === 'asking' || answer.phase === 'answering';

  const ask = async (thenContinue: boolean) => {
    const q = question.trim();
    if (!q) return;
    if (!ready) {
      setNudge((n) => n + 1);
      return;
    }
    setError(null);
    const chips = chipsToSend(context.list);
    const workspace = workspaceForRepo(
      chips.map((c) => c.id),
      workspaces,
    );
    pendingContinue.current = thenContinue;
    try {
      setQuestion('');
      await askAgent(q, chips, workspace?.id ?? null);
    } catch (err) {
      pendingContinue.current = false;
      setQuestion(q);
      setError(describeError(err));
    }
  };

  useEffect(() => {
    // Mod+Enter asked in a thread: continue there as soon as the thread exists.
    if (pendingContinue.current && answer.threadId) {
      pendingContinue.current = false;
      onContinue(answer.threadId);
    }
  });

  const notice =
    loaded && !ready
      ? { title: 'Set up a model to ask', text: 'Add an OpenAI API key, or a local server such as Ollama, in Settings → Model.', short: 'Set up a model in Settings to ask.' }
      : null;
  const settingsButton =
    notice && onOpenSettings ? (
      <Button size="sm" variant="secondary" onClick={onOpenSettings}>
        Open Settings
      </Button>
    ) : null;
  const nudged = nudge > 0 ? ' is-nudged' : '';
  const chips = visibleChips(context.list);

  return (
    <div className={`quick-ask quick-ask-${layout}`}>
      <ContextChips
        chips={chips}
        loading={context.loading}
        onRemove={context.remove}
        onAddScreenshot={() => void context.addScreenshot()}
        takingScreenshot={context.takingScreenshot}
        onExitLast={() => input.current?.focus()}
        onRetry={refresh}
      />
      {context.error && <p className="quick-ask-context-note">{context.error}</p>}
      {context.snapshot && context.snapshot.excluded.length > 0 && (
        <p className="quick-ask-context-note" title={context.snapshot.excluded.join('\n')}>
          <Icon name="pause" size={12} /> Held back: {context.snapshot.excluded.join('; ')}
        </p>
      )}
      <div className="quick-ask-input-row">
        <Icon name="sparkle" size={18} className="quick-ask-icon" />
        <textarea
          ref={(el) => {
            input.current = el;
            // The panel is a modal <dialog>: showModal() focuses the element marked autofocus, else the
            // first focusable one (a chip). React's autoFocus sets no attribute, so set it here.
            el?.setAttribute('autofocus', '');
          }}
          className="quick-ask-input"
          rows={1}
          value={question}
          placeholder={answer.phase === 'idle' ? 'Ask about what you’re doing…' : 'Ask another question…'}
          aria-label="Question"
          onChange={(e) => {
            setQuestion(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              const thenContinue = e.metaKey || e.ctrlKey;
              if (thenContinue && !question.trim() && answer.threadId) onContinue(answer.threadId);
              else void ask(thenContinue);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              onClose();
            } else if (e.key === 'Backspace' && question === '' && chips.length > 0) {
              // As in a tag input: Backspace on an empty question goes to the last chip.
              e.preventDefault();
              const last = e.currentTarget.closest('.quick-ask')?.querySelector<HTMLElement>('.context-chip:last-of-type');
              last?.focus();
            }
          }}
          disabled={busy}
        />
      </div>
      {error && (
        <p className="quick-ask-error" role="alert">
          {error}
        </p>
      )}
      {(layout === 'window' || answer.phase !== 'idle' || (!notice && recent.length > 0)) && (
        <div className="quick-ask-body">
          {answer.phase !== 'idle' ? (
            <section className="quick-ask-answer" aria-label="Answer" aria-live="polite" aria-busy={busy}>
              <p className="quick-ask-asked">{answer.question}</p>
              {answer.text ? <Markdown text={answer.text} className="quick-ask-markdown" codeLinks={false} /> : busy && <p className="quick-ask-thinking">Thinking…</p>}
              {answer.phase === 'failed' && answer.error && (
                <p className="quick-ask-error" role="alert">
                  {answer.error}
                </p>
              )}
            </section>
          ) : notice ? (
            <div key={nudge} className={`quick-ask-notice${nudged}`} role="status">
              <EmptyState icon="cube" title={notice.title} compact actions={settingsButton}>
                <p>{notice.text}</p>
              </EmptyState>
            </div>
          ) : recent.length > 0 ? (
            <nav className="quick-ask-recent" aria-label="Recent quick asks">
              <h2>Recent</h2>
              <ul>
                {recent.map((r) => (
                  <li key={r.threadId}>
                    <button type="button" onClick={() => onContinue(r.threadId)} title="Open as a thread in the main window">
                      <Icon name="thread" size={13} />
                      <span className="truncate">{r.question}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </div>
      )}
      <footer className="quick-ask-footer">
        <div key={nudge} className={`quick-ask-status${layout === 'panel' ? nudged : ''}`} role={layout === 'panel' ? 'status' : undefined}>
          {layout === 'panel' && notice ? (
            <>
              <Icon name="cube" size={14} />
              <span>{notice.short}</span>
              {settingsButton}
            </>
          ) : ready && config ? (
            <>
              <Icon name="cube" size={14} />
              <span className="truncate mono">{config.model}</span>
              <span className="quick-ask-readonly" title="A quick question runs read-only: Tandem can look at files but changes nothing and runs nothing that needs approval.">
                read-only
              </span>
            </>
          ) : null}
        </div>
        <div className="quick-ask-keys">
          <span>
            <Kbd shortcut="Enter" /> ask
          </span>
          <span>
            <Kbd shortcut="Mod+Enter" /> {answer.threadId ? 'continue in thread' : 'ask in a thread'}
          </span>
          <span>
            <Kbd shortcut="Esc" /> close
          </span>
        </div>
      </footer>
    </div>
  );
}
