/**
 * Watches a folder tree for file changes with @parcel/watcher — the native watcher VS Code uses:
 * FSEvents on macOS, ReadDirectoryChangesW on Windows, inotify on Linux, with events coalesced in
 * native code. No polling. Ignored folders (node_modules, target/, …) are not watched at all, which
 * keeps Linux inside its inotify limits on big repositories.
 *
 * The native module is loaded on first use, so a platform without a prebuilt binary loses live
 * updates (reported as WatcherUnavailableError) rather than the whole core.
 */
import path from 'node:path';
import type * as ParcelWatcherModule from '@parcel/watcher';

export type WatchEventType = 'create' | 'update' | 'delete';

export interface WatchEvent {
  /** Absolute path. */
  path: string;
  type: WatchEventType;
}

export interface FolderWatcher {
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Folders (absolute, or relative to the watched folder) whose contents are not watched. */
  ignore: readonly string[];
  onEvents(events: WatchEvent[]): void;
  /** The watcher failed after it started (e.g. the folder was deleted); it reports nothing more. */
  onError(error: Error): void;
}

export class WatcherUnavailableError extends Error {}

type ParcelWatcher = typeof ParcelWatcherModule;
let loaded: Promise<ParcelWatcher> | null = null;

function loadWatcher(): Promise<ParcelWatcher> {
  loaded ??= import('@parcel/watcher').then(
    (m) => ((m as { default?: ParcelWatcher }).default ?? m) as ParcelWatcher,
    (err: unknown) => {
      loaded = null;
      throw new WatcherUnavailableError(`File watching is not available on this platform (${err instanceof Error ? err.message : String(err)})`);
    },
  );
  return loaded;
}

/** Characters @parcel/watcher would read as a glob; such folders are filtered after the fact instead. */
const GLOB_CHARS = /[*?[\]{}()!+@]/;

export async function watchFolder(dir: string, options: WatchOptions): Promise<FolderWatcher> {
  const watcher = await loadWatcher();
  const ignore = options.ignore.filter((p) => !GLOB_CHARS.test(p)).map((p) => path.resolve(dir, p));
  let failed = false;
  const subscription = await watcher.subscribe(
    dir,
    (err, events) => {
      if (failed) return;
      if (err) {
        failed = true;
        options.onError(err);
        return;
      }
      if (events.length > 0) options.onEvents(events);
    },
    { ignore },
  );
  let closed = false;
  return {
    async close() {
      if (closed) return;
      closed = true;
      await subscription.unsubscribe().catch(() => undefined);
    },
  };
}
