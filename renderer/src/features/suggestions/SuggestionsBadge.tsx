/**
 * The status bar's quiet badge: a dot and the number of cards waiting. A click opens the cards (in a
 * browser, as a popover) or, with none waiting, the inbox.
 */
import { useStore } from 'zustand';
import { useStores } from '../../stores/react';
import { Icon } from '../../ui/Icon';
import { cardsOf, suggestionsStoreFor } from './suggestions-store';

export function SuggestionsBadge({ webMode }: { webMode: boolean }) {
  const { client } = useStores();
  const store = suggestionsStoreFor(client);
  const count = useStore(store, (s) => cardsOf(s.items).length);
  const view = useStore(store, (s) => s.view);
  const label = count === 0 ? 'Suggestion inbox' : `${count} ${count === 1 ? 'suggestion' : 'suggestions'} waiting`;
  const toggle = () => {
    const target = webMode ? 'cards' : 'inbox';
    store.getState().setView(view === target ? 'closed' : target);
  };
  return (
    <button
      type="button"
      className={`statusbar-item statusbar-button suggestions-badge ${count > 0 ? 'has-cards' : ''}`}
      onClick={toggle}
      aria-label={label}
      aria-expanded={view !== 'closed'}
      title={label}
    >
      <Icon name="inbox" size={13} />
      {count > 0 && (
        <span className="suggestions-badge-count">
          <span className="status-dot" aria-hidden="true" />
          {count}
        </span>
      )}
    </button>
  );
}
