/** The thin bar at the bottom: where you are, which model answers, whether suggestions are on. */
import { useApp, useConnection, useProvider, useThreads, useUi, useWorkspaces } from '../../stores/react';
import { isProviderReady } from '../../stores/provider-store';
import { Icon } from '../../ui/Icon';
import { Kbd } from '../../ui/Kbd';
import { SuggestionsBadge } from '../suggestions/SuggestionsBadge';
import type { FrameActions } from './frame-actions';
import { SHORTCUTS } from './use-frame-commands';

export function StatusBar({ actions, webMode }: { actions: FrameActions; webMode: boolean }) {
  const connection = useConnection((s) => s.state.status);
  const paused = useApp((s) => s.paused);
  const appReady = useApp((s) => s.info !== null);
  const config = useProvider((s) => s.config);
  const selected = useUi((s) => s.selectedThreadId);
  const workspaceId = useThreads((s) => (selected ? s.byId[selected]?.workspaceId : null) ?? null);
  const workspace = useWorkspaces((s) => s.list.find((w) => w.id === workspaceId) ?? null);
  const ready = isProviderReady(config);

  return (
    <footer className="statusbar" aria-label="Status bar">
      <div className="statusbar-group">
        {webMode && (
          <span className={`statusbar-item connection-${connection}`} title={connection === 'open' ? 'Connected to tandem serve' : 'Not connected'}>
            <span className="status-dot" aria-hidden="true" />
            {connection === 'open' ? 'Connected' : connection === 'connecting' ? 'Connecting…' : 'Offline'}
          </span>
        )}
        {workspace && (
          <span className="statusbar-item" title={workspace.path}>
            <Icon name={workspace.isGit ? 'branch' : 'folder'} size={13} />
            <span className="truncate">{workspace.path}</span>
          </span>
        )}
      </div>
      <div className="statusbar-group">
        {appReady && <SuggestionsBadge webMode={webMode} />}
        {appReady && (
          <button
            type="button"
            className={paused ? 'statusbar-item statusbar-button is-warning' : 'statusbar-item statusbar-button'}
            onClick={() => actions.setPaused(!paused)}
            title={paused ? 'Resume suggestions' : 'Pause suggestions'}
          >
            <Icon name={paused ? 'pause' : 'sparkle'} size={13} />
            {paused ? 'Suggestions paused' : 'Suggestions on'}
          </button>
        )}
        {config && (
          <button type="button" className="statusbar-item statusbar-button" onClick={() => actions.openSettings('model')} title="Model settings">
            <Icon name="cube" size={13} />
            {ready ? <span className="truncate">{config.model}</span> : <span>Set up a model</span>}
          </button>
        )}
        <button type="button" className="statusbar-item statusbar-button" onClick={actions.openPalette} title="Show all commands">
          <Kbd shortcut={SHORTCUTS.palette} className="kbd-quiet" />
          <span>Commands</span>
        </button>
      </div>
    </footer>
  );
}
