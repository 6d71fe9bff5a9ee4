/**
 * Quick ask: one question about what you are doing, answered in place. The same component is the
 * hotkey window in the desktop app ("window": fixed size, room for the answer) and an in-page panel in
 * a browser ("panel": compact). Enter asks, Esc closes, Shift+Enter adds a line. The context engine adds
 * its chips above the input (`chips`); the asking itself comes through `onAsk` — without it, the page
 * says plainly what is missing instead of pretending.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { describeError } from '../../api/describe-error';
import { isProviderReady } from '../../stores/provider-store';
import { useProvider } from '../../stores/react';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Icon, type IconName } from '../../ui/Icon';
import { Kbd } from '../../ui/Kbd';
import './quick-ask.css';

interface Notice {
  icon: IconName;
  title: string;
  text: string;
  /** One line for the compact panel. */
  short: string;
  needsSettings: boolean;
}

export function QuickAsk({
  layout,
  onClose,
  onAsk,
  onOpenSettings,
  chips,
}: {
  /** "window": the desktop's fixed-size window; "panel": a compact in-page panel. */
  layout: 'window' | 'panel';
  onClose(): void;
  onAsk?: (question: string) => Promise<void>;
  /** Present where Settings can be opened from here (the in-page panel). */
  onOpenSettings?: () => void;
  chips?: ReactNode;
}) {
  const config = useProvider((s) => s.config);
  const loaded = useProvider((s) => s.status === 'ready');
  const ready = isProviderReady(config);
  const [question, setQuestion] = useState('');
  const [nudge, setNudge] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const focus = () => {
      input.current?.focus();
      input.current?.select();
    };
    focus();
    // The desktop window is shown and hidden, not recreated: take focus each time it comes back.
    window.addEventListener('focus', focus);
    return () => window.removeEventListener('focus', focus);
  }, []);

  const ask = async () => {
    const q = question.trim();
    if (!q) return;
    if (!onAsk || !ready) {
      setNudge((n) => n + 1);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onAsk(q);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  // What asking can do right now, said once: in the footer of the panel, in the body of the window.
  let notice: Notice | null = null;
  if (loaded && !ready) {
    notice = {
      icon: 'cube',
      title: 'Set up a model to ask',
      text: 'Add an OpenAI API key, or a local server such as Ollama, in Settings → Model.',
      short: 'Set up a model in Settings to ask.',
      needsSettings: true,
    };
  } else if (loaded && !onAsk) {
    notice = {
      icon: 'info',
      title: 'Asking isn’t available here yet',
      text: `${config?.model ?? 'Your model'} is set up, but this version of Tandem can’t answer from quick ask.`,
      short: 'Asking from here isn’t available in this version of Tandem.',
      needsSettings: false,
    };
  }

  const settingsButton =
    notice?.needsSettings && onOpenSettings ? (
      <Button size="sm" variant="secondary" onClick={onOpenSettings}>
        Open Settings
      </Button>
    ) : null;

  const nudged = nudge > 0 ? ' is-nudged' : '';

  return (
    <div className={`quick-ask quick-ask-${layout}`}>
      {chips && (
        <div className="quick-ask-chips" aria-label="Context that will be sent">
          {chips}
        </div>
      )}
      <div className="quick-ask-input-row">
        <Icon name="sparkle" size={18} className="quick-ask-icon" />
        <textarea
          ref={input}
          className="quick-ask-input"
          rows={1}
          value={question}
          placeholder="Ask about what you’re doing…"
          aria-label="Question"
          onChange={(e) => {
            setQuestion(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void ask();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              onClose();
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
      {layout === 'window' && (
        <div className="quick-ask-body">
          {notice && (
            <div key={nudge} className={`quick-ask-notice${nudged}`} role="status">
              <EmptyState icon={notice.icon} title={notice.title} compact actions={settingsButton}>
                <p>{notice.text}</p>
              </EmptyState>
            </div>
          )}
        </div>
      )}
      <footer className="quick-ask-footer">
        <div key={nudge} className={`quick-ask-status${layout === 'panel' ? nudged : ''}`} role={layout === 'panel' ? 'status' : undefined}>
          {layout === 'panel' && notice ? (
            <>
              <Icon name={notice.icon} size={14} />
              <span>{notice.short}</span>
              {settingsButton}
            </>
          ) : ready && config ? (
            <>
              <Icon name="cube" size={14} />
              <span className="truncate mono">{config.model}</span>
            </>
          ) : null}
        </div>
        <div className="quick-ask-keys">
          <span>
            <Kbd shortcut="Enter" /> ask
          </span>
          <span>
            <Kbd shortcut="Esc" /> close
          </span>
        </div>
      </footer>
    </div>
  );
}
