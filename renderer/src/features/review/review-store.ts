/**
 * The review panel's state: which repository and source it shows, the diff, comments, the chosen
 * lines, what is collapsed or viewed, and the actions. Actions patch the diff with the files the
 * core sends back, so a staged hunk moves at once instead of after a full reload.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  diffLineId,
  type DiffFile,
  type DiffHunk,
  type AiReviewResult,
  type DiffSource,
  type ReviewActionResult,
  type ReviewFinding,
  type ReviewComment,
  type ReviewDiff,
  type EditorOpening,
  MAX_HUNK_FILES,
} from '../../../../shared/contract';
import type { TandemClient } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { LoadStatus } from '../../stores/load-state';
import type { DiffMode } from './diff-rows';
import { fixRequest } from './findings';

export interface ReviewTarget {
  workspaceId?: string;
  workspacePath?: string;
}

export type HunkActionKind = 'stage' | 'unstage' | 'revert';

export interface ReviewState {
  target: ReviewTarget | null;
  source: DiffSource;
  status: LoadStatus;
  error: string | null;
  diff: ReviewDiff | null;
  comments: ReviewComment[];
  mode: DiffMode;
  collapsed: ReadonlySet<string>;
  /** File id → the version that was marked viewed; a later change clears the mark. */
  viewed: ReadonlyMap<string, string>;
  /** Hunk id → chosen line ids (context lines too: they anchor comments). */
  chosen: Readonly<Record<string, readonly string[]>>;
  /** The hunk or file id an action is running on. */
  busy: string | null;
  /** The last action's sentence (success) or refusal, for a status line. */
  notice: { tone: 'info' | 'error'; text: string } | null;
  /** The AI review of the current diff: the last stored one of this source when the diff opens. */
  ai: { status: 'idle' | 'running' | 'ready' | 'error'; result: AiReviewResult | null; error: string | null };
  /** The finding the keyboard is on (an id of ai.result.findings). */
  currentFinding: string | null;

  open(target: ReviewTarget, source?: DiffSource): Promise<void>;
  /** Opens the changes of a thread's last agent turn (with its evidence), or says why there are none. */
  openLastTurn(threadId: string): Promise<void>;
  refresh(): Promise<void>;
  /** Fetches the hunks of pending files (DiffFile.pending) and puts them in the diff; resolves when they are in. */
  loadFiles(files: readonly DiffFile[]): Promise<void>;
  setMode(mode: DiffMode): void;
  toggleCollapsed(fileId: string): void;
  toggleViewed(file: DiffFile): void;
  isViewed(file: DiffFile): boolean;
  /** Chooses or un-chooses lines of a hunk; `lineIds` null clears the hunk's choice. */
  choose(hunkId: string, lineIds: readonly string[] | null): void;
  hunkAction(action: HunkActionKind, file: DiffFile, hunk: DiffHunk): Promise<void>;
  fileAction(action: HunkActionKind, file: DiffFile): Promise<void>;
  addComment(input: { path: string; side: 'old' | 'new'; startLine: number; endLine: number; body: string }): Promise<void>;
  removeComment(id: string): Promise<void>;
  openInEditor(path: string, line?: number): Promise<void>;
  runAiReview(): Promise<void>;
  setCurrentFinding(id: string | null): void;
  dismissFinding(id: string): Promise<void>;
  resolveFinding(id: string): Promise<void>;
  /** Creates a thread in the repository's workspace and starts a turn asking it to fix these; returns the thread id. */
  sendToAgent(findings: readonly ReviewFinding[], comments: readonly ReviewComment[]): Promise<string | null>;
}

export type ReviewStore = StoreApi<ReviewState>;

const AREA_RANK: Record<string, number> = { staged: 0, unstaged: 1, untracked: 2, range: 3 };
/** The core announces our own actions too; an event this soon after one is not news. */
const OWN_ACTION_ECHO_MS = 1500;

export interface ReviewStoreOptions {
  /** Runs a terminal editor (vim, nano, …) that "open in editor" handed back, in a Tandem terminal. */
  runInTerminal?(opening: Extract<EditorOpening, { kind: 'terminal' }>): Promise<void>;
}

export function createReviewStore(client: TandemClient, options: ReviewStoreOptions = {}): { store: ReviewStore; stop(): void } {
  let loadSeq = 0;
  let lastOwnAction = 0;
  /** `<id>@<version>` → the request bringing that file's hunks. */
  const loading = new Map<string, Promise<void>>();

  const store = createStore<ReviewState>()((set, get) => {
    const ref = () => {
      const t = get().target;
      if (!t) throw new Error('No repository is open for review');
      return t.workspaceId !== undefined ? { workspaceId: t.workspaceId } : { workspacePath: t.workspacePath ?? '' };
    };

    const loadComments = async () => {
      const { target, source } = get();
      if (!target) return;
      try {
        set({ comments: await client.invoke('review.comments.list', { ...ref(), source }) });
      } catch {
        // Comments are secondary: the diff stays usable without them.
      }
    };

    /** The stored last AI review of this source, unless one is showing or running already. */
    const loadLastReview = async (sourceKey: string) => {
      const { ai } = get();
      if (ai.status === 'running' || ai.result?.sourceKey === sourceKey) return;
      try {
        const { result } = await client.invoke('review.aiReview.last', { ...ref(), source: get().source });
        const now = get();
        if (!result || now.diff?.sourceKey !== sourceKey || now.ai.status === 'running' || now.ai.result?.sourceKey === sourceKey) return;
        set({ ai: { status: 'ready', result, error: null }, currentFinding: null });
      } catch {
        // Like comments: the diff stays usable without it.
      }
    };

    const applyResult = (result: ReviewActionResult, paths: string[]) => {
      const diff = get().diff;
      lastOwnAction = Date.now();
      if (!diff) return;
      set({ diff: mergeFiles(diff, result.files, paths), notice: { tone: 'info', text: result.message }, busy: null });
    };

    const run = async (busyId: string, paths: string[], call: () => Promise<ReviewActionResult>) => {
      set({ busy: busyId, notice: null });
      try {
        applyResult(await call(), paths);
      } catch (err) {
        set({ busy: null, notice: { tone: 'error', text: describeError(err) } });
      }
    };

    const updateFinding = async (call: () => Promise<ReviewFinding>, message: string) => {
      try {
        const finding = await call();
        const ai = get().ai;
        if (!ai.result) return;
        const findings = ai.result.findings.map((f) => (f.id === finding.id ? finding : f));
        set({ ai: { ...ai, result: { ...ai.result, findings } }, notice: { tone: 'info', text: message } });
      } catch (err) {
        set({ notice: { tone: 'error', text: describeError(err) } });
      }
    };

    const fileRef = (file: DiffFile) => {
      if (file.area === 'range') throw new Error('This diff is read-only');
      return { area: file.area, path: file.path, oldPath: file.oldPath, version: file.version };
    };

    return {
      target: null,
      source: { kind: 'working' },
      status: 'idle',
      error: null,
      diff: null,
      comments: [],
      mode: 'unified',
      collapsed: new Set(),
      viewed: new Map(),
      chosen: {},
      busy: null,
      notice: null,
      ai: { status: 'idle', result: null, error: null },
      currentFinding: null,

      async open(target, source) {
        set({
          target,
          source: source ?? get().source,
          diff: null,
          comments: [],
          chosen: {},
          collapsed: new Set(),
          notice: null,
          ai: { status: 'idle', result: null, error: null },
          currentFinding: null,
        });
        await get().refresh();
      },

      async openLastTurn(threadId) {
        try {
          const { turn } = await client.invoke('review.lastTurn', { threadId });
          if (!turn) {
            set({ notice: { tone: 'error', text: 'This thread has no finished turn in a git repository to review yet.' } });
            return;
          }
          await get().open(turn.workspaceId ? { workspaceId: turn.workspaceId } : { workspacePath: turn.repoRoot }, turn.source);
        } catch (err) {
          set({ notice: { tone: 'error', text: describeError(err) } });
        }
      },

      async refresh() {
        const { target, source } = get();
        if (!target) return;
        const seq = ++loadSeq;
        set({ status: 'loading', error: null });
        try {
          const diff = await client.invoke('review.diff', { ...ref(), source });
          if (seq !== loadSeq) return;
          set({ status: 'ready', diff, chosen: {} });
          await Promise.all([loadComments(), loadLastReview(diff.sourceKey)]);
        } catch (err) {
          if (seq === loadSeq) set({ status: 'error', error: describeError(err) });
        }
      },

      async loadFiles(files) {
        const { target, source } = get();
        if (!target) return;
        const waits: Promise<void>[] = [];
        const asked: { id: string; version: string }[] = [];
        for (const f of files) {
          if (!f.pending) continue;
          const key = `${f.id}@${f.version}`;
          const running = loading.get(key);
          if (running) waits.push(running);
          else asked.push({ id: f.id, version: f.version });
        }
        for (let at = 0; at < asked.length; at += MAX_HUNK_FILES) {
          const chunk = asked.slice(at, at + MAX_HUNK_FILES);
          const request = (async () => {
            try {
              const { files: loaded, missing } = await client.invoke('review.diff.hunks', { ...ref(), source, files: chunk });
              const diff = get().diff;
              if (diff && get().source === source) {
                const byKey = new Map(loaded.map((f) => [`${f.id}@${f.version}`, f]));
                // Only a file still pending at that version takes the hunks (a refresh may have replaced it).
                const merged = diff.files.map((f) => (f.pending ? byKey.get(`${f.id}@${f.version}`) ?? f : f));
                set({ diff: { ...diff, files: merged } });
              }
              // A file changed since the diff was made: show the diff as it is now.
              if (missing.length) void get().refresh();
            } catch (err) {
              set({ notice: { tone: 'error', text: describeError(err) } });
            } finally {
              for (const f of chunk) loading.delete(`${f.id}@${f.version}`);
            }
          })();
          for (const f of chunk) loading.set(`${f.id}@${f.version}`, request);
          waits.push(request);
        }
        await Promise.all(waits);
      },

      setMode(mode) {
        set({ mode });
      },

      toggleCollapsed(fileId) {
        const collapsed = new Set(get().collapsed);
        if (!collapsed.delete(fileId)) collapsed.add(fileId);
        set({ collapsed });
      },

      toggleViewed(file) {
        const viewed = new Map(get().viewed);
        const collapsed = new Set(get().collapsed);
        if (viewed.get(file.id) === file.version) {
          viewed.delete(file.id);
          collapsed.delete(file.id);
        } else {
          // Like a code host: a file marked viewed folds away.
          viewed.set(file.id, file.version);
          collapsed.add(file.id);
        }
        set({ viewed, collapsed });
      },

      isViewed(file) {
        return get().viewed.get(file.id) === file.version;
      },

      choose(hunkId, lineIds) {
        const chosen = { ...get().chosen };
        if (lineIds === null || lineIds.length === 0) delete chosen[hunkId];
        else chosen[hunkId] = [...lineIds];
        set({ chosen });
      },

      async hunkAction(action, file, hunk) {
        const lineIds = changedChosen(file, hunk, get().chosen[hunk.id] ?? []);
        const method = action === 'stage' ? 'review.stageHunk' : action === 'unstage' ? 'review.unstageHunk' : 'review.revertHunk';
        await run(hunk.id, affectedPaths(file), () =>
          client.invoke(method, { ...ref(), file: fileRef(file), hunkId: hunk.id, ...(lineIds.length ? { lineIds } : {}) }),
        );
      },

      async fileAction(action, file) {
        const method = action === 'stage' ? 'review.stageFile' : action === 'unstage' ? 'review.unstageFile' : 'review.revertFile';
        await run(file.id, affectedPaths(file), () => client.invoke(method, { ...ref(), file: fileRef(file) }));
      },

      async addComment(input) {
        try {
          const comment = await client.invoke('review.comments.add', { ...ref(), source: get().source, ...input });
          set({ comments: [...get().comments, comment] });
        } catch (err) {
          set({ notice: { tone: 'error', text: describeError(err) } });
          throw err;
        }
      },

      async removeComment(id) {
        try {
          await client.invoke('review.comments.remove', { id });
          set({ comments: get().comments.filter((c) => c.id !== id) });
        } catch (err) {
          set({ notice: { tone: 'error', text: describeError(err) } });
        }
      },

      async runAiReview() {
        const { target, source } = get();
        if (!target) return;
        set({ ai: { status: 'running', result: get().ai.result, error: null } });
        try {
          const result = await client.invoke('review.aiReview', { ...ref(), source });
          set({ ai: { status: 'ready', result, error: null }, currentFinding: result.findings[0]?.id ?? null });
        } catch (err) {
          set({ ai: { status: 'error', result: null, error: describeError(err) } });
        }
      },

      setCurrentFinding(id) {
        set({ currentFinding: id });
      },

      async dismissFinding(id) {
        await updateFinding(() => client.invoke('review.findings.dismiss', { id }), 'Dismissed: later reviews of this repository will not raise it again.');
      },

      async resolveFinding(id) {
        await updateFinding(() => client.invoke('review.findings.resolve', { id }), 'Marked resolved.');
      },

      async sendToAgent(findings, comments) {
        const target = get().target;
        if (!target?.workspaceId || (findings.length === 0 && comments.length === 0)) return null;
        try {
          const first = findings[0]?.title.replace(/^\[P\d\]\s*/, '') ?? 'review comments';
          const thread = await client.invoke('threads.create', { workspaceId: target.workspaceId, title: `Fix: ${first}`.slice(0, 200) });
          await client.invoke('turn.start', { threadId: thread.id, text: fixRequest(findings, comments) });
          set({ notice: { tone: 'info', text: `Sent to a new thread, “${thread.title}”.` } });
          return thread.id;
        } catch (err) {
          set({ notice: { tone: 'error', text: describeError(err) } });
          return null;
        }
      },

      async openInEditor(path, line) {
        try {
          const opening = await client.invoke('review.openInEditor', { ...ref(), path, ...(line ? { line } : {}) });
          if (opening.kind === 'launched') {
            set({ notice: { tone: 'info', text: `Opened with ${opening.command} on ${opening.host}` } });
          } else if (options.runInTerminal) {
            await options.runInTerminal(opening);
            set({ notice: { tone: 'info', text: `Opened in ${opening.label.split(' ')[0]} in a terminal` } });
          } else {
            set({ notice: { tone: 'error', text: `${opening.label.split(' ')[0]} is a terminal editor; run ${opening.command} in a terminal` } });
          }
        } catch (err) {
          set({ notice: { tone: 'error', text: describeError(err) } });
        }
      },
    };
  });

  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  const offChanged = client.on('review.changed', ({ repoRoot }) => {
    const { diff, busy } = store.getState();
    if (!diff || diff.repoRoot !== repoRoot || busy || Date.now() - lastOwnAction < OWN_ACTION_ECHO_MS) return;
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void store.getState().refresh(), 150);
  });
  const offComments = client.on('review.comments.changed', ({ repoRoot, sourceKey }) => {
    const { diff, target, source } = store.getState();
    if (!diff || !target || diff.sourceKey !== sourceKey || diff.repoRoot !== repoRoot) return;
    void client
      .invoke('review.comments.list', { ...(target.workspaceId !== undefined ? { workspaceId: target.workspaceId } : { workspacePath: target.workspacePath ?? '' }), source })
      .then((comments) => store.setState({ comments }))
      .catch(() => {});
  });
  return {
    store,
    stop() {
      offChanged();
      offComments();
      if (refreshTimer) clearTimeout(refreshTimer);
    },
  };
}

/** The paths an action on this file touches (a rename: both). */
export function affectedPaths(file: Pick<DiffFile, 'path' | 'oldPath'>): string[] {
  return file.oldPath ? [file.path, file.oldPath] : [file.path];
}

/**
 * The diff after an action: the working-area entries of the touched paths are replaced by what the
 * core sent back, each in its area, in path order.
 */
export function mergeFiles(diff: ReviewDiff, fresh: DiffFile[], paths: string[]): ReviewDiff {
  const touched = new Set(paths);
  for (const f of fresh) {
    touched.add(f.path);
    if (f.oldPath) touched.add(f.oldPath);
  }
  const isTouched = (f: DiffFile) => f.area !== 'range' && (touched.has(f.path) || (f.oldPath !== null && touched.has(f.oldPath)));
  const files = diff.files.filter((f) => !isTouched(f));
  for (const f of fresh) {
    let at = files.findIndex((g) => AREA_RANK[g.area]! > AREA_RANK[f.area]! || (g.area === f.area && g.path > f.path));
    if (at < 0) at = files.length;
    files.splice(at, 0, f);
  }
  let additions = 0;
  let deletions = 0;
  for (const f of files) {
    additions += f.additions;
    deletions += f.deletions;
  }
  return { ...diff, files, totals: { files: files.length, additions, deletions } };
}

/** The ids of a hunk's lines between two lines (inclusive), for Shift+click ranges. */
export function lineIdsBetween(file: DiffFile, hunk: DiffHunk, fromIndex: number, toIndex: number): string[] {
  const [a, b] = fromIndex <= toIndex ? [fromIndex, toIndex] : [toIndex, fromIndex];
  return hunk.lines.slice(a, b + 1).map((l) => diffLineId(file.id, l));
}

/** The chosen ids that are added or removed lines: what a line action takes. */
export function changedChosen(file: DiffFile, hunk: DiffHunk, ids: readonly string[]): string[] {
  const changed = new Set(hunk.lines.filter((l) => l.kind !== 'context').map((l) => diffLineId(file.id, l)));
  return ids.filter((id) => changed.has(id));
}

/**
 * The line range a comment on the chosen lines covers: new-side numbers when any chosen line exists
 * on the new side (added or context), old-side numbers when only removed lines are chosen.
 */
export function commentRange(file: DiffFile, hunk: DiffHunk, ids: readonly string[]): { side: 'old' | 'new'; startLine: number; endLine: number } | null {
  const set = new Set(ids);
  const lines = hunk.lines.filter((l) => set.has(diffLineId(file.id, l)));
  if (lines.length === 0) return null;
  const newSide = lines.filter((l) => l.newNo !== null).map((l) => l.newNo!);
  const numbers = newSide.length ? newSide : lines.map((l) => l.oldNo!);
  return { side: newSide.length ? 'new' : 'old', startLine: Math.min(...numbers), endLine: Math.max(...numbers) };
}
