/**
 * "The agent's last turn" for the review panel: a snapshot of the turn's folder (git/snapshot.ts)
 * before the turn does anything and another once it has ended, kept in table turn_snapshots. The two
 * commits are the 'snapshot' diff source of that turn, with `turn` set so its comments, its AI review
 * and its evidence (the commands the turn ran) belong to it.
 *
 * The agent awaits `turnStarting` before its first model call, so no change can slip in before the
 * "before" snapshot. A folder that is not in a git repository is simply not snapshotted. Snapshot
 * commits are referenced by no ref (as Codex's ghost commits): git keeps unreferenced objects for its
 * prune grace period (two weeks by default), after which an old turn can no longer be shown and
 * review.diff says its snapshot is gone.
 */
import type { Database } from 'better-sqlite3';
import type { Turn } from '../../../shared/contract';
import type { TurnReviewSource } from '../../../shared/contract/review';
import { repoRoot } from '../git/rev-parse';
import { GitError } from '../git/run-git';
import { snapshotWorkingTree } from '../git/snapshot';
import type { Store } from '../store';

interface Row {
  turn_id: string;
  thread_id: string;
  repo_root: string;
  before_commit: string;
  after_commit: string | null;
  started_at: number;
}

/** Rows of turn_snapshots. */
export class TurnSnapshotsRepository {
  constructor(private readonly db: Database) {}

  begin(row: Omit<Row, 'after_commit'>): void {
    this.db
      .prepare('INSERT OR REPLACE INTO turn_snapshots (turn_id, thread_id, repo_root, before_commit, after_commit, started_at) VALUES (?, ?, ?, ?, NULL, ?)')
      .run(row.turn_id, row.thread_id, row.repo_root, row.before_commit, row.started_at);
  }

  get(turnId: string): Row | null {
    return (this.db.prepare('SELECT * FROM turn_snapshots WHERE turn_id = ?').get(turnId) ?? null) as Row | null;
  }

  finish(turnId: string, afterCommit: string): void {
    this.db.prepare('UPDATE turn_snapshots SET after_commit = ? WHERE turn_id = ?').run(afterCommit, turnId);
  }

  /** The thread's latest turn with both snapshots. */
  lastComplete(threadId: string): Row | null {
    return (this.db
      .prepare('SELECT * FROM turn_snapshots WHERE thread_id = ? AND after_commit IS NOT NULL ORDER BY started_at DESC, rowid DESC LIMIT 1')
      .get(threadId) ?? null) as Row | null;
  }
}

export interface TurnSnapshotsOptions {
  store: Store;
  /** Where a snapshot failure is reported (it never stops a turn). */
  log?: (message: string) => void;
}

export class TurnSnapshots {
  private readonly rows: TurnSnapshotsRepository;
  /** Turn id → its "before" snapshot in progress (the "after" must not overtake it). */
  private readonly starting = new Map<string, Promise<boolean>>();
  /** Thread id → its "after" snapshot in progress, awaited by lastTurn. */
  private readonly ending = new Map<string, Promise<void>>();

  constructor(private readonly options: TurnSnapshotsOptions) {
    this.rows = new TurnSnapshotsRepository(options.store.db);
  }

  /** Snapshots the turn's folder before the turn starts; never throws (a turn runs without it). */
  turnStarting(turn: Pick<Turn, 'id' | 'threadId' | 'cwd'>): Promise<void> {
    const taking = (async () => {
      try {
        const root = await repoRoot(turn.cwd);
        const snapshot = await snapshotWorkingTree(root, `Tandem: before ${turn.id}`);
        this.rows.begin({ turn_id: turn.id, thread_id: turn.threadId, repo_root: root, before_commit: snapshot.commit, started_at: Date.now() });
        return true;
      } catch (err) {
        this.report(turn.id, 'before', err);
        return false;
      }
    })();
    this.starting.set(turn.id, taking);
    return taking.then(() => undefined);
  }

  /** Snapshots the folder again once the turn has ended; the review panel then offers the turn. */
  turnEnded(turn: Pick<Turn, 'id' | 'threadId'>): void {
    const started = this.starting.get(turn.id);
    this.starting.delete(turn.id);
    if (!started) return;
    const taking = started.then(async (began) => {
      if (!began) return;
      try {
        const row = this.rows.get(turn.id);
        if (!row) return;
        const snapshot = await snapshotWorkingTree(row.repo_root, `Tandem: after ${turn.id}`);
        this.rows.finish(turn.id, snapshot.commit);
      } catch (err) {
        this.report(turn.id, 'after', err);
      }
    });
    this.ending.set(turn.threadId, taking);
    void taking.finally(() => {
      if (this.ending.get(turn.threadId) === taking) this.ending.delete(turn.threadId);
    });
  }

  /** The diff source of the thread's last finished turn, or null when it has none. */
  async lastTurn(threadId: string, label: string): Promise<Omit<TurnReviewSource, 'workspaceId'> | null> {
    await this.ending.get(threadId);
    const row = this.rows.lastComplete(threadId);
    if (!row || !row.after_commit) return null;
    return {
      threadId,
      turnId: row.turn_id,
      repoRoot: row.repo_root,
      startedAt: row.started_at,
      source: { kind: 'snapshot', before: row.before_commit, after: row.after_commit, label, turn: { threadId, turnId: row.turn_id } },
    };
  }

  private report(turnId: string, which: 'before' | 'after', err: unknown): void {
    // Not a repository (or no git): nothing to review as a turn, and nothing worth saying.
    if (err instanceof GitError && (err.kind === 'not_a_repository' || err.kind === 'missing_folder' || err.kind === 'git_missing')) return;
    this.options.log?.(`[tandem] could not snapshot the folder ${which} turn ${turnId}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
