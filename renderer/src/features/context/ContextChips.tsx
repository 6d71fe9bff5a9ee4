/**
 * The context chips above the quick-ask input: what will be sent, one chip per piece. A chip is
 * removed with its × or Backspace/Delete while focused; Enter, Space or a click shows exactly its text
 * (already redacted: what the model would get) with the number of secrets replaced.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { ContextChip, ContextChipKind } from '../../../../shared/contract';
import { Button } from '../../ui/Button';
import { Icon, type IconName } from '../../ui/Icon';
import './context.css';

const KIND_ICON: Record<ContextChipKind, IconName> = {
  activeWindow: 'monitor',
  selection: 'pencil',
  clipboard: 'copy',
  terminal: 'terminal',
  git: 'branch',
  screenshot: 'file',
};

export function ContextChips({
  chips,
  loading,
  onRemove,
  onAddScreenshot,
  takingScreenshot,
  onExitLast,
  onRetry,
}: {
  chips: ContextChip[];
  loading: boolean;
  onRemove(id: string): void;
  onAddScreenshot?: () => void;
  takingScreenshot?: boolean;
  /** Focus leaves the last chip (it was removed, or the user went past it): back to the input. */
  onExitLast?: () => void;
  /** Takes a new snapshot (offered on a chip whose provider failed or ran out of time). */
  onRetry?: () => void;
}) {
  const [expanded, setExpanded] = useState<string | null>(null);
  const refs = useRef(new Map<string, HTMLDivElement>());
  const open = chips.find((c) => c.id === expanded) ?? null;
  const hasScreenshot = chips.some((c) => c.kind === 'screenshot');

  const removeAt = (index: number) => {
    const chip = chips[index];
    if (!chip) return;
    onRemove(chip.id);
    if (expanded === chip.id) setExpanded(null);
    // Keep the keyboard in the row: the next chip, else the previous, else the input.
    const next = chips[index + 1] ?? chips[index - 1];
    if (next) requestAnimationFrame(() => refs.current.get(next.id)?.focus());
    else onExitLast?.();
  };

  const onKey = (e: KeyboardEvent, index: number, chip: ContextChip) => {
    if (e.key === 'Backspace' || e.key === 'Delete') {
      e.preventDefault();
      removeAt(index);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setExpanded((x) => (x === chip.id ? null : chip.id));
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = chips[index + (e.key === 'ArrowRight' ? 1 : -1)];
      if (next) refs.current.get(next.id)?.focus();
      else if (e.key === 'ArrowRight') onExitLast?.();
    }
  };

  return (
    <div className="context-chips">
      <div className="context-chip-row" role="list" aria-label="Context that will be sent" aria-busy={loading}>
        {chips.map((chip, i) => (
          <div
            key={chip.id}
            role="listitem"
            ref={(el) => {
              if (el) refs.current.set(chip.id, el);
              else refs.current.delete(chip.id);
            }}
            tabIndex={0}
            className={`context-chip${chip.error ? ' is-error' : ''}${expanded === chip.id ? ' is-expanded' : ''}`}
            data-kind={chip.kind}
            aria-expanded={expanded === chip.id}
            aria-label={`${chip.label}${chip.error ? ` (not sent: ${chip.error})` : ''}`}
            title={chip.error ? `Not sent: ${chip.error}` : 'Enter shows what will be sent · Backspace removes it'}
            onKeyDown={(e) => onKey(e, i, chip)}
            onClick={() => setExpanded((x) => (x === chip.id ? null : chip.id))}
          >
            <Icon name={chip.error ? 'alert' : KIND_ICON[chip.kind]} size={13} />
            <span className="context-chip-label">{chip.label}</span>
            {!!chip.redactions && (
              <span className="context-chip-badge" title={`${chip.redactions} secret${chip.redactions === 1 ? '' : 's'} replaced`}>
                <Icon name="key" size={11} />
                {chip.redactions}
              </span>
            )}
            <button
              type="button"
              className="context-chip-remove"
              aria-label={`Remove ${chip.label}`}
              tabIndex={-1}
              onClick={(e) => {
                e.stopPropagation();
                removeAt(i);
              }}
            >
              <Icon name="close" size={11} />
            </button>
          </div>
        ))}
        {loading && chips.length === 0 && <span className="context-chips-status">Collecting context…</span>}
        {!loading && chips.length === 0 && <span className="context-chips-status">No context: only your question will be sent.</span>}
        {onAddScreenshot && !hasScreenshot && (
          <Button size="sm" variant="ghost" icon="plus" className="context-chip-add" busy={takingScreenshot} onClick={onAddScreenshot}>
            Screenshot
          </Button>
        )}
      </div>
      {open && <ChipDetail chip={open} onRetry={onRetry} />}
    </div>
  );
}

function ChipDetail({ chip, onRetry }: { chip: ContextChip; onRetry?: () => void }) {
  const notes = [
    `from ${chip.source}`,
    chip.redactions ? `${chip.redactions} secret${chip.redactions === 1 ? '' : 's'} replaced by [redacted:…]` : 'nothing redacted',
    chip.truncated ? 'cut to size' : null,
    chip.error ? null : `${chip.text.length.toLocaleString()} characters`,
  ].filter(Boolean);
  return (
    <section className="context-chip-detail" aria-label={`What will be sent for ${chip.label}`}>
      <div className="context-chip-detail-meta">
        <span>{chip.error ? `Not sent: ${chip.error}` : notes.join(' · ')}</span>
        {chip.error && onRetry && (
          <Button size="sm" variant="ghost" icon="refresh" onClick={onRetry}>
            Try again
          </Button>
        )}
      </div>
      {chip.image && <img className="context-chip-image" src={chip.image.dataUrl} alt="The screenshot that will be sent" />}
      {!chip.error && chip.text && <pre className="context-chip-text">{chip.text}</pre>}
    </section>
  );
}
