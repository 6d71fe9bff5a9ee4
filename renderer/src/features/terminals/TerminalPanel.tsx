/**
 * The bottom panel's terminals: a tab per terminal (or per split group), the terminals of the active
 * tab side by side, and the panel's commands (new, split, find, close). Mounted by the frame's
 * BottomPanel; the terminals themselves live on in the feature while the panel is hidden.
 */
import '@xterm/xterm/css/xterm.css';
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { TerminalInfo } from '../../../../shared/contract';
import { Button, IconButton } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { useRegisterCommands } from '../commands/react';
import { isMac } from '../commands/platform';
import type { Command } from '../commands/registry';
import { PanelHeader } from '../shell/PanelHeader';
import { SHORTCUTS } from '../shell/use-frame-commands';
import type { TerminalTab } from './layout';
import { endedMessage, TerminalPane } from './TerminalPane';
import { useTerminalsFeature } from './use-terminals-feature';
import './terminals.css';

export const TERMINAL_SHORTCUTS = {
  newTerminal: 'Ctrl+Shift+`',
  split: 'Mod+Shift+5',
  find: isMac ? 'Mod+F' : 'Mod+Shift+F',
} as const;

export function TerminalPanel({ onHide }: { onHide(): void }) {
  const feature = useTerminalsFeature();
  const { store } = feature;
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.error);
  const byId = useStore(store, (s) => s.byId);
  const layout = useStore(store, (s) => s.layout);
  const lostNotice = useStore(store, (s) => s.lostNotice);
  const [findFor, setFindFor] = useState<string | null>(null);
  const actions = store.getState();
  const activePane = layout.activePane && byId[layout.activePane] ? layout.activePane : null;

  const commands = useMemo<Command[]>(
    () => [
      { id: 'terminal.new', title: 'New terminal', category: 'Terminal', shortcut: TERMINAL_SHORTCUTS.newTerminal, keywords: 'shell console open', run: () => void actions.createTerminal() },
      {
        id: 'terminal.split',
        title: 'Split terminal',
        category: 'Terminal',
        shortcut: TERMINAL_SHORTCUTS.split,
        enabled: activePane !== null,
        keywords: 'side by side',
        run: () => void actions.createTerminal({ besideId: activePane }),
      },
      { id: 'terminal.find', title: 'Find in terminal', category: 'Terminal', shortcut: TERMINAL_SHORTCUTS.find, enabled: activePane !== null, keywords: 'search', run: () => setFindFor(activePane) },
      {
        id: 'terminal.close',
        title: 'Close terminal',
        category: 'Terminal',
        enabled: activePane !== null,
        keywords: 'kill exit',
        run: () => {
          if (activePane) void actions.closeTerminal(activePane);
        },
      },
    ],
    [actions, activePane],
  );
  useRegisterCommands('terminals', commands);

  const tabs = layout.tabs.filter((t) => t.panes.some((p) => byId[p]));
  const headerActions = (
    <>
      <IconButton icon="plus" size="sm" label="New terminal" shortcut={TERMINAL_SHORTCUTS.newTerminal} onClick={() => void actions.createTerminal()} />
      <IconButton icon="sidebarRight" size="sm" label="Split terminal" shortcut={TERMINAL_SHORTCUTS.split} disabled={!activePane} onClick={() => void actions.createTerminal({ besideId: activePane })} />
      <IconButton icon="search" size="sm" label="Find in terminal" shortcut={TERMINAL_SHORTCUTS.find} disabled={!activePane} onClick={() => setFindFor(activePane)} />
      <IconButton icon="close" size="sm" label="Hide terminal panel" shortcut={SHORTCUTS.toggleBottom} onClick={onHide} />
    </>
  );

  return (
    <>
      <PanelHeader title="Terminal" icon="terminal" actions={headerActions}>
        <div className="terminal-tabs" role="tablist" aria-label="Terminals">
          {tabs.map((tab) => (
            <TabButton key={tab.id} tab={tab} byId={byId} active={tab.id === layout.activeTab} onSelect={() => actions.selectTab(tab.id)} onClose={() => tab.panes.forEach((id) => void actions.closeTerminal(id))} />
          ))}
        </div>
      </PanelHeader>
      {lostNotice && (
        <div className="terminal-banner" role="alert">
          <Icon name="alert" size={13} />
          <span>{lostNotice} Tandem restarted it; the terminals marked lost are gone.</span>
          <Button size="sm" variant="ghost" onClick={actions.dismissNotice}>
            Dismiss
          </Button>
        </div>
      )}
      {error && (
        <div className="terminal-banner terminal-banner-error" role="alert">
          <Icon name="alert" size={13} />
          <span>{error}</span>
        </div>
      )}
      {tabs.length === 0 ? (
        <div className="panel-body panel-body-center">
          <EmptyState icon="terminal" title={status === 'loading' ? 'Loading terminals…' : 'No terminals yet'} compact>
            <p>Terminals you open and the commands the agent runs appear here, live.</p>
            <Button size="sm" variant="secondary" icon="plus" onClick={() => void actions.createTerminal()}>
              New terminal
            </Button>
          </EmptyState>
        </div>
      ) : (
        <div className="terminal-body">
          {tabs.map((tab) => (
            <div key={tab.id} className="terminal-tab" role="tabpanel" hidden={tab.id !== layout.activeTab}>
              {tab.panes.map((id) => {
                const info = byId[id];
                if (!info) return null;
                return (
                  <TerminalPane
                    key={id}
                    info={info}
                    visible={tab.id === layout.activeTab}
                    focused={id === activePane}
                    findOpen={findFor === id}
                    onFindOpen={(open) => setFindFor(open ? id : null)}
                    onFocus={() => actions.focusPane(id)}
                    onNewTerminal={() => void actions.createTerminal()}
                    onClose={() => void actions.closeTerminal(id)}
                  />
                );
              })}
            </div>
          ))}
        </div>
      )}
    </>
  );
}

function TabButton({ tab, byId, active, onSelect, onClose }: { tab: TerminalTab; byId: Record<string, TerminalInfo>; active: boolean; onSelect(): void; onClose(): void }) {
  const infos = tab.panes.map((id) => byId[id]).filter((i): i is TerminalInfo => Boolean(i));
  const first = infos[0];
  if (!first) return null;
  const label = infos.map((i) => tabLabel(i)).join(' | ');
  const ended = infos.find((i) => i.status !== 'running');
  const hint = [
    ...infos.map((i) => `${tabLabel(i)}: ${i.cwd}`),
    ...infos.filter((i) => i.integration.state === 'off' && i.integration.reason).map((i) => `Shell integration off: ${i.integration.reason}`),
    ...(ended ? [endedMessage(ended)] : []),
  ].join('\n');
  return (
    <div className={`terminal-tab-button${active ? ' is-active' : ''}`} data-status={ended?.status ?? 'running'}>
      <button type="button" role="tab" aria-selected={active} className="terminal-tab-select" title={hint} onClick={onSelect}>
        <Icon name={first.owner === 'agent' ? 'sparkle' : 'terminal'} size={12} />
        <span className="terminal-tab-label">{label}</span>
        {ended && <span className={`terminal-tab-status terminal-tab-status-${ended.status}`}>{ended.status === 'lost' ? 'lost' : exitBadge(ended)}</span>}
      </button>
      <button type="button" className="terminal-tab-close" aria-label={`Close ${label}`} title="Close" onClick={onClose}>
        <Icon name="close" size={11} />
      </button>
    </div>
  );
}

function tabLabel(info: TerminalInfo): string {
  return info.label || 'terminal';
}

function exitBadge(info: TerminalInfo): string {
  return info.exit?.signal ?? `exit ${info.exit?.code ?? '?'}`;
}
