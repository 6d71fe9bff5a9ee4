/**
 * Every action of the main window, in one list: the palette shows it, the shortcut handler runs it.
 * Features contribute their commands under a source name (the frame, terminals, review, …) and take
 * them back when they unmount.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface Command {
  /** Stable id, e.g. "thread.new". */
  id: string;
  title: string;
  /** Group shown in the palette ("Thread", "View", …). */
  category: string;
  /** Shown in the palette and matched by the shortcut handler. */
  shortcut?: string;
  /** More shortcuts that run it too (not shown). */
  alternateShortcuts?: readonly string[];
  /** Extra words the palette matches ("preferences" for Settings). */
  keywords?: string;
  /** False greys it out in the palette and stops its shortcut. */
  enabled?: boolean;
  run(): void | Promise<void>;
}

export interface CommandRegistryState {
  sources: Record<string, readonly Command[]>;
}

export type CommandRegistry = StoreApi<CommandRegistryState> & {
  register(source: string, commands: readonly Command[]): () => void;
  list(): Command[];
};

export function createCommandRegistry(): CommandRegistry {
  const store = createStore<CommandRegistryState>()(() => ({ sources: {} }));
  return Object.assign(store, {
    register(source: string, commands: readonly Command[]) {
      store.setState({ sources: { ...store.getState().sources, [source]: commands } });
      return () => {
        const { [source]: removed, ...rest } = store.getState().sources;
        if (removed === commands) store.setState({ sources: rest });
      };
    },
    list(): Command[] {
      return flatten(store.getState().sources);
    },
  });
}

export function flatten(sources: Record<string, readonly Command[]>): Command[] {
  return Object.values(sources).flat();
}
