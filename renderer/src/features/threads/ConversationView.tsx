/** The centre of the main window: the open thread, or the welcome guide when none is open. */
import { useRef } from 'react';
import { useUi, useThreads } from '../../stores/react';
import { IconButton } from '../../ui/Button';
import type { FrameActions } from '../shell/frame-actions';
import { useFocusRequest } from '../shell/use-focus-request';
import { SHORTCUTS } from '../shell/use-frame-commands';
import { Welcome } from '../welcome/Welcome';
import { ThreadView } from './ThreadView';
import './threads.css';

export function ConversationView({ actions }: { actions: FrameActions }) {
  const selectedId = useUi((s) => s.selectedThreadId);
  const thread = useThreads((s) => (selectedId ? s.byId[selectedId] : undefined));
  const panels = useUi((s) => s.panels);
  const visible = thread && !thread.archived ? thread : undefined;
  const main = useRef<HTMLElement>(null);
  // With a thread open, its title takes this focus; without one, the area itself.
  useFocusRequest(['conversation'], () => main.current?.focus(), !visible);

  const headerStart = !panels.sidebar.open && (
    <IconButton icon="sidebarLeft" label="Show sidebar" shortcut={SHORTCUTS.toggleSidebar} onClick={() => actions.togglePanel('sidebar')} />
  );
  const headerEnd = (
    <>
      <span className="header-divider" aria-hidden="true" />
      <IconButton
        icon="panelBottom"
        label={panels.bottom.open ? 'Hide terminal panel' : 'Show terminal panel'}
        shortcut={SHORTCUTS.toggleBottom}
        active={panels.bottom.open}
        onClick={() => actions.togglePanel('bottom')}
      />
      <IconButton
        icon="sidebarRight"
        label={panels.review.open ? 'Hide review panel' : 'Show review panel'}
        shortcut={SHORTCUTS.toggleReview}
        active={panels.review.open}
        onClick={() => actions.togglePanel('review')}
      />
    </>
  );

  return (
    <main ref={main} className="conversation" data-region="conversation" aria-label="Conversation" tabIndex={-1}>
      {visible ? (
        <ThreadView key={visible.id} thread={visible} actions={actions} headerStart={headerStart} headerEnd={headerEnd} />
      ) : (
        <>
          <header className="centre-header">
            {headerStart}
            <div className="centre-header-title" />
            <div className="centre-header-actions">{headerEnd}</div>
          </header>
          <div className="centre-empty">
            <Welcome actions={actions} />
          </div>
        </>
      )}
    </main>
  );
}
