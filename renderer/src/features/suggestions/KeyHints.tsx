/** The keys the cards answer to, in one quiet line under them (only while there are cards). */
import { useStore } from 'zustand';
import { cardsOf, type SuggestionsStore } from './suggestions-store';

const HINTS: [string, string][] = [
  ['→', 'accept'],
  ['←', 'dismiss'],
  ['S', 'snooze'],
  ['W', 'say why'],
  ['?', 'why this'],
];

export function KeyHints({ store }: { store: SuggestionsStore }) {
  const count = useStore(store, (s) => cardsOf(s.items).length);
  if (count === 0) return null;
  return (
    <footer className="suggestion-keyhints" aria-hidden="true">
      {HINTS.map(([key, what]) => (
        <span key={key}>
          <kbd className="kbd">{key}</kbd> {what}
        </span>
      ))}
      {count > 1 && (
        <span>
          <kbd className="kbd">↑</kbd>
          <kbd className="kbd">↓</kbd> move
        </span>
      )}
    </footer>
  );
}
