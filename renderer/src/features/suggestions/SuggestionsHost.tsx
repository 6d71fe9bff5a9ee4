/**
 * Suggestions in the main window: the palette's "Show suggestion inbox", the popover of cards opened
 * from the status bar's badge (in a browser; the desktop app has the tray overlay), the inbox, and
 * what accepting a card opens here (the thread, the review panel, the code view).
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import type { Suggestion } from '../../../../shared/contract';
import type { Stores } from '../../stores';
import { isProviderReady } from '../../stores/provider-store';
import { useStores } from '../../stores/react';
import { IconButton } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { codeFeatureFor } from '../code/code-store';
import { useRegisterCommands } from '../commands/react';
import type { Command } from '../commands/registry';
import { acceptSuggestion, type AcceptOutcome } from './accept-action';
import { KeyHints } from './KeyHints';
import { showDraft } from './open-draft';
import { SuggestionCards } from './SuggestionCards';
import { SuggestionsInbox } from './SuggestionsInbox';
import { suggestionsStoreFor } from './suggestions-store';
import './suggestions.css';

/** Accepting from the main window: open what the action names right here. */
export function acceptInMainWindow(stores: Stores, closeSuggestions: () => void, s: Suggestion): Promise<AcceptOutcome> {
  const ui = stores.ui.getState();
  return acceptSuggestion(
    {
      client: stores.client,
      workspaces: stores.workspaces.getState().list,
      modelReady: isProviderReady(stores.provider.getState().config),
      openThread: (id) => {
        ui.selectThread(id);
        closeSuggestions();
      },
      openReview: (workspaceId) => {
        // The review panel follows the open thread's folder: open that folder's latest thread.
        const threads = Object.values(stores.threads.getState().byId);
        const current = ui.selectedThreadId ? stores.threads.getState().byId[ui.selectedThreadId] : undefined;
        if (workspaceId && current?.workspaceId !== workspaceId) {
          const latest = threads.filter((t) => t.workspaceId === workspaceId && !t.archived).sort((a, b) => b.updatedAt - a.updatedAt)[0];
          if (latest) ui.selectThread(latest.id);
        }
        ui.setPanelOpen('review', true);
        ui.requestFocus('review');
        closeSuggestions();
      },
      openDraft: (threadId, worktree) => {
        closeSuggestions();
        void showDraft(stores, threadId, worktree).catch(() => undefined);
      },
      openCode: (path, line, column, baseDir) => {
        closeSuggestions();
        return codeFeatureFor(stores.client).openCodeAt(path, line, column, baseDir ? { baseDir } : {});
      },
    },
    s,
  );
}

export function SuggestionsHost({ webMode }: { webMode: boolean }) {
  const stores = useStores();
  const store = useMemo(() => suggestionsStoreFor(stores.client), [stores.client]);
  const view = useStore(store, (s) => s.view);
  const accept = useCallback(
    (s: Suggestion) => acceptInMainWindow(stores, () => store.getState().setView('closed'), s),
    [stores, store],
  );

  const commands = useMemo<Command[]>(
    () => [
      {
        id: 'suggestions.inbox',
        title: 'Show suggestion inbox',
        category: 'Suggestions',
        keywords: 'suggestions history inbox cards proactive',
        run: () => store.getState().setView('inbox'),
      },
    ],
    [store],
  );
  useRegisterCommands('suggestions', commands);

  return (
    <>
      {webMode && view === 'cards' && <SuggestionsPopover onAccept={accept} />}
      <SuggestionsInbox open={view === 'inbox'} onClose={() => store.getState().setView('closed')} onAccept={accept} />
    </>
  );
}

/** The in-page overlay (browser): a small panel above the status bar's badge. Esc or a click outside closes it. */
function SuggestionsPopover({ onAccept }: { onAccept(s: Suggestion): Promise<AcceptOutcome> }) {
  const { client } = useStores();
  const store = suggestionsStoreFor(client);
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const close = () => store.getState().setView('closed');
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) close();
    };
    const onDown = (e: MouseEvent) => {
      const target = e.target as Node | null;
      if (target && !panel.current?.contains(target) && !(target instanceof Element && target.closest('.suggestions-badge'))) close();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, [store]);

  return (
    <section ref={panel} className="suggestions-popover" aria-label="Suggestions">
      <header className="suggestions-popover-header">
        <h2>Suggestions</h2>
        <button type="button" className="suggestion-explain-link" onClick={() => store.getState().setView('inbox')}>
          Inbox
        </button>
        <IconButton icon="close" size="sm" label="Close suggestions" onClick={() => store.getState().setView('closed')} />
      </header>
      <div className="suggestions-popover-body">
        <SuggestionCards
          store={store}
          linkify
          autoFocus
          onAccept={onAccept}
          empty={
            <EmptyState icon="inbox" title="Nothing needs you right now" compact>
              <p>When Tandem notices a moment it can help — a test run failed, a build broke — a card appears here at a natural break.</p>
            </EmptyState>
          }
        />
      </div>
      <KeyHints store={store} />
    </section>
  );
}
