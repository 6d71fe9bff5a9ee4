/**
 * Ctrl/Cmd+K: every command with its shortcut, and the threads to jump to. Type to filter, arrows to
 * move, Enter to run, Esc to close. A WAI-ARIA combobox over a listbox.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useThreads, useWorkspaces } from '../../stores/react';
import { sortThreads } from '../../stores/threads-store';
import { Dialog } from '../../ui/Dialog';
import { Icon, type IconName } from '../../ui/Icon';
import { Kbd } from '../../ui/Kbd';
import { rank } from './fuzzy';
import { useCommandList } from './react';
import type { Command } from './registry';
import './palette.css';

interface Entry {
  key: string;
  title: string;
  category: string;
  icon: IconName;
  shortcut?: string;
  enabled: boolean;
  /** Matched by the filter, not shown. */
  keywords: string;
  run(): void | Promise<void>;
}

const CATEGORY_ICON: Record<string, IconName> = {
  General: 'command',
  Thread: 'thread',
  Workspace: 'folder',
  View: 'sidebarLeft',
  Settings: 'settings',
  Appearance: 'sun',
  Suggestions: 'sparkle',
  Terminal: 'terminal',
  Review: 'review',
};

function Highlighted({ text, positions }: { text: string; positions: number[] }) {
  if (positions.length === 0) return <>{text}</>;
  const marks = new Set(positions);
  return (
    <>
      {[...text].map((ch, i) =>
        marks.has(i) ? (
          <mark key={i} className="palette-match">
            {ch}
          </mark>
        ) : (
          ch
        ),
      )}
    </>
  );
}

export function CommandPalette({ open, onClose, onOpenThread }: { open: boolean; onClose(): void; onOpenThread(id: string): void }) {
  return (
    <Dialog open={open} onClose={onClose} label="Command palette" className="palette-dialog">
      {open && <PaletteBody onClose={onClose} onOpenThread={onOpenThread} />}
    </Dialog>
  );
}

function PaletteBody({ onClose, onOpenThread }: { onClose(): void; onOpenThread(id: string): void }) {
  const commands = useCommandList();
  const byId = useThreads((s) => s.byId);
  const workspaces = useWorkspaces((s) => s.list);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();

  const entries = useMemo<Entry[]>(() => {
    // "Show all commands" is where you are already.
    const fromCommands = commands.filter((c) => c.id !== 'palette.open').map(
      (c: Command): Entry => ({
        key: `cmd:${c.id}`,
        title: c.title,
        category: c.category,
        icon: CATEGORY_ICON[c.category] ?? 'command',
        shortcut: c.shortcut,
        enabled: c.enabled !== false,
        keywords: c.keywords ?? '',
        run: c.run,
      }),
    );
    const names = new Map(workspaces.map((w) => [w.id, w.name]));
    const fromThreads = sortThreads(byId).map(
      (t): Entry => ({
        key: `thread:${t.id}`,
        title: t.title,
        category: (t.workspaceId && names.get(t.workspaceId)) || 'Thread',
        icon: 'thread',
        enabled: true,
        keywords: '',
        run: () => onOpenThread(t.id),
      }),
    );
    return [...fromCommands, ...fromThreads];
  }, [commands, byId, workspaces, onOpenThread]);

  const results = useMemo(() => {
    const q = query.trim();
    // With no query: the commands only (threads are in the sidebar); with one, everything ranked.
    const pool = q ? entries : entries.filter((e) => e.key.startsWith('cmd:'));
    return rank(q, pool, (e) => e.title);
  }, [entries, query]);

  // Commands also match on their keywords and category ("preferences" finds Open settings).
  const keywordHits = useMemo(() => {
    const q = query.trim();
    if (!q) return [];
    const seen = new Set(results.map((r) => r.item.key));
    return rank(q, entries.filter((e) => !seen.has(e.key)), (e) => `${e.category} ${e.keywords}`).map((r) => ({ ...r, positions: [] }));
  }, [entries, query, results]);

  const shown = useMemo(() => [...results, ...keywordHits], [results, keywordHits]);
  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));
  const activeEntry = shown[activeIndex]?.item;

  const run = (entry: Entry | undefined) => {
    if (!entry || !entry.enabled) return;
    onClose();
    // After the dialog closes, so a command that opens another dialog or moves focus wins.
    setTimeout(() => void entry.run(), 0);
  };

  const move = (index: number) => {
    const next = (index + shown.length) % Math.max(1, shown.length);
    setActive(next);
    listRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.scrollIntoView({ block: 'nearest' });
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
        move(Math.min(shown.length - 1, activeIndex + 8));
        break;
      case 'PageUp':
        move(Math.max(0, activeIndex - 8));
        break;
      case 'Home':
        if (!query) move(0);
        else return;
        break;
      case 'End':
        if (!query) move(shown.length - 1);
        else return;
        break;
      case 'Enter':
        run(activeEntry);
        break;
      default:
        return;
    }
    e.preventDefault();
    // Keys the palette owns must not also reach the window's shortcut handler.
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
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          placeholder="Type a command or a thread name…"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={activeEntry ? `${listId}-${activeIndex}` : undefined}
          aria-autocomplete="list"
          aria-label="Command"
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <ul className="palette-list" id={listId} role="listbox" aria-label="Commands" ref={listRef}>
        {shown.length === 0 && (
          <li className="palette-empty" role="presentation">
            No command or thread matches “{query}”.
          </li>
        )}
        {shown.map(({ item, positions }, i) => (
          <li
            key={item.key}
            id={`${listId}-${i}`}
            data-index={i}
            role="option"
            aria-selected={i === activeIndex}
            aria-disabled={!item.enabled || undefined}
            className={['palette-item', i === activeIndex ? 'is-active' : '', item.enabled ? '' : 'is-disabled'].filter(Boolean).join(' ')}
            onMouseMove={() => {
              if (i !== activeIndex) setActive(i);
            }}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => run(item)}
          >
            <Icon name={item.icon} size={15} className="palette-item-icon" />
            <span className="palette-item-title truncate">
              <Highlighted text={item.title} positions={positions} />
            </span>
            <span className="palette-item-category">{item.category}</span>
            {item.shortcut && <Kbd shortcut={item.shortcut} />}
          </li>
        ))}
      </ul>
      <div className="palette-footer">
        <span>
          <Kbd shortcut="ArrowUp" /> <Kbd shortcut="ArrowDown" /> move
        </span>
        <span>
          <Kbd shortcut="Enter" /> run
        </span>
        <span>
          <Kbd shortcut="Esc" /> close
        </span>
      </div>
    </div>
  );
}
