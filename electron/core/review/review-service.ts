/**
 * The review panel's methods: diffs from any source, hunk and file actions on the working tree,
 * comments, and "open in editor". Git's failures become RpcErrors with a sentence the user can act
 * on ("… is not a git repository", "… has no commits yet", "… changed since this diff was made").
 */
import path from 'node:path';
import { RpcError, type RpcErrorCode } from '../../../shared/contract/errors';
import type { DiffFileRefInput, ReviewActionResult, ReviewFinding } from '../../../shared/contract/review';
import { NoEditorError, openInEditor } from '../code/open-in-editor';
import { repoRoot } from '../git/rev-parse';
import { GitError, type GitErrorKind } from '../git/run-git';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';
import { AiReviewer, AiReviewError, type ModelProvider } from './ai-review/ai-reviewer';
import { DismissalsRepository } from './ai-review/dismissals';
import { ReviewResultsRepository } from './ai-review/results';
import { RevertBackups } from './backups';
import { firstPage, KeptDiffs, pickFiles } from './diff-pages';
import { loadDiff, scanDiff, sourceKeyOf } from './diff-sources';
import { stageFile, unstageFile } from './file-actions';
import { applyHunkAction, type HunkAction } from './hunk-actions';
import { revertFile } from './revert-file';
import { TurnSnapshots } from './turn-snapshots';

export interface ReviewServiceOptions {
  store: Store;
  events: EventBus;
  /** Tandem's data dir: reverted content is kept under <dataDir>/review-backups. */
  dataDir: string;
  /** Where $VISUAL / $EDITOR are read; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** The model for AI reviews; without it review.aiReview says no model is set up. */
  provider?: ModelProvider;
}

interface WorkspaceRef {
  workspaceId?: string;
  workspacePath?: string;
}

type ReviewMethod =
  | 'review.diff'
  | 'review.diff.hunks'
  | 'review.stageHunk'
  | 'review.unstageHunk'
  | 'review.revertHunk'
  | 'review.stageFile'
  | 'review.unstageFile'
  | 'review.revertFile'
  | 'review.comments.list'
  | 'review.comments.add'
  | 'review.comments.remove'
  | 'review.openInEditor'
  | 'review.aiReview'
  | 'review.aiReview.last'
  | 'review.lastTurn'
  | 'review.findings.dismiss'
  | 'review.findings.resolve';

const GIT_ERROR_CODES: Record<GitErrorKind, RpcErrorCode> = {
  missing_folder: 'not_found',
  not_a_repository: 'not_found',
  no_commits: 'conflict',
  unknown_revision: 'not_found',
  no_common_history: 'conflict',
  unsafe_repository: 'conflict',
  output_too_large: 'conflict',
  git_missing: 'unavailable',
  timeout: 'unavailable',
  failed: 'internal',
};

export class ReviewService {
  private readonly backups: RevertBackups;
  private readonly reviewer: AiReviewer | null;
  /** The diffs review.diff made last, for review.diff.hunks. */
  private readonly kept = new KeptDiffs();
  /** Snapshots of each agent turn's folder, for the "last turn" source; the agent reports its turns here. */
  readonly turnSnapshots: TurnSnapshots;

  constructor(private readonly options: ReviewServiceOptions) {
    this.backups = new RevertBackups(path.join(options.dataDir, 'review-backups'));
    this.turnSnapshots = new TurnSnapshots({ store: options.store, log: (message) => console.error(message) });
    this.reviewer = options.provider
      ? new AiReviewer({
          provider: options.provider,
          dismissals: new DismissalsRepository(options.store.db),
          results: new ReviewResultsRepository(options.store.db),
          ledger: options.store.ledger,
        })
      : null;
  }

  handlers(): Pick<Handlers, ReviewMethod> {
    return {
      'review.diff': (input) =>
        this.guard(async () => {
          const root = await this.repo(input);
          const diff = await scanDiff(root, input.source);
          this.kept.keep(root, input.source, diff);
          return firstPage(diff);
        }),
      'review.diff.hunks': (input) =>
        this.guard(async () => {
          const root = await this.repo(input);
          const kept = this.kept.get(root, input.source);
          const picked = kept ? pickFiles(kept, input.files) : null;
          if (picked && picked.missing.length === 0) return picked;
          // Gone from the kept diffs, or asked about files it does not have (a newer diff was made in
          // another window): make it again and answer from that.
          const fresh = await scanDiff(root, input.source);
          this.kept.keep(root, input.source, fresh);
          return pickFiles(fresh, input.files);
        }),
      'review.stageHunk': (input) => this.hunkAction('stage', input),
      'review.unstageHunk': (input) => this.hunkAction('unstage', input),
      'review.revertHunk': (input) => this.hunkAction('revert', input),
      'review.stageFile': (input) => this.fileAction(input, (root, file) => stageFile(root, file)),
      'review.unstageFile': (input) => this.fileAction(input, (root, file) => unstageFile(root, file)),
      'review.revertFile': (input) => this.fileAction(input, (root, file) => revertFile(root, file, this.backups)),
      'review.comments.list': (input) =>
        this.guard(async () => {
          const root = await this.repo(input);
          const sourceKey = input.source ? await sourceKeyOf(root, input.source) : undefined;
          return this.options.store.reviewComments.list({ repoRoot: root, sourceKey, path: input.path });
        }),
      'review.comments.add': (input) =>
        this.guard(async () => {
          const root = await this.repo(input);
          const sourceKey = await sourceKeyOf(root, input.source);
          const { path: file, side, startLine, endLine, body } = input;
          const comment = this.options.store.reviewComments.add({ repoRoot: root, sourceKey, path: file, side, startLine, endLine, body });
          this.options.events.emit('review.comments.changed', { repoRoot: root, sourceKey });
          return comment;
        }),
      'review.comments.remove': ({ id }) => {
        const comment = this.options.store.reviewComments.get(id);
        const removed = this.options.store.reviewComments.remove(id);
        if (comment && removed) this.options.events.emit('review.comments.changed', { repoRoot: comment.repoRoot, sourceKey: comment.sourceKey });
        return { removed };
      },
      'review.aiReview': (input) =>
        this.guard(async () => {
          if (!this.reviewer) throw new RpcError('unavailable', 'AI review needs a model, and none is configured in this mode');
          const diff = await loadDiff(await this.repo(input), input.source);
          if (diff.files.length === 0) throw new RpcError('conflict', `There is nothing to review in ${diff.title.toLowerCase()}`);
          return this.reviewer.review(diff);
        }),
      'review.aiReview.last': (input) =>
        this.guard(async () => {
          if (!this.reviewer) return { result: null };
          const root = await this.repo(input);
          return { result: this.reviewer.last(root, await sourceKeyOf(root, input.source)) };
        }),
      'review.lastTurn': ({ threadId }) =>
        this.guard(async () => {
          const thread = this.options.store.threads.get(threadId);
          if (!thread) throw new RpcError('not_found', `No thread with id ${threadId}`);
          const last = await this.turnSnapshots.lastTurn(threadId, `Last turn · ${thread.title}`);
          if (!last) return { turn: null };
          return { turn: { ...last, workspaceId: await this.workspaceOf(thread.workspaceId, last.repoRoot) } };
        }),
      'review.findings.dismiss': ({ id }) => this.guard(async () => this.findingChanged(this.requireReviewer().dismiss(id))),
      'review.findings.resolve': ({ id }) => this.guard(async () => this.findingChanged(this.requireReviewer().resolve(id))),
      'review.openInEditor': (input) =>
        this.guard(async () => {
          const root = await this.repo(input);
          // The code view's launcher: columns, and terminal editors handed back to run in a Tandem terminal.
          return openInEditor({ file: insideRepo(root, input.path), line: input.line, cwd: root }, this.options.env ?? process.env);
        }),
    };
  }

  private hunkAction(action: HunkAction, input: WorkspaceRef & { file: DiffFileRefInput; hunkId: string; lineIds?: string[] }) {
    return this.fileAction(input, (root, file) => applyHunkAction(root, { action, file, hunkId: input.hunkId, lineIds: input.lineIds }, this.backups));
  }

  private fileAction(input: WorkspaceRef & { file: DiffFileRefInput }, run: (root: string, file: DiffFileRefInput) => Promise<ReviewActionResult>) {
    return this.guard(async () => {
      const root = await this.repo(input);
      insideRepo(root, input.file.path);
      if (input.file.oldPath) insideRepo(root, input.file.oldPath);
      const result = await run(root, input.file);
      const paths = [input.file.path, ...(input.file.oldPath ? [input.file.oldPath] : [])];
      this.options.events.emit('review.changed', { repoRoot: root, paths });
      return result;
    });
  }

  private requireReviewer(): AiReviewer {
    if (!this.reviewer) throw new RpcError('unavailable', 'AI review needs a model, and none is configured in this mode');
    return this.reviewer;
  }

  private findingChanged({ repo, finding }: { repo: string; finding: ReviewFinding }) {
    this.options.events.emit('review.findings.changed', { repoRoot: repo, finding });
    return finding;
  }

  /** The workspace id when that workspace is the repository at `root` (a worktree thread's is not). */
  private async workspaceOf(workspaceId: string | null, root: string): Promise<string | null> {
    const ws = workspaceId ? this.options.store.workspaces.get(workspaceId) : undefined;
    if (!ws) return null;
    try {
      return (await repoRoot(ws.path)) === root ? ws.id : null;
    } catch {
      return null;
    }
  }

  /** The repository root for a workspace id or folder path. */
  private async repo(ref: WorkspaceRef): Promise<string> {
    let folder: string;
    if (ref.workspaceId !== undefined) {
      const ws = this.options.store.workspaces.get(ref.workspaceId);
      if (!ws) throw new RpcError('not_found', `No workspace with id ${ref.workspaceId}`);
      folder = ws.path;
    } else {
      folder = ref.workspacePath ?? '';
      if (!path.isAbsolute(folder)) throw new RpcError('invalid_input', `Give an absolute folder path (got "${folder}")`);
    }
    return repoRoot(folder);
  }

  /** Runs a handler body, turning git's and the editor's failures into typed errors. */
  private async guard<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (err) {
      throw toRpcError(err);
    }
  }
}

/** Exported for tests: how each failure reaches the UI. */
export function toRpcError(err: unknown): unknown {
  if (err instanceof GitError) {
    const message =
      err.kind === 'not_a_repository' ? `${err.message}: reviewing needs a folder that was cloned or set up with \`git init\`` : err.message;
    return new RpcError(GIT_ERROR_CODES[err.kind], message);
  }
  if (err instanceof NoEditorError) return new RpcError('unavailable', err.message);
  if (err instanceof AiReviewError) return new RpcError(err.kind === 'no_model' || err.kind === 'model_failed' ? 'unavailable' : 'conflict', err.message);
  return err;
}

/** The absolute path of a repo-relative path; refuses one that climbs out of the repository. */
function insideRepo(root: string, relative: string): string {
  const abs = path.resolve(root, relative);
  if (abs !== root && !abs.startsWith(root + path.sep)) throw new RpcError('invalid_input', `${relative} is outside the repository`);
  return abs;
}
