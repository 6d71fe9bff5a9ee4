/**
 * The body of a pick-one dialog (the command palette, go to file): a search box over a list, as a WAI-ARIA
 * combobox over a listbox. It owns the keyboard — ↑↓ move, PageUp/PageDown jump, Home/End with an empty
 * query, Enter chooses — and the active row; callers own the query, the items and how a row looks.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Icon } from './Icon';

const PAGE = 8;

export function Picker<T>({
  items,
  itemKey,
  renderItem,
  isEnabled = () => true,
  itemAttributes,
  onChoose,
  query,
  onQuery,
  placeholder,
  inputLabel,
  listLabel,
  disabled = false,
  notice,
  footer,
}: {
  items: readonly T[];
  itemKey(item: T): string;
  renderItem(item: T): ReactNode;
  /** A disabled row is shown dimmed and cannot be chosen. */
  isEnabled?(item: T): boolean;
  /** Extra data-* attributes of a row (e.g. the file path, for tests and tooling). */
  itemAttributes?(item: T): Record<`data-${string}`, string>;
  onChoose(item: T): void;
  query: string;
  onQuery(query: string): void;
  placeholder: string;
  inputLabel: string;
  listLabel: string;
  disabled?: boolean;
  /** A line shown in place of rows (no match, an error). */
  notice?: ReactNode;
  footer: ReactNode;
}) {
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();

  // A new list (a new query, or results arriving) starts at its best match.
  useEffect(() => setActive(0), [items]);

  const activeIndex = Math.min(active, Math.max(0, items.length - 1));
  const activeItem = items[activeIndex];

  const move = (index: number) => {
    if (items.length === 0) return;
    const next = (index + items.length) % items.length;
    setActive(next);
    listRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  const choose = (item: T | undefined) => {
    if (item !== undefined && isEnabled(item)) onChoose(item);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        move(activeIndex + 1);
        break;
      case 'ArrowUp':
        move(activeIndex - 1);
        break;
      case 'PageDown':
        move(Math.min(items.length - 1, activeIndex + PAGE));
        break;
      case 'PageUp':
        move(Math.max(0, activeIndex - PAGE));
        break;
      case 'Home':
        if (query) return;
        move(0);
        break;
      case 'End':
        if (query) return;
        move(items.length - 1);
        break;
      case 'Enter':
        choose(activeItem);
        break;
      default:
        return;
    }
    e.preventDefault();
    // Keys the picker owns must not also reach the window's shortcut handler.
    e.stopPropagation();
  };

  return (
    <div className="palette">
      <div className="palette-input-row">
        <Icon name="search" size={16} />
        <input
          className="palette-input"
          autoFocus
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={placeholder}
          disabled={disabled}
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={activeItem !== undefined ? `${listId}-${activeIndex}` : undefined}
          aria-autocomplete="list"
          aria-label={inputLabel}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <ul className="palette-list" id={listId} role="listbox" aria-label={listLabel} ref={listRef}>
        {notice && (
          <li className="palette-empty" role="presentation">
            {notice}
          </li>
        )}
        {items.map((item, i) => {
          const enabled = isEnabled(item);
          return (
            <li
              key={itemKey(item)}
              id={`${listId}-${i}`}
              data-index={i}
              {...itemAttributes?.(item)}
              role="option"
              aria-selected={i === activeIndex}
              aria-disabled={!enabled || undefined}
              className={['palette-item', i === activeIndex ? 'is-active' : '', enabled ? '' : 'is-disabled'].filter(Boolean).join(' ')}
              onMouseMove={() => {
                if (i !== activeIndex) setActive(i);
              }}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(item)}
            >
              {renderItem(item)}
            </li>
          );
        })}
      </ul>
      <div className="palette-footer">{footer}</div>
    </div>
  );
}

/** Text with the matched characters marked; `positions` index a longer string this text starts at `offset` of. */
export function MatchedText({ text, positions, offset = 0 }: { text: string; positions: readonly number[]; offset?: number }) {
  const marks = new Set(positions.map((p) => p - offset).filter((p) => p >= 0 && p < text.length));
  if (marks.size === 0) return <>{text}</>;
  const out: ReactNode[] = [];
  let run = '';
  let marked = false;
  const flush = (key: number) => {
    if (!run) return;
    out.push(
      marked ? (
        <mark key={key} className="palette-match">
          {run}
        </mark>
      ) : (
        <span key={key}>{run}</span>
      ),
    );
    run = '';
  };
  for (let i = 0; i < text.length; i++) {
    const m = marks.has(i);
    if (m !== marked) {
      flush(i);
      marked = m;
    }
    run += text[i];
  }
  flush(text.length);
  return <>{out}</>;
}
