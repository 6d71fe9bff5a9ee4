/**
 * Ctrl/Cmd+K: every command with its shortcut, and the threads to jump to. Type to filter, arrows to
 * move, Enter to run, Esc to close. A WAI-ARIA combobox over a listbox.
 */
import { useMemo, useState } from 'react';
import { useThreads, useWorkspaces } from '../../stores/react';
import { sortThreads } from '../../stores/threads-store';
import { Dialog } from '../../ui/Dialog';
import { Icon, type IconName } from '../../ui/Icon';
import { Kbd } from '../../ui/Kbd';
import { MatchedText, Picker } from '../../ui/Picker';
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

  const run = (entry: Entry) => {
    onClose();
    // After the dialog closes, so a command that opens another dialog or moves focus wins.
    setTimeout(() => void entry.run(), 0);
  };

  return (
    <Picker
      items={shown}
      itemKey={({ item }) => item.key}
      isEnabled={({ item }) => item.enabled}
      onChoose={({ item }) => run(item)}
      query={query}
      onQuery={setQuery}
      placeholder="Type a command or a thread name…"
      inputLabel="Command"
      listLabel="Commands"
      notice={shown.length === 0 ? `No command or thread matches “${query}”.` : null}
      renderItem={({ item, positions }) => (
        <>
          <Icon name={item.icon} size={15} className="palette-item-icon" />
          <span className="palette-item-title truncate">
            <MatchedText text={item.title} positions={positions} />
          </span>
          <span className="palette-item-category">{item.category}</span>
          {item.shortcut && <Kbd shortcut={item.shortcut} />}
        </>
      )}
      footer={
        <>
          <span>
            <Kbd shortcut="ArrowUp" /> <Kbd shortcut="ArrowDown" /> move
          </span>
          <span>
            <Kbd shortcut="Enter" /> run
          </span>
          <span>
            <Kbd shortcut="Esc" /> close
          </span>
        </>
      }
    />
  );
}
