/**
 * The tray overlay: suggestion cards Tandem prepared, shown at a natural break. Until one arrives (or
 * while suggestions are paused) it says so, and what will appear here.
 */
import { useEffect } from 'react';
import { useApp, useStores } from '../../stores/react';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Logo } from '../../ui/Logo';
import { Switch } from '../../ui/Switch';
import './overlay.css';

export function SuggestionsOverlay() {
  const stores = useStores();
  const paused = useApp((s) => s.paused);
  const loaded = useApp((s) => s.info !== null);

  useEffect(() => {
    // Esc puts the overlay away; the desktop shell hides the window instead of closing it.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') window.close();
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
        {paused ? (
          <EmptyState icon="pause" title="Suggestions are paused" compact actions={<Button size="sm" variant="primary" onClick={() => void setPaused(false)}>Resume</Button>}>
            <p>Tandem won’t surface anything until you resume.</p>
          </EmptyState>
        ) : (
          <EmptyState icon="inbox" title="Nothing needs you right now" compact>
            <p>When Tandem notices a moment it can help — a test run failed, a build broke — it prepares a card here, at a natural break in your work.</p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}
