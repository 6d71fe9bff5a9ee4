/**
 * The suggestions of one window: the inbox (every suggestion, newest first) and, derived from it, the
 * cards the overlay shows (the ones the policy surfaced and the user has not answered yet). Fed by
 * `suggestions.list` whenever the connection opens and by the `suggestions.changed` / `.surfaced`
 * events; the user's answers go through the contract and come back as events.
 *
 * The pure parts (merging, which cards show, which is current) are exported for tests.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Suggestion, SuggestionExplanation } from '../../../../shared/contract';
import type { TandemClient } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { LoadStatus } from '../../stores/load-state';

/** The inbox keeps this many; `suggestions.list` returns the newest first. */
export const INBOX_LIMIT = 200;

/** What the main window shows of suggestions: nothing, the popover of cards (web), or the inbox. */
export type SuggestionsView = 'closed' | 'cards' | 'inbox';

export interface SuggestionsState {
  status: LoadStatus;
  error: string | null;
  /** Every suggestion known, newest first. */
  items: Suggestion[];
  /** The card the keyboard is on (an id of a surfaced suggestion). */
  currentId: string | null;
  /** Answers in flight, by suggestion id (the card greys out its buttons). */
  busy: Readonly<Record<string, true>>;
  /** "Why am I seeing this?" answers, by suggestion id. */
  explanations: Readonly<Record<string, SuggestionExplanation>>;
  /** The last answer that failed, said in one sentence. */
  answerError: string | null;
  view: SuggestionsView;

  load(): Promise<void>;
  setCurrent(id: string | null): void;
  /** Moves the current card by `delta` (↑/↓), staying within the cards. */
  move(delta: number): void;
  dismiss(id: string, notUseful?: boolean): Promise<boolean>;
  snooze(id: string, minutes?: number): Promise<boolean>;
  sayWhy(id: string, reason: string): Promise<boolean>;
  /** Marks it accepted; what opening it means is `accept-action.ts`'s job. */
  accept(id: string): Promise<Suggestion | null>;
  explain(id: string): Promise<SuggestionExplanation | null>;
  setView(view: SuggestionsView): void;
}

export type SuggestionsStore = StoreApi<SuggestionsState>;

/** Adds or replaces `s`, keeping newest first (by creation) and at most INBOX_LIMIT. */
export function mergeSuggestion(items: readonly Suggestion[], s: Suggestion): Suggestion[] {
  const rest = items.filter((x) => x.id !== s.id);
  const existing = items.find((x) => x.id === s.id);
  // An event older than what we hold (events and a list reply can cross) must not roll a status back.
  if (existing && existing.updatedAt > s.updatedAt) return items as Suggestion[];
  const next = [...rest, s].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  return next.slice(0, INBOX_LIMIT);
}

/** The overlay's cards: surfaced and not answered yet, the latest surfaced first. */
export function cardsOf(items: readonly Suggestion[]): Suggestion[] {
  return items.filter((s) => s.status === 'surfaced').sort((a, b) => b.updatedAt - a.updatedAt);
}

/** The current card: the one chosen if it is still a card, else the first. */
export function currentCard(items: readonly Suggestion[], currentId: string | null): Suggestion | null {
  const cards = cardsOf(items);
  return cards.find((c) => c.id === currentId) ?? cards[0] ?? null;
}

/** The card `delta` steps from the current one, clamped to the list. */
export function stepCard(items: readonly Suggestion[], currentId: string | null, delta: number): string | null {
  const cards = cardsOf(items);
  if (cards.length === 0) return null;
  const at = Math.max(0, cards.findIndex((c) => c.id === currentId));
  return cards[Math.min(cards.length - 1, Math.max(0, at + delta))]?.id ?? null;
}

/**
 * After the current card goes away (answered, expired), the keyboard stays at the same place in the
 * list: the card that took its place, else the one above.
 */
export function nextAfterRemoval(before: readonly Suggestion[], after: readonly Suggestion[], currentId: string | null): string | null {
  const cardsAfter = cardsOf(after);
  if (currentId && cardsAfter.some((c) => c.id === currentId)) return currentId;
  const index = cardsOf(before).findIndex((c) => c.id === currentId);
  if (index < 0) return cardsAfter[0]?.id ?? null;
  return (cardsAfter[index] ?? cardsAfter[cardsAfter.length - 1])?.id ?? null;
}

export function createSuggestionsStore(client: TandemClient): { store: SuggestionsStore; stop(): void } {
  let loadSeq = 0;

  const store = createStore<SuggestionsState>()((set, get) => {
    const apply = (s: Suggestion) => {
      const before = get().items;
      const items = mergeSuggestion(before, s);
      set({ items, currentId: nextAfterRemoval(before, items, get().currentId) });
    };

    const answer = async (id: string, call: () => Promise<Suggestion>): Promise<Suggestion | null> => {
      if (get().busy[id]) return null;
      set({ busy: { ...get().busy, [id]: true }, answerError: null });
      try {
        const s = await call();
        apply(s);
        return s;
      } catch (err) {
        set({ answerError: describeError(err) });
        return null;
      } finally {
        const { [id]: _done, ...rest } = get().busy;
        set({ busy: rest });
      }
    };

    return {
      status: 'idle',
      error: null,
      items: [],
      currentId: null,
      busy: {},
      explanations: {},
      answerError: null,
      view: 'closed',

      async load() {
        const seq = ++loadSeq;
        if (get().status !== 'ready') set({ status: 'loading' });
        try {
          const list = await client.invoke('suggestions.list', { limit: INBOX_LIMIT });
          if (seq !== loadSeq) return;
          // Events that arrived while the list was on its way are newer than the list where they overlap.
          let items = [...list].sort((a, b) => b.createdAt - a.createdAt);
          for (const held of get().items) items = mergeSuggestion(items, held);
          set({ status: 'ready', error: null, items, currentId: nextAfterRemoval(get().items, items, get().currentId) });
        } catch (err) {
          if (seq === loadSeq) set({ status: 'error', error: describeError(err) });
        }
      },

      setCurrent(id) {
        set({ currentId: id });
      },

      move(delta) {
        const { items, currentId } = get();
        set({ currentId: stepCard(items, currentCard(items, currentId)?.id ?? null, delta) });
      },

      async dismiss(id, notUseful = false) {
        return (await answer(id, () => client.invoke('suggestions.dismiss', { id, notUseful }))) !== null;
      },

      async snooze(id, minutes = 30) {
        return (await answer(id, () => client.invoke('suggestions.snooze', { id, minutes }))) !== null;
      },

      async sayWhy(id, reason) {
        return (await answer(id, () => client.invoke('suggestions.sayWhy', { id, reason }))) !== null;
      },

      accept(id) {
        return answer(id, () => client.invoke('suggestions.accept', { id }));
      },

      async explain(id) {
        try {
          const explanation = await client.invoke('suggestions.explain', { id });
          set({ explanations: { ...get().explanations, [id]: explanation } });
          return explanation;
        } catch (err) {
          set({ answerError: describeError(err) });
          return null;
        }
      },

      setView(view) {
        set({ view });
      },
    };
  });

  let wasOpen = client.connection().status === 'open';
  const offs = [
    client.on('suggestions.changed', (s) => applyEvent(s)),
    client.on('suggestions.surfaced', (s) => applyEvent(s)),
    client.onConnection((state) => {
      if (state.status === 'open' && !wasOpen) void store.getState().load();
      wasOpen = state.status === 'open';
    }),
  ];
  if (wasOpen) void store.getState().load();

  function applyEvent(s: Suggestion) {
    const before = store.getState().items;
    const items = mergeSuggestion(before, s);
    store.setState({ items, currentId: nextAfterRemoval(before, items, store.getState().currentId) });
  }

  return {
    store,
    stop() {
      for (const off of offs) off();
    },
  };
}

const stores = new WeakMap<TandemClient, { store: SuggestionsStore; stop(): void }>();

/** The window's suggestions store (made on first use; lives as long as the window's client). */
export function suggestionsStoreFor(client: TandemClient): SuggestionsStore {
  let entry = stores.get(client);
  if (!entry) {
    entry = createSuggestionsStore(client);
    stores.set(client, entry);
  }
  return entry.store;
}
