/**
 * The code view's state for one window, and `openCodeAt` — the one call every other feature uses to
 * show code: a terminal link, a path in an agent message, a review finding, a suggestion card.
 *
 *   codeFeatureFor(client).openCodeAt('src/app.ts', 42, 7, { baseDir: terminalCwd })
 *
 * A relative path with a known root opens at once; anything else is first resolved by the core
 * (`code.resolveLink`: the base folder, its git work tree, then Tandem's folders).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TandemClient } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { KeyValueStorage } from '../../stores/ui-store';

export interface CodeTarget {
  root: string;
  path: string;
  line: number | null;
  column: number | null;
  /** Increases on every open, so opening the same place again scrolls there again. */
  seq: number;
}

export interface CodeState {
  /** The code view is showing (in the centre of the main window). */
  visible: boolean;
  /** The folder the tree shows. */
  root: string | null;
  /** The open file and where to put the cursor. */
  target: CodeTarget | null;
  quickOpen: boolean;
  /** Recently opened files per folder, most recent first. */
  recent: Record<string, string[]>;
  show(root?: string | null): void;
  hide(): void;
  setRoot(root: string): void;
  openFile(root: string, path: string, line?: number | null, column?: number | null): void;
  setQuickOpen(open: boolean): void;
}

export type CodeStore = StoreApi<CodeState>;

export interface OpenCodeOptions {
  /** The folder a relative `path` is relative to, when known exactly (the tree, quick open). */
  root?: string;
  /** Where the reference was seen: a terminal's cwd, a thread's folder. */
  baseDir?: string;
}

export interface CodeFeature {
  store: CodeStore;
  /** Shows `path` at `line` (1-based) and `column`; false (and a message) when it cannot be found. */
  openCodeAt(path: string, line?: number | null, column?: number | null, options?: OpenCodeOptions): Promise<boolean>;
  /** Where the feature reports what went wrong (the window's toasts). */
  setNotifier(notify: ((message: string) => void) | null): void;
}

const RECENT_KEY = 'tandem.code.recent.v1';
const VIEW_KEY = 'tandem.code.view.v1';
const MAX_RECENT_PER_ROOT = 50;
const MAX_ROOTS_REMEMBERED = 20;

function readJson<T>(storage: KeyValueStorage | null, key: string): T | null {
  try {
    return JSON.parse(storage?.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('file://');
}

export function createCodeFeature(client: TandemClient, storage: KeyValueStorage | null): CodeFeature {
  const savedRecent = readJson<Record<string, string[]>>(storage, RECENT_KEY);
  const savedView = readJson<{ visible?: unknown; root?: unknown; target?: Partial<CodeTarget> }>(storage, VIEW_KEY);
  let seq = 0;
  let notify: ((message: string) => void) | null = null;

  const initialTarget =
    savedView?.target && typeof savedView.target.root === 'string' && typeof savedView.target.path === 'string'
      ? { root: savedView.target.root, path: savedView.target.path, line: typeof savedView.target.line === 'number' ? savedView.target.line : null, column: null, seq: ++seq }
      : null;

  const store = createStore<CodeState>()((set, get) => ({
    visible: savedView?.visible === true,
    root: typeof savedView?.root === 'string' ? savedView.root : null,
    target: initialTarget,
    quickOpen: false,
    recent: savedRecent && typeof savedRecent === 'object' ? savedRecent : {},
    show(root) {
      set({ visible: true, ...(root ? { root } : {}) });
    },
    hide() {
      set({ visible: false, quickOpen: false });
    },
    setRoot(root) {
      if (root !== get().root) set({ root, target: get().target?.root === root ? get().target : null });
    },
    openFile(root, path, line = null, column = null) {
      const recent = { ...get().recent };
      recent[root] = [path, ...(recent[root] ?? []).filter((p) => p !== path)].slice(0, MAX_RECENT_PER_ROOT);
      const roots = Object.keys(recent);
      if (roots.length > MAX_ROOTS_REMEMBERED) delete recent[roots[0]!];
      set({ visible: true, root, target: { root, path, line, column, seq: ++seq }, recent, quickOpen: false });
    },
    setQuickOpen(open) {
      set({ quickOpen: open });
    },
  }));

  if (storage) {
    store.subscribe((state, prev) => {
      try {
        if (state.recent !== prev.recent) storage.setItem(RECENT_KEY, JSON.stringify(state.recent));
        if (state.visible !== prev.visible || state.root !== prev.root || state.target !== prev.target) {
          const t = state.target;
          storage.setItem(VIEW_KEY, JSON.stringify({ visible: state.visible, root: state.root, target: t ? { root: t.root, path: t.path, line: t.line } : null }));
        }
      } catch {
        // Storage full or denied: only the memory of the view is lost.
      }
    });
  }

  return {
    store,
    async openCodeAt(path, line = null, column = null, options = {}) {
      if (options.root && !isAbsolute(path)) {
        store.getState().openFile(options.root, path.replace(/^\.\//, ''), line, column);
        return true;
      }
      try {
        const { links } = await client.invoke('code.resolveLink', {
          path,
          ...(line ? { line } : {}),
          ...(column ? { column } : {}),
          ...(options.baseDir ? { baseDir: options.baseDir } : options.root ? { baseDir: options.root } : {}),
        });
        const found = links[0];
        if (!found) {
          notify?.(`Can't find ${path}${options.baseDir ? ` from ${options.baseDir}` : ''} in Tandem's folders.`);
          return false;
        }
        store.getState().openFile(found.root, found.path, line, column);
        return true;
      } catch (err) {
        notify?.(`Couldn't open ${path}: ${describeError(err)}`);
        return false;
      }
    },
    setNotifier(next) {
      notify = next;
    },
  };
}

const features = new WeakMap<TandemClient, CodeFeature>();

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The window's code feature (made on first use): what terminals, messages and findings call. */
export function codeFeatureFor(client: TandemClient): CodeFeature {
  let feature = features.get(client);
  if (!feature) {
    feature = createCodeFeature(client, localStorageOrNull());
    features.set(client, feature);
  }
  return feature;
}
