/**
 * The message box at the bottom of a thread. It sends through `onSend`, which the agent supplies; with
 * no `onSend` the box is shown disabled with `notice` saying why and what to do, instead of accepting
 * text that would go nowhere. Enter sends, Shift+Enter adds a line.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { describeError } from '../../api/describe-error';
import { useFocusRequest } from '../shell/use-focus-request';
import { IconButton } from '../../ui/Button';
import { Kbd } from '../../ui/Kbd';

/** Unsent text per thread, kept while the window lives so switching threads loses nothing. */
const drafts = new Map<string, string>();

const MAX_ROWS = 12;

export function Composer({
  threadId,
  placeholder,
  onSend,
  notice,
  footer,
}: {
  threadId: string;
  placeholder: string;
  onSend?: (text: string) => Promise<void>;
  /** Why the box is disabled (when there is no onSend), with the next step. */
  notice?: ReactNode;
  /** Left side of the footer (model, context). */
  footer?: ReactNode;
}) {
  const [text, setText] = useState(() => drafts.get(threadId) ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const enabled = onSend !== undefined;

  useEffect(() => {
    setText(drafts.get(threadId) ?? '');
    setError(null);
  }, [threadId]);

  useFocusRequest(['composer'], () => box.current?.focus(), enabled);

  // Grow with the text up to MAX_ROWS, then scroll.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    const line = parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.style.height = `${Math.min(el.scrollHeight, line * MAX_ROWS + 16)}px`;
  }, [text]);

  const submit = async () => {
    const message = text.trim();
    if (!onSend || !message || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSend(message);
      setText('');
      drafts.delete(threadId);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={enabled ? 'composer' : 'composer is-disabled'}>
      {!enabled && notice && <div className="composer-notice">{notice}</div>}
      <div className="composer-box">
        <textarea
          ref={box}
          className="composer-input"
          rows={1}
          value={text}
          placeholder={placeholder}
          aria-label="Message"
          disabled={!enabled}
          onChange={(e) => {
            setText(e.target.value);
            drafts.set(threadId, e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        <div className="composer-footer">
          <div className="composer-footer-start">{footer}</div>
          {enabled && (
            <span className="composer-hint">
              <Kbd shortcut="Enter" className="kbd-quiet" /> send · <Kbd shortcut="Shift+Enter" className="kbd-quiet" /> new line
            </span>
          )}
          <IconButton
            icon="arrowUp"
            label="Send"
            className="composer-send"
            disabled={!enabled || busy || text.trim() === ''}
            onClick={() => void submit()}
          />
        </div>
      </div>
      {error && (
        <p className="composer-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
