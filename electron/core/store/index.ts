/** The store: one SQLite file, one repository per table. Owned by the core; closed on dispose. */
import type { Database } from 'better-sqlite3';
import { openDatabase } from './database';
import { FeedbackRepository } from './repositories/feedback';
import { ItemsRepository } from './repositories/items';
import { LedgerRepository } from './repositories/ledger';
import { PlansRepository } from './repositories/plans';
import { ReviewCommentsRepository } from './repositories/review-comments';
import { SettingsRepository } from './repositories/settings';
import { SuggestionsRepository } from './repositories/suggestions';
import { ThreadWorktreesRepository } from './repositories/thread-worktrees';
import { ThreadsRepository } from './repositories/threads';
import { TurnsRepository } from './repositories/turns';
import { WorkspacesRepository } from './repositories/workspaces';

export class Store {
  readonly settings: SettingsRepository;
  readonly workspaces: WorkspacesRepository;
  readonly threads: ThreadsRepository;
  readonly threadWorktrees: ThreadWorktreesRepository;
  readonly items: ItemsRepository;
  readonly turns: TurnsRepository;
  readonly suggestions: SuggestionsRepository;
  readonly feedback: FeedbackRepository;
  readonly ledger: LedgerRepository;
  readonly reviewComments: ReviewCommentsRepository;
  readonly plans: PlansRepository;

  private constructor(
    readonly db: Database,
    /** Where a damaged database was moved, if one was found at start. */
    readonly movedAsideTo: string | null,
  ) {
    this.settings = new SettingsRepository(db);
    this.workspaces = new WorkspacesRepository(db);
    this.threads = new ThreadsRepository(db);
    this.threadWorktrees = new ThreadWorktreesRepository(db);
    this.items = new ItemsRepository(db);
    this.turns = new TurnsRepository(db);
    this.suggestions = new SuggestionsRepository(db);
    this.feedback = new FeedbackRepository(db);
    this.ledger = new LedgerRepository(db);
    this.plans = new PlansRepository(db);
    this.reviewComments = new ReviewCommentsRepository(db);
  }

  static open(dataDir: string): Store {
    const { db, movedAsideTo } = openDatabase(dataDir);
    return new Store(db, movedAsideTo);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export { StoreError, DATABASE_FILE, LATEST_SCHEMA_VERSION } from './database';
