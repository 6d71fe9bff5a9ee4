/**
 * Versioned schema. Each migration runs once, in its own transaction, and bumps PRAGMA user_version.
 * Never edit a migration that has shipped: add a new one.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    up(db) {
      db.exec(`
        CREATE TABLE settings (
          key        TEXT PRIMARY KEY,
          value      TEXT NOT NULL,          -- JSON
          updated_at INTEGER NOT NULL
        );

        CREATE TABLE workspaces (
          id       TEXT PRIMARY KEY,
          path     TEXT NOT NULL UNIQUE,
          name     TEXT NOT NULL,
          is_git   INTEGER NOT NULL,
          added_at INTEGER NOT NULL
        );

        CREATE TABLE threads (
          id           TEXT PRIMARY KEY,
          workspace_id TEXT REFERENCES workspaces(id) ON DELETE SET NULL,
          title        TEXT NOT NULL,
          status       TEXT NOT NULL,
          created_at   INTEGER NOT NULL,
          updated_at   INTEGER NOT NULL,
          archived     INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX threads_by_workspace ON threads(workspace_id, updated_at DESC);

        -- Append-only log of completed items; deltas are never stored, only the completed body.
        CREATE TABLE items (
          thread_id  TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
          seq        INTEGER NOT NULL,
          id         TEXT NOT NULL,
          turn_id    TEXT,
          type       TEXT NOT NULL,
          data       TEXT NOT NULL,          -- JSON
          created_at INTEGER NOT NULL,
          PRIMARY KEY (thread_id, seq)
        );
        CREATE UNIQUE INDEX items_by_id ON items(id);

        CREATE TABLE suggestions (
          id          TEXT PRIMARY KEY,
          kind        TEXT NOT NULL,
          title       TEXT NOT NULL,
          why         TEXT NOT NULL,
          confidence  REAL NOT NULL,
          action      TEXT NOT NULL,         -- JSON
          dedupe_key  TEXT NOT NULL,
          repo        TEXT,
          status      TEXT NOT NULL,         -- pending | surfaced | accepted | dismissed | snoozed | expired
          created_at  INTEGER NOT NULL,
          updated_at  INTEGER NOT NULL
        );
        CREATE INDEX suggestions_by_status ON suggestions(status, created_at DESC);
        CREATE INDEX suggestions_by_dedupe ON suggestions(dedupe_key, created_at DESC);

        CREATE TABLE feedback (
          id            TEXT PRIMARY KEY,
          suggestion_id TEXT REFERENCES suggestions(id) ON DELETE SET NULL,
          kind          TEXT NOT NULL,
          repo          TEXT,
          verdict       TEXT NOT NULL,       -- accepted | dismissed | not_useful | snoozed
          reason        TEXT,
          created_at    INTEGER NOT NULL
        );
        CREATE INDEX feedback_by_kind ON feedback(kind, repo, created_at DESC);

        -- What context went to which model, for the user to inspect, export and clear.
        CREATE TABLE ledger (
          id         TEXT PRIMARY KEY,
          created_at INTEGER NOT NULL,
          thread_id  TEXT,
          purpose    TEXT NOT NULL,          -- e.g. quick-ask, agent-turn, review, test-connection
          provider   TEXT NOT NULL,
          model      TEXT NOT NULL,
          context    TEXT NOT NULL,          -- JSON: [{ kind, label, chars }]
          chars      INTEGER NOT NULL
        );
        CREATE INDEX ledger_by_time ON ledger(created_at DESC);
      `);
    },
  },
  {
    version: 2,
    name: 'review comments',
    up(db) {
      db.exec(`
        -- Comments on lines of a review diff, anchored by repo, diff source, file and line range.
        CREATE TABLE review_comments (
          id         TEXT PRIMARY KEY,
          repo       TEXT NOT NULL,          -- absolute path of the repository root
          source_key TEXT NOT NULL,          -- e.g. working, branch:main...HEAD, commit:<id>
          path       TEXT NOT NULL,
          side       TEXT NOT NULL CHECK (side IN ('old', 'new')),
          start_line INTEGER NOT NULL,
          end_line   INTEGER NOT NULL,
          body       TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX review_comments_by_source ON review_comments(repo, source_key, path, start_line);
      `);
    },
  },
  {
    version: 3,
    name: 'feedback situation',
    up(db) {
      db.exec(`
        -- What a suggestion's feedback is learned for, besides kind and repo (e.g. the test runner).
        ALTER TABLE feedback ADD COLUMN situation TEXT;
        CREATE INDEX feedback_by_situation ON feedback(kind, repo, situation, created_at DESC);
      `);
    },
  },
  {
    version: 4,
    name: 'review dismissals',
    up(db) {
      db.exec(`
        -- AI review findings the author dismissed; their titles quiet later reviews of the repository.
        CREATE TABLE review_dismissals (
          id         TEXT PRIMARY KEY,
          repo       TEXT NOT NULL,          -- absolute path of the repository root
          title      TEXT NOT NULL,
          path       TEXT NOT NULL,
          body       TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX review_dismissals_by_repo ON review_dismissals(repo, created_at DESC);
      `);
    },
  },
  {
    version: 5,
    name: 'thread worktrees',
    up(db) {
      db.exec(`
        -- A thread that runs in its own git worktree (on its own branch) instead of the user's checkout.
        CREATE TABLE thread_worktrees (
          -- Not a foreign key: background drafts own worktrees too, under ids that name no thread.
          thread_id   TEXT PRIMARY KEY,
          repo_root   TEXT NOT NULL,         -- absolute path of the user's repository
          path        TEXT NOT NULL UNIQUE,  -- absolute path of the worktree
          branch      TEXT NOT NULL,
          base_commit TEXT NOT NULL,         -- full commit id the branch started from
          created_at  INTEGER NOT NULL,
          applied_tree TEXT                  -- tree of the worktree when its changes were last applied to the repository
        );
      `);
    },
  },
  {
    version: 6,
    name: 'thread plans',
    up(db) {
      db.exec(`
        -- A thread's saved plan (plan-first runs): a checklist whose steps each name the check that proves them.
        CREATE TABLE thread_plans (
          thread_id   TEXT PRIMARY KEY REFERENCES threads(id) ON DELETE CASCADE,
          status      TEXT NOT NULL,         -- draft | running | incomplete | done
          steps       TEXT NOT NULL,         -- JSON: [{id, title, check, state, lastCheck}]
          proposed_by TEXT,                  -- the turn that proposed it
          run_by      TEXT,                  -- the turn running it, or that ran it last
          updated_at  INTEGER NOT NULL
        );
      `);
    },
  },
  {
    version: 7,
    name: 'agent turns',
    up(db) {
      db.exec(`
        -- One row per agent turn: how it ended, its model and settings, and the token usage summed over
        -- its model calls (the item log holds what it did). Written when it starts, at each step, and at its end.
        CREATE TABLE turns (
          id         TEXT PRIMARY KEY,
          thread_id  TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
          status     TEXT NOT NULL,          -- inProgress | completed | interrupted | failed
          started_at INTEGER NOT NULL,
          data       TEXT NOT NULL           -- JSON: the Turn
        );
        CREATE INDEX turns_by_thread ON turns(thread_id, started_at);
      `);
    },
  },
  {
    version: 8,
    name: 'review results and turn snapshots',
    up(db) {
      db.exec(`
        -- The last AI review of each repository + diff source, so its findings survive a restart.
        CREATE TABLE review_results (
          id          TEXT PRIMARY KEY,
          repo        TEXT NOT NULL,         -- absolute path of the repository root
          source_key  TEXT NOT NULL,         -- as review_comments.source_key
          data        TEXT NOT NULL,         -- JSON: the AiReviewResult without its findings
          created_at  INTEGER NOT NULL,
          UNIQUE (repo, source_key)
        );
        CREATE TABLE review_findings (
          id        TEXT PRIMARY KEY,
          result_id TEXT NOT NULL REFERENCES review_results(id) ON DELETE CASCADE,
          position  INTEGER NOT NULL,
          status    TEXT NOT NULL,           -- open | dismissed | resolved
          data      TEXT NOT NULL            -- JSON: the ReviewFinding
        );
        CREATE INDEX review_findings_by_result ON review_findings(result_id, position);

        -- Snapshots of an agent turn's working tree before and after it (commits made by
        -- git/snapshot.ts): the review panel's "last turn" source.
        CREATE TABLE turn_snapshots (
          turn_id       TEXT PRIMARY KEY,
          thread_id     TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
          repo_root     TEXT NOT NULL,       -- the repository the turn's folder is in
          before_commit TEXT NOT NULL,
          after_commit  TEXT,                -- null until the turn has ended
          started_at    INTEGER NOT NULL
        );
        CREATE INDEX turn_snapshots_by_thread ON turn_snapshots(thread_id, started_at DESC);
      `);
    },
  },
  {
    version: 9,
    name: 'suggestion tracking, snoozes and drafts',
    up(db) {
      db.exec(`
        -- What the pipeline needs to take a suggestion back after a restart: the situation its answers
        -- teach, the origins a passing rerun resolves, whether the user asked for it; when a snooze ends;
        -- and the background draft of its fix (JSON), if one was made.
        ALTER TABLE suggestions ADD COLUMN situation TEXT;
        ALTER TABLE suggestions ADD COLUMN origin_keys TEXT;
        ALTER TABLE suggestions ADD COLUMN requested INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE suggestions ADD COLUMN snoozed_until INTEGER;
        ALTER TABLE suggestions ADD COLUMN draft TEXT;
        CREATE INDEX feedback_by_suggestion ON feedback(suggestion_id, created_at DESC);
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
