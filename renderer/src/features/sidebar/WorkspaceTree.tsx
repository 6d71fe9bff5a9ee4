/**
 * Folders and their threads as a WAI-ARIA tree: one tab stop, arrows move, Right/Left open and close a
 * folder, Enter opens a thread. Selection (the open thread) and focus are separate, as in a file tree.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Thread, ThreadStatus } from '../../../../shared/contract';
import { useStores, useThreads, useUi, useWorkspaces } from '../../stores/react';
import { IconButton } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import type { FrameActions } from '../shell/frame-actions';
import { relativeTime } from '../threads/relative-time';
import { useFocusRequest } from '../shell/use-focus-request';
import { groupThreads, type WorkspaceGroup } from './tree-model';

type Node =
  | { kind: 'workspace'; key: string; group: WorkspaceGroup; expanded: boolean }
  | { kind: 'thread'; key: string; thread: Thread; parent: string };

const NO_FOLDER = 'ws:none';

function workspaceKey(group: WorkspaceGroup): string {
  return group.workspace ? `ws:${group.workspace.id}` : NO_FOLDER;
}

const STATUS_LABEL: Partial<Record<ThreadStatus, string>> = {
  running: 'Running',
  waitingForApproval: 'Waiting for approval',
  paused: 'Paused',
  failed: 'Failed',
};

export function WorkspaceTree({ actions, revealWorkspace }: { actions: FrameActions; revealWorkspace: string | null }) {
  const { ui } = useStores();
  const workspaces = useWorkspaces((s) => s.list);
  const byId = useThreads((s) => s.byId);
  const selectedId = useUi((s) => s.selectedThreadId);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const refs = useRef(new Map<string, HTMLElement>());
  const groups = useMemo(() => groupThreads(workspaces, byId), [workspaces, byId]);

  const nodes = useMemo(() => {
    const out: Node[] = [];
    for (const group of groups) {
      const key = workspaceKey(group);
      const expanded = !collapsed.has(key);
      out.push({ kind: 'workspace', key, group, expanded });
      if (expanded) for (const thread of group.threads) out.push({ kind: 'thread', key: `t:${thread.id}`, thread, parent: key });
    }
    return out;
  }, [groups, collapsed]);

  // The tab stop: the focused node if still shown, else the open thread, else the first node.
  const tabKey = nodes.some((n) => n.key === focusKey) ? focusKey : nodes.some((n) => n.key === `t:${selectedId}`) ? `t:${selectedId}` : (nodes[0]?.key ?? null);

  const focusNode = (key: string | null | undefined) => {
    if (!key) return;
    setFocusKey(key);
    refs.current.get(key)?.focus();
  };

  useFocusRequest(['sidebar'], () => focusNode(tabKey));

  useEffect(() => {
    if (revealWorkspace) focusNode(`ws:${revealWorkspace}`);
  }, [revealWorkspace]);

  const setExpanded = (key: string, expanded: boolean) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (expanded) next.delete(key);
      else next.add(key);
      return next;
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    // Chords belong to the window's shortcuts (Alt+↓ next thread, Ctrl+Shift+Space quick ask, …).
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const index = nodes.findIndex((n) => n.key === tabKey);
    const node = nodes[index];
    if (!node) return;
    switch (e.key) {
      case 'ArrowDown':
        focusNode(nodes[Math.min(nodes.length - 1, index + 1)]?.key);
        break;
      case 'ArrowUp':
        focusNode(nodes[Math.max(0, index - 1)]?.key);
        break;
      case 'Home':
        focusNode(nodes[0]?.key);
        break;
      case 'End':
        focusNode(nodes.at(-1)?.key);
        break;
      case 'ArrowRight':
        if (node.kind === 'workspace') {
          if (!node.expanded) setExpanded(node.key, true);
          else if (nodes[index + 1]?.kind === 'thread') focusNode(nodes[index + 1]?.key);
        }
        break;
      case 'ArrowLeft':
        if (node.kind === 'thread') focusNode(node.parent);
        else if (node.expanded) setExpanded(node.key, false);
        break;
      case 'Enter':
      case ' ':
        if (node.kind === 'thread') actions.openThread(node.thread.id);
        else setExpanded(node.key, !node.expanded);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  if (groups.length === 0) return null;

  return (
    <ul className="tree" role="tree" aria-label="Folders and threads" onKeyDown={onKeyDown}>
      {groups.map((group) => {
        const key = workspaceKey(group);
        const expanded = !collapsed.has(key);
        const ws = group.workspace;
        return (
          <li key={key} role="none" className="tree-group">
            <div
              ref={(el) => {
                if (el) refs.current.set(key, el);
                else refs.current.delete(key);
              }}
              role="treeitem"
              aria-level={1}
              aria-expanded={expanded}
              aria-label={ws ? `${ws.name}, ${group.threads.length} ${group.threads.length === 1 ? 'thread' : 'threads'}` : 'Threads without a folder'}
              tabIndex={tabKey === key ? 0 : -1}
              className="tree-row tree-workspace"
              title={ws?.path}
              onFocus={() => setFocusKey(key)}
              onClick={() => setExpanded(key, !expanded)}
              data-region-focus={tabKey === key ? '' : undefined}
            >
              <Icon name={expanded ? 'chevronDown' : 'chevronRight'} size={14} className="tree-chevron" />
              <span className="tree-label truncate">{ws ? ws.name : 'No folder'}</span>
              {ws && !ws.isGit && (
                <span className="tree-badge" title="Not a git repository">
                  no git
                </span>
              )}
              {ws && (
                <span className="tree-actions">
                  <IconButton
                    icon="plus"
                    size="sm"
                    tabIndex={-1}
                    label={`New thread in ${ws.name}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      setExpanded(key, true);
                      void actions.newThread(ws.id);
                    }}
                  />
                  {ws.isGit && (
                    <IconButton
                      icon="branch"
                      size="sm"
                      tabIndex={-1}
                      label={`New thread in a worktree of ${ws.name} (its own branch)…`}
                      onClick={(e) => {
                        e.stopPropagation();
                        setExpanded(key, true);
                        actions.newWorktreeThread(ws.id);
                      }}
                    />
                  )}
                  <IconButton
                    icon="trash"
                    size="sm"
                    tabIndex={-1}
                    label={`Remove ${ws.name} from Tandem (the folder stays on disk)`}
                    onClick={(e) => {
                      e.stopPropagation();
                      void actions.removeFolder(ws.id);
                    }}
                  />
                </span>
              )}
            </div>
            {expanded && (
              <ul role="group" className="tree-children">
                {group.threads.length === 0 && ws && (
                  <li role="none" className="tree-hint">
                    No threads yet
                  </li>
                )}
                {group.threads.map((thread) => {
                  const tkey = `t:${thread.id}`;
                  const selected = thread.id === selectedId;
                  const status = STATUS_LABEL[thread.status];
                  return (
                    <li
                      key={thread.id}
                      ref={(el) => {
                        if (el) refs.current.set(tkey, el);
                        else refs.current.delete(tkey);
                      }}
                      role="treeitem"
                      aria-level={2}
                      aria-selected={selected}
                      aria-current={selected ? 'page' : undefined}
                      tabIndex={tabKey === tkey ? 0 : -1}
                      className={selected ? 'tree-row tree-thread is-selected' : 'tree-row tree-thread'}
                      onFocus={() => setFocusKey(tkey)}
                      onClick={() => actions.openThread(thread.id)}
                      onDoubleClick={() => ui.getState().setRenaming(thread.id)}
                      data-region-focus={tabKey === tkey ? '' : undefined}
                    >
                      <span className={`thread-status status-${thread.status}`} title={status} aria-hidden="true" />
                      <span className="tree-label truncate">{thread.title}</span>
                      {thread.worktree && (
                        <span className="tree-worktree" title={`Works in its own worktree, on ${thread.worktree.branch}`}>
                          <Icon name="branch" size={12} />
                          <span className="visually-hidden">, in worktree {thread.worktree.branch}</span>
                        </span>
                      )}
                      {status && <span className="visually-hidden">, {status}</span>}
                      <time className="tree-meta" dateTime={new Date(thread.updatedAt).toISOString()}>
                        {relativeTime(thread.updatedAt)}
                      </time>
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
