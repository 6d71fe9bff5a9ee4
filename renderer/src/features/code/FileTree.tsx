/**
 * The folder's files as git sees them, with status decorations. Folders load when expanded; changes
 * on disk (`code.changed`) reload what is open. Virtualized, so a folder of 10,000 files scrolls
 * smoothly. Keyboard: arrows move and expand/collapse, Enter opens, Home/End jump.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { GitDecoration, TreeEntry } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useStores } from '../../stores/react';
import { Icon } from '../../ui/Icon';
import { ancestorsOf, flattenTree, moveSelection, type TreeRow } from './tree-model';

const ROW_HEIGHT = 24;
const OVERSCAN = 10;
/** Changes on disk arrive in bursts (a checkout, a build); reload once they settle. */
const RELOAD_DELAY_MS = 120;

const DECORATION_LETTER: Record<GitDecoration, string> = {
  modified: 'M',
  added: 'A',
  untracked: 'U',
  deleted: 'D',
  renamed: 'R',
  conflicted: '!',
};

const DECORATION_LABEL: Record<GitDecoration, string> = {
  modified: 'modified',
  added: 'added',
  untracked: 'untracked',
  deleted: 'deleted',
  renamed: 'renamed',
  conflicted: 'in conflict',
};

export interface FileTreeProps {
  root: string;
  /** The open file: highlighted, and revealed (folders opened, row scrolled to) when `revealKey` changes. */
  activePath: string | null;
  revealKey: string;
  onOpen(path: string): void;
}

export function FileTree({ root, activePath, revealKey, onOpen }: FileTreeProps) {
  const { client } = useStores();
  const [children, setChildren] = useState<Map<string, TreeEntry[]>>(new Map());
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<{ git: boolean; live: boolean; truncated: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [focusPath, setFocusPath] = useState<string | null>(activePath);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const scroller = useRef<HTMLDivElement>(null);
  const expandedRef = useRef(expanded);
  expandedRef.current = expanded;

  const load = useCallback(
    async (dir: string) => {
      try {
        const tree = await client.invoke('code.tree', { root, dir });
        setChildren((prev) => new Map(prev).set(dir, tree.entries));
        if (dir === '') setStatus({ git: tree.git, live: tree.live, truncated: tree.truncated });
        setError(null);
        return tree.entries;
      } catch (err) {
        if (dir === '') setError(describeError(err));
        // A folder that vanished is dropped from view.
        setChildren((prev) => {
          const next = new Map(prev);
          next.delete(dir);
          return next;
        });
        return null;
      }
    },
    [client, root],
  );

  // A new root: start from its top.
  useEffect(() => {
    setChildren(new Map());
    setExpanded(new Set());
    setStatus(null);
    setError(null);
    void load('');
  }, [load]);

  // Live updates: reload every open folder once a burst of changes settles.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.on('code.changed', (change) => {
      if (change.root !== root) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        for (const dir of ['', ...expandedRef.current]) void load(dir);
      }, RELOAD_DELAY_MS);
    });
    // After a reconnect, changes may have been missed.
    const offConnection = client.onConnection((state) => {
      if (state.status === 'open') for (const dir of ['', ...expandedRef.current]) void load(dir);
    });
    return () => {
      off();
      offConnection();
      if (timer) clearTimeout(timer);
    };
  }, [client, root, load]);

  const rows = useMemo(() => flattenTree(children, expanded), [children, expanded]);
  const focusIndex = focusPath ? rows.findIndex((r) => r.entry.path === focusPath) : -1;

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scroller.current;
      if (!el || index < 0) return;
      const top = index * ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    },
    [],
  );

  const toggle = useCallback(
    (path: string, open?: boolean) => {
      setExpanded((prev) => {
        const next = new Set(prev);
        const shouldOpen = open ?? !prev.has(path);
        if (shouldOpen) {
          next.add(path);
          void load(path);
        } else {
          next.delete(path);
        }
        return next;
      });
    },
    [load],
  );

  // Reveal the open file: expand its folders, load them, then select and show its row (once).
  const pendingReveal = useRef<string | null>(null);
  useEffect(() => {
    if (!activePath) return;
    let cancelled = false;
    const dirs = ancestorsOf(activePath);
    pendingReveal.current = activePath;
    void (async () => {
      setExpanded((prev) => new Set([...prev, ...dirs]));
      for (const dir of dirs) {
        if (cancelled) return;
        await load(dir);
      }
      if (!cancelled) setFocusPath(activePath);
    })();
    return () => {
      cancelled = true;
    };
  }, [activePath, revealKey, load]);

  useEffect(() => {
    const wanted = pendingReveal.current;
    if (!wanted) return;
    const index = rows.findIndex((r) => r.entry.path === wanted);
    if (index < 0) return;
    pendingReveal.current = null;
    scrollToIndex(index);
  }, [rows, scrollToIndex]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  const activate = (row: TreeRow) => {
    setFocusPath(row.entry.path);
    if (row.entry.kind === 'dir') toggle(row.entry.path);
    else if (row.entry.kind === 'file') onOpen(row.entry.path);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[focusIndex];
    if (e.key === 'Enter' || e.key === ' ') {
      if (row) activate(row);
    } else if (e.key === 'ArrowRight') {
      if (row?.entry.kind === 'dir') {
        if (!row.expanded) toggle(row.entry.path, true);
        else if (rows[focusIndex + 1]) setFocusPath(rows[focusIndex + 1]!.entry.path);
      }
    } else if (e.key === 'ArrowLeft' && row?.entry.kind === 'dir' && row.expanded) {
      toggle(row.entry.path, false);
    } else {
      const next = moveSelection(rows, Math.max(0, focusIndex), e.key);
      if (next === null) return;
      setFocusPath(rows[next]!.entry.path);
      scrollToIndex(next);
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  return (
    <div className="code-tree">
      {error && (
        <div className="code-tree-message" role="alert">
          {error}
        </div>
      )}
      {status && !status.live && (
        <div className="code-tree-note">Changes on disk are not watched here; reopen the folder to refresh.</div>
      )}
      {status?.truncated && <div className="code-tree-note">This folder has too many files to list them all (not a git repository).</div>}
      <div
        ref={scroller}
        className="code-tree-scroll"
        role="tree"
        aria-label="Files"
        tabIndex={0}
        aria-activedescendant={focusIndex >= 0 ? `code-tree-row-${focusIndex}` : undefined}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {rows.slice(first, last).map((row, k) => {
            const index = first + k;
            const { entry } = row;
            const classes = ['code-tree-row', index === focusIndex ? 'is-focused' : '', entry.path === activePath ? 'is-active' : '', entry.decoration ? `is-${entry.decoration}` : '']
              .filter(Boolean)
              .join(' ');
            return (
              <div
                key={entry.path}
                id={`code-tree-row-${index}`}
                className={classes}
                role="treeitem"
                aria-level={row.depth + 1}
                aria-expanded={entry.kind === 'dir' ? row.expanded : undefined}
                aria-selected={entry.path === activePath}
                data-path={entry.path}
                title={entry.decoration ? `${entry.path} — ${DECORATION_LABEL[entry.decoration]}` : entry.path}
                style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT, paddingLeft: 8 + row.depth * 14 }}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  scroller.current?.focus();
                  activate(row);
                }}
              >
                {entry.kind === 'dir' ? (
                  <Icon name={row.expanded ? 'chevronDown' : 'chevronRight'} size={13} className="code-tree-chevron" />
                ) : (
                  <span className="code-tree-chevron" />
                )}
                {entry.kind === 'dir' ? (
                  <Icon name="folder" size={14} className="code-tree-icon" />
                ) : entry.kind === 'submodule' ? (
                  <Icon name="submodule" size={14} className="code-tree-icon" />
                ) : (
                  <Icon name="file" size={14} className="code-tree-icon" />
                )}
                <span className="code-tree-name truncate">{entry.name}</span>
                {row.loading && <span className="spinner code-tree-spinner" aria-hidden="true" />}
                {entry.decoration && (
                  <span className="code-tree-badge" aria-label={DECORATION_LABEL[entry.decoration]}>
                    {entry.kind === 'dir' ? '•' : DECORATION_LETTER[entry.decoration]}
                  </span>
                )}
              </div>
            );
          })}
        </div>
        {status && rows.length === 0 && !error && <div className="code-tree-message">No files here.</div>}
      </div>
    </div>
  );
}

