/** The left sidebar: the way to every command, the folders with their threads, and "Add folder…". */
import { useState } from 'react';
import { useThreads, useUi, useWorkspaces } from '../../stores/react';
import { Button, IconButton } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { Kbd } from '../../ui/Kbd';
import { Logo } from '../../ui/Logo';
import type { FrameActions } from '../shell/frame-actions';
import { SHORTCUTS } from '../shell/use-frame-commands';
import { AddFolderForm } from './AddFolderForm';
import { WorkspaceTree } from './WorkspaceTree';
import './sidebar.css';

export function Sidebar({ actions }: { actions: FrameActions }) {
  const adding = useUi((s) => s.addingFolder);
  const workspaceCount = useWorkspaces((s) => s.list.length);
  const workspacesLoaded = useWorkspaces((s) => s.status === 'ready' || s.status === 'error');
  const looseThreads = useThreads((s) => Object.values(s.byId).some((t) => !t.archived && t.workspaceId === null));
  const [reveal, setReveal] = useState<string | null>(null);
  const empty = workspacesLoaded && workspaceCount === 0 && !looseThreads;

  return (
    <nav className="sidebar" data-region="sidebar" aria-label="Sidebar">
      <div className="sidebar-top">
        <div className="brand">
          <Logo size={18} />
          <span className="brand-name">Tandem</span>
        </div>
        <IconButton icon="settings" label="Settings" shortcut={SHORTCUTS.settings} onClick={() => actions.openSettings()} />
        <IconButton icon="sidebarLeft" label="Hide sidebar" shortcut={SHORTCUTS.toggleSidebar} onClick={() => actions.togglePanel('sidebar')} />
      </div>

      <div className="sidebar-actions">
        <button type="button" className="sidebar-search" onClick={actions.openPalette}>
          <Icon name="search" size={14} />
          <span className="sidebar-search-label">Search commands</span>
          <Kbd shortcut={SHORTCUTS.palette} className="kbd-quiet" />
        </button>
        <button type="button" className="sidebar-item" onClick={() => actions.newThread()}>
          <Icon name="pencil" size={15} />
          <span className="sidebar-item-label">New thread</span>
          <Kbd shortcut={SHORTCUTS.newThread} className="kbd-quiet kbd-hover" />
        </button>
      </div>

      <div className="sidebar-section">
        <div className="sidebar-section-header">
          <h2 className="sidebar-section-title">Folders</h2>
          <IconButton icon="folderPlus" size="sm" label="Add folder…" shortcut={SHORTCUTS.addFolder} onClick={actions.addFolder} />
        </div>
        {adding && <AddFolderForm onAdded={setReveal} />}
        <div className="sidebar-scroll">
          {empty && !adding ? (
            <EmptyState icon="folder" title="No folders yet" compact>
              <p>Add a project folder — usually a git repository — to start threads in it.</p>
              <p className="empty-state-cta">
                <Button size="sm" icon="folderPlus" onClick={actions.addFolder}>
                  Add folder…
                </Button>
              </p>
            </EmptyState>
          ) : (
            <WorkspaceTree actions={actions} revealWorkspace={reveal} />
          )}
        </div>
      </div>
    </nav>
  );
}
