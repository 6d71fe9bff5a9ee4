/**
 * Everything the code view knows about one folder while the UI uses it: the file listing, its tree,
 * the quick-open index, git decorations, and the watchers that keep them current.
 *
 * Change handling: watcher events are filtered (ignored folders, git internals), collected for a
 * short quiet period, then answered with the cheapest correct work — a content change needs nothing
 * but a `changed` entry; a file appearing or disappearing re-lists the folder (git decides what is
 * ignored, so the listing is always exactly what `git ls-files` says) and diffs the old and new
 * lists; anything touching the index or HEAD refreshes the decorations. One `code.changed` event
 * reports the result.
 */
import path from 'node:path';
import type { CodeChanged, GitDecoration } from '../../../shared/contract/code';
import { runGitText } from '../git/run-git';
import { listFiles, type FileListing } from './file-index';
import { FileTree } from './file-tree';
import { FuzzyIndex } from './fuzzy';
import { readDecorations } from './git-decorations';
import { watchFolder, type FolderWatcher, type WatchEvent } from './watcher';

/** Quiet time after the last event before acting, and the longest a busy stream can delay an update. */
const SETTLE_MS = 120;
const MAX_DELAY_MS = 1_000;
/** Above this many paths in one update, the event only says "reload everything". */
const MAX_LISTED_CHANGES = 2_000;
/** Folders of a git dir whose churn says nothing about status. */
const GIT_DIR_NOISE = ['objects', 'logs', 'lfs', 'modules', 'hooks', 'info'];

export interface RootSessionOptions {
  root: string;
  onChanged(change: CodeChanged): void;
  /** Live updates stopped (or never started); the listing is refreshed on demand instead. */
  onWatchError?(error: Error): void;
  /** Skip the watchers (tests of listing alone). */
  watch?: boolean;
}

export class RootSession {
  readonly root: string;
  private listing: FileListing | null = null;
  private tree: FileTree | null = null;
  private fuzzy: FuzzyIndex | null = null;
  private decorations = new Map<string, GitDecoration>();
  private gitDir: string | null = null;
  private ignoredDirs = new Set<string>();
  private loading: Promise<void> | null = null;
  private watchers: FolderWatcher[] = [];
  private watching = false;
  private disposed = false;
  /** Last time the UI asked for anything (for closing idle sessions). */
  lastUsed = Date.now();

  // Pending work gathered from watcher events.
  private pending = { relist: false, status: false, changed: new Set<string>(), touched: new Set<string>() };
  private settleTimer: NodeJS.Timeout | null = null;
  private firstPendingAt = 0;
  private flushing: Promise<void> | null = null;

  constructor(private readonly options: RootSessionOptions) {
    this.root = options.root;
  }

  /** Lists the folder once (concurrent callers share the work) and starts watching it. */
  ready(): Promise<void> {
    this.lastUsed = Date.now();
    if (this.listing) return Promise.resolve();
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  get isGit(): boolean {
    return this.listing?.git ?? false;
  }

  get isLive(): boolean {
    return this.watching;
  }

  get truncated(): boolean {
    return this.listing?.truncated ?? false;
  }

  get paths(): readonly string[] {
    return this.listing?.paths ?? [];
  }

  has(file: string): boolean {
    const paths = this.paths;
    let lo = 0;
    let hi = paths.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = paths[mid]!;
      if (p === file) return true;
      if (p < file) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  isSubmodule(file: string): boolean {
    return this.listing?.submodules.has(file) ?? false;
  }

  fileTree(): FileTree {
    this.tree ??= new FileTree(this.paths, this.listing?.submodules ?? new Set());
    return this.tree;
  }

  fuzzyIndex(): FuzzyIndex {
    if (!this.fuzzy) {
      this.fuzzy = new FuzzyIndex(this.paths);
      this.fuzzy.warmUp();
    }
    return this.fuzzy;
  }

  decorationMap(): ReadonlyMap<string, GitDecoration> {
    return this.decorations;
  }

  /** Without a live watcher, the UI's refresh re-lists the folder. */
  async refreshIfNotLive(): Promise<void> {
    if (this.watching || !this.listing) return;
    this.pending.relist = true;
    this.pending.status = true;
    await this.flush();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    const watchers = this.watchers;
    this.watchers = [];
    this.watching = false;
    await Promise.all(watchers.map((w) => w.close()));
  }

  private async load(): Promise<void> {
    const listing = await listFiles(this.root);
    if (this.disposed) return;
    this.setListing(listing);
    if (listing.git) {
      const [gitDir] = await Promise.all([
        runGitText(this.root, ['rev-parse', '--absolute-git-dir']).then((s) => s.trim(), () => null),
        this.refreshDecorations(),
      ]);
      this.gitDir = gitDir;
    }
    if (this.options.watch !== false) await this.startWatching();
  }

  private setListing(listing: FileListing): void {
    this.listing = listing;
    this.tree = null;
    this.fuzzy = null;
    this.ignoredDirs = new Set(listing.ignoredDirs);
  }

  private async refreshDecorations(): Promise<void> {
    try {
      this.decorations = (await readDecorations(this.root)).byPath;
    } catch {
      // A status that cannot be read (a broken index, a lock) only costs the decorations.
      this.decorations = new Map();
    }
  }

  private async startWatching(): Promise<void> {
    const gitDirInside = this.gitDir !== null && isInside(this.root, this.gitDir);
    const ignore = [...this.ignoredDirs, ...(gitDirInside ? [this.gitDir!] : [])];
    try {
      this.watchers.push(
        await watchFolder(this.root, {
          ignore,
          onEvents: (events) => this.onTreeEvents(events),
          onError: (err) => this.onWatchFailed(err),
        }),
      );
      if (this.gitDir) {
        this.watchers.push(
          await watchFolder(this.gitDir, {
            ignore: GIT_DIR_NOISE,
            onEvents: () => this.schedule({ status: true }),
            onError: () => undefined, // losing only the status watch is not worth alarming anyone
          }),
        );
      }
      this.watching = !this.disposed;
      if (this.disposed) await this.dispose();
    } catch (err) {
      this.onWatchFailed(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private onWatchFailed(err: Error): void {
    this.watching = false;
    for (const w of this.watchers) void w.close();
    this.watchers = [];
    this.options.onWatchError?.(err);
  }

  private onTreeEvents(events: WatchEvent[]): void {
    let relist = false;
    let status = false;
    for (const event of events) {
      const rel = toRelative(this.root, event.path);
      if (rel === null || this.isIgnoredPath(rel)) continue;
      const name = rel.slice(rel.lastIndexOf('/') + 1);
      if (name === '.gitignore') relist = true;
      if (event.type === 'update') {
        if (this.has(rel)) this.pending.changed.add(rel);
      } else {
        relist = true;
        // A file replaced by a rename-over (how many editors save) arrives as delete + create.
        this.pending.touched.add(rel);
      }
      status = true;
    }
    if (relist || status) this.schedule({ relist, status: status && this.isGit });
  }

  private isIgnoredPath(rel: string): boolean {
    if (this.ignoredDirs.size === 0) return false;
    for (let slash = rel.indexOf('/'); slash > 0; slash = rel.indexOf('/', slash + 1)) {
      if (this.ignoredDirs.has(rel.slice(0, slash))) return true;
    }
    return this.ignoredDirs.has(rel);
  }

  private schedule(work: { relist?: boolean; status?: boolean }): void {
    if (this.disposed) return;
    if (work.relist) this.pending.relist = true;
    if (work.status) this.pending.status = true;
    const now = Date.now();
    if (!this.settleTimer) this.firstPendingAt = now;
    else clearTimeout(this.settleTimer);
    const wait = Math.max(0, Math.min(SETTLE_MS, this.firstPendingAt + MAX_DELAY_MS - now));
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      void this.flush();
    }, wait);
  }

  /** Does the gathered work; one flush at a time, and a flush started meanwhile runs after it. */
  private async flush(): Promise<void> {
    if (this.flushing) {
      await this.flushing;
      if (this.pending.relist || this.pending.status || this.pending.changed.size > 0) return this.flush();
      return;
    }
    this.flushing = this.doFlush().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    const work = this.pending;
    this.pending = { relist: false, status: false, changed: new Set(), touched: new Set() };
    if (this.disposed || !this.listing) return;
    const change: CodeChanged = { root: this.root, created: [], deleted: [], renamed: [], changed: [], status: false, overflow: false };

    if (work.relist) {
      let next: FileListing;
      try {
        next = await listFiles(this.root);
      } catch {
        return; // the folder went away or git failed; the next event or request tries again
      }
      if (this.disposed) return;
      const { created, deleted } = diffSorted(this.listing.paths, next.paths);
      const newlyIgnored = next.ignoredDirs.some((d) => !this.ignoredDirs.has(d));
      this.setListing(next);
      const renamed = pairRenames(created, deleted);
      change.created = created;
      change.deleted = deleted;
      change.renamed = renamed;
      // Files that were deleted and created again in place (atomic saves) changed content.
      for (const p of work.touched) if (this.has(p) && !created.includes(p)) work.changed.add(p);
      // A folder that became ignored (a fresh node_modules or build output) should not be watched.
      if (newlyIgnored && this.watching) await this.restartWatching();
    }
    if (work.status && this.listing.git) {
      await this.refreshDecorations();
      change.status = true;
    }
    change.changed = [...work.changed].filter((p) => this.has(p));
    const listed = change.created.length + change.deleted.length + change.changed.length + change.renamed.length * 2;
    if (listed > MAX_LISTED_CHANGES) {
      change.created = [];
      change.deleted = [];
      change.renamed = [];
      change.changed = [];
      change.overflow = true;
    }
    if (listed > 0 || change.status || change.overflow) this.options.onChanged(change);
  }

  private async restartWatching(): Promise<void> {
    const old = this.watchers;
    this.watchers = [];
    this.watching = false;
    await Promise.all(old.map((w) => w.close()));
    if (!this.disposed) await this.startWatching();
  }
}

/** Both lists sorted by code unit: what appeared and what disappeared, in one merge pass. */
export function diffSorted(before: readonly string[], after: readonly string[]): { created: string[]; deleted: string[] } {
  const created: string[] = [];
  const deleted: string[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const a = before[i];
    const b = after[j];
    if (a !== undefined && (b === undefined || a < b)) {
      deleted.push(a);
      i++;
    } else if (b !== undefined && (a === undefined || b < a)) {
      created.push(b);
      j++;
    } else {
      i++;
      j++;
    }
  }
  return { created, deleted };
}

/**
 * A rename reaches a watcher as a delete and a create. When one batch holds exactly one of each, or
 * pairs that share a file name (a move between folders), they are reported as renames and removed
 * from the created and deleted lists.
 */
export function pairRenames(created: string[], deleted: string[]): { from: string; to: string }[] {
  const renamed: { from: string; to: string }[] = [];
  if (created.length === 1 && deleted.length === 1) {
    renamed.push({ from: deleted[0]!, to: created[0]! });
    created.length = 0;
    deleted.length = 0;
    return renamed;
  }
  const byName = new Map<string, string[]>();
  for (const d of deleted) {
    const name = d.slice(d.lastIndexOf('/') + 1);
    byName.set(name, [...(byName.get(name) ?? []), d]);
  }
  const keptCreated: string[] = [];
  const used = new Set<string>();
  for (const c of created) {
    const candidates = byName.get(c.slice(c.lastIndexOf('/') + 1));
    if (candidates && candidates.length === 1 && !used.has(candidates[0]!)) {
      used.add(candidates[0]!);
      renamed.push({ from: candidates[0]!, to: c });
    } else {
      keptCreated.push(c);
    }
  }
  created.splice(0, created.length, ...keptCreated);
  const keptDeleted = deleted.filter((d) => !used.has(d));
  deleted.splice(0, deleted.length, ...keptDeleted);
  return renamed;
}

function toRelative(root: string, abs: string): string | null {
  const rel = path.relative(root, abs);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
