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
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
