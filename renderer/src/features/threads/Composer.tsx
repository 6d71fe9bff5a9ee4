/**
 * The message box at the bottom of a thread. It sends through `onSend`, which the agent supplies; with
 * no `onSend` the box is shown disabled with `notice` saying why and what to do, instead of accepting
 * text that would go nowhere. Enter sends, Shift+Enter adds a line. While a turn runs (`running`), what
 * is sent steers it, and Stop — or Esc twice, or Ctrl+C with nothing selected — calls `onStop`; Pause /
 * Resume (`pause`) holds the turn at its next step and lets it go on.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Skill, TurnPauseState } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useFocusRequest } from '../shell/use-focus-request';
import { IconButton } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { Kbd } from '../../ui/Kbd';
import { SkillMenu } from '../skills/SkillMenu';
import { insertSkill, matchSkills, skillQueryAt } from '../skills/skill-completion';
import '../skills/skills.css';

/** Unsent text per thread, kept while the window lives so switching threads loses nothing. */
const drafts = new Map<string, string>();

const MAX_ROWS = 12;

export function Composer({
  threadId,
  placeholder,
  onSend,
  notice,
  footer,
  running = false,
  onStop,
  pause,
  skills = [],
}: {
  threadId: string;
  placeholder: string;
  onSend?: (text: string) => Promise<void>;
  /** Why the box is disabled (when there is no onSend), with the next step. */
  notice?: ReactNode;
  /** Left side of the footer (model, context). */
  footer?: ReactNode;
  /** A turn is running: messages steer it and the Stop button shows. */
  running?: boolean;
  onStop?: () => Promise<void>;
  /** The running turn's pause state, and what toggles it. */
  pause?: { state: TurnPauseState; toggle(): Promise<void> };
  /** Skills offered after `$` (the user invokes one by naming it). */
  skills?: Skill[];
}) {
  const [text, setText] = useState(() => drafts.get(threadId) ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const lastEscape = useRef(0);
  const [stopping, setStopping] = useState(false);
  const enabled = onSend !== undefined;
  const [caret, setCaret] = useState(0);
  const [activeSkill, setActiveSkill] = useState(0);
  /** Where the `$` was when the user closed the menu with Esc: it stays closed for that word. */
  const [closedAt, setClosedAt] = useState<number | null>(null);
  const skillQuery = skills.length > 0 ? skillQueryAt(text, caret) : null;
  const skillMatches = skillQuery && skillQuery.start !== closedAt ? matchSkills(skills, skillQuery.prefix) : [];
  const menuOpen = skillMatches.length > 0;

  const pickSkill = (skill: Skill) => {
    if (!skillQuery) return;
    const next = insertSkill(text, skillQuery, skill.name);
    setText(next.text);
    drafts.set(threadId, next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => box.current?.setSelectionRange(next.caret, next.caret));
  };

  useEffect(() => {
    if (!running) setStopping(false);
  }, [running]);

  const stop = async () => {
    if (!onStop || stopping) return;
    setStopping(true);
    setError(null);
    try {
      await onStop();
    } catch (err) {
      setError(describeError(err));
      setStopping(false);
    }
  };

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
        {menuOpen && <SkillMenu matches={skillMatches} active={Math.min(activeSkill, skillMatches.length - 1)} onPick={pickSkill} />}
        <textarea
          ref={box}
          className="composer-input"
          rows={1}
          value={text}
          placeholder={placeholder}
          aria-label="Message"
          aria-expanded={menuOpen}
          aria-autocomplete="list"
          disabled={!enabled}
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart);
            setActiveSkill(0);
            drafts.set(threadId, e.target.value);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={(e) => {
            if (menuOpen && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setActiveSkill((i) => (Math.min(i, skillMatches.length - 1) + step + skillMatches.length) % skillMatches.length);
            } else if (menuOpen && (e.key === 'Tab' || (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing))) {
              e.preventDefault();
              const skill = skillMatches[Math.min(activeSkill, skillMatches.length - 1)];
              if (skill) pickSkill(skill);
            } else if (menuOpen && e.key === 'Escape') {
              e.preventDefault();
              setClosedAt(skillQuery?.start ?? null);
            } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            } else if (running && e.key === 'Escape') {
              e.preventDefault();
              const now = Date.now();
              if (now - lastEscape.current < 800) {
                lastEscape.current = 0;
                void stop();
              } else lastEscape.current = now;
            } else if (running && e.key === 'c' && e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) {
              const el = e.currentTarget;
              if (el.selectionStart === el.selectionEnd) {
                e.preventDefault();
                void stop();
              }
            }
          }}
        />
        <div className="composer-footer">
          <div className="composer-footer-start">{footer}</div>
          {enabled && (
            <span className="composer-hint">
              {running ? (
                <>
                  <Kbd shortcut="Enter" className="kbd-quiet" /> steer · <Kbd shortcut="Escape" className="kbd-quiet" /> <Kbd shortcut="Escape" className="kbd-quiet" /> stop
                </>
              ) : (
                <>
                  <Kbd shortcut="Enter" className="kbd-quiet" /> send · <Kbd shortcut="Shift+Enter" className="kbd-quiet" /> new line
                </>
              )}
            </span>
          )}
          {running && pause && (
            <button
              type="button"
              className="composer-pause"
              onClick={() => void pause.toggle().catch((err: unknown) => setError(describeError(err)))}
              aria-label={pause.state === 'running' ? 'Pause' : 'Resume'}
              title={pause.state === 'running' ? 'Pause the turn after its current step' : 'Let the turn go on'}
            >
              <Icon name={pause.state === 'running' ? 'pause' : 'play'} size={13} />
              {pause.state === 'running' ? 'Pause' : 'Resume'}
            </button>
          )}
          {running && onStop && (
            <button type="button" className="composer-stop" onClick={() => void stop()} disabled={stopping} aria-label="Stop" title="Stop the turn (Esc Esc)">
              <Icon name="stop" size={13} />
              {stopping ? 'Stopping…' : 'Stop'}
            </button>
          )}
          <IconButton
            icon="arrowUp"
            label={running ? 'Send to the running turn' : 'Send'}
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
