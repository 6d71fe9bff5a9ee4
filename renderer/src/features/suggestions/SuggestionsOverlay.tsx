/**
 * The tray overlay window: the cards Tandem surfaced at a natural break, answered from the keyboard.
 * Until one arrives (or while suggestions are paused) it says so, and what will appear here.
 *
 * This window has no conversation or code view of its own: accepting starts the thread (or records
 * the answer) through the core, and asks the main window to show it (`app.show` → `app.navigate`).
 */
import { useEffect, useMemo } from 'react';
import { useApp, useProvider, useStores, useWorkspaces } from '../../stores/react';
import { isProviderReady } from '../../stores/provider-store';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Logo } from '../../ui/Logo';
import { Switch } from '../../ui/Switch';
import { acceptSuggestion } from './accept-action';
import { KeyHints } from './KeyHints';
import { SuggestionCards } from './SuggestionCards';
import { suggestionsStoreFor } from './suggestions-store';
import './overlay.css';
import './suggestions.css';

export function SuggestionsOverlay() {
  const stores = useStores();
  const paused = useApp((s) => s.paused);
  const loaded = useApp((s) => s.info !== null);
  const workspaces = useWorkspaces((s) => s.list);
  const modelReady = useProvider((s) => isProviderReady(s.config));
  const store = useMemo(() => suggestionsStoreFor(stores.client), [stores.client]);

  useEffect(() => {
    // Esc puts the overlay away; the desktop shell hides the window instead of closing it.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) window.close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const setPaused = (p: boolean) =>
    stores.app
      .getState()
      .setPaused(p)
      .catch(() => undefined);

  return (
    <div className="overlay">
      <header className="overlay-header">
        <Logo size={16} />
        <h1 className="overlay-title">Suggestions</h1>
        {loaded && (
          <label className="overlay-pause">
            <span>{paused ? 'Paused' : 'On'}</span>
            <Switch checked={!paused} onChange={(on) => void setPaused(!on)} label={paused ? 'Resume suggestions' : 'Pause suggestions'} />
          </label>
        )}
      </header>
      <section className="overlay-list" aria-label="Suggestions">
        <SuggestionCards
          store={store}
          linkify={false}
          autoFocus
          onAccept={(s) =>
            acceptSuggestion(
              {
                client: stores.client,
                workspaces,
                modelReady,
                // The main window shows threads and reviews: this window asks it to (the desktop shell brings it forward).
                openThread: (threadId) => void stores.client.invoke('app.show', { view: 'main', threadId }).catch(() => undefined),
                openReview: () => undefined,
                openDraft: (threadId, worktree) => void stores.client.invoke('app.show', { view: 'main', threadId, review: worktree }).catch(() => undefined),
                openCode: null,
              },
              s,
            )
          }
          empty={
            paused ? (
              <EmptyState icon="pause" title="Suggestions are paused" compact actions={<Button size="sm" variant="primary" onClick={() => void setPaused(false)}>Resume</Button>}>
                <p>Tandem won’t surface anything until you resume.</p>
              </EmptyState>
            ) : (
              <EmptyState icon="inbox" title="Nothing needs you right now" compact>
                <p>When Tandem notices a moment it can help — a test run failed, a build broke — it prepares a card here, at a natural break in your work.</p>
              </EmptyState>
            )
          }
        />
      </section>
      <KeyHints store={store} />
    </div>
  );
}
