/**
 * The bottom panel of the main window: terminals live here.
 *
 * Mount point for the terminals feature (renderer/src/features/terminals): it replaces
 * <BottomPanelEmpty> below with its own panel, which gets `onHide` and may reuse <PanelHeader>.
 * The frame owns the panel's size, visibility (Mod+J / Ctrl+`) and keyboard region.
 */
import { useRef } from 'react';
import { useStores } from '../../stores/react';
import { EmptyState } from '../../ui/EmptyState';
import { IconButton } from '../../ui/Button';
import { PanelHeader } from './PanelHeader';
import { TerminalPanel } from '../terminals/TerminalPanel';
import { useFocusRequest } from './use-focus-request';
import { SHORTCUTS } from './use-frame-commands';

export function BottomPanel() {
  const { ui } = useStores();
  const panel = useRef<HTMLElement>(null);
  const onHide = () => ui.getState().setPanelOpen('bottom', false);
  useFocusRequest(['bottom'], () => panel.current?.focus());
  return (
    <section ref={panel} className="bottom-panel" data-region="bottom" aria-label="Terminal panel" tabIndex={-1}>
      <TerminalPanel onHide={onHide} />
    </section>
  );
}

export function BottomPanelEmpty({ onHide }: { onHide(): void }) {
  return (
    <>
      <PanelHeader title="Terminal" icon="terminal" actions={<IconButton icon="close" size="sm" label="Hide terminal panel" shortcut={SHORTCUTS.toggleBottom} onClick={onHide} />} />
      <div className="panel-body panel-body-center">
        <EmptyState icon="terminal" title="No terminals yet" compact>
          <p>Terminals you open and the commands the agent runs appear here, live.</p>
        </EmptyState>
      </div>
    </>
  );
}
