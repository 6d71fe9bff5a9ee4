/**
 * Opens Tandem's one SQLite file: WAL, foreign keys, migrations. Two failure modes get a clear answer:
 * - a file written by a newer Tandem: refused, untouched (StoreError 'newer_version');
 * - a file that is not a database or fails its integrity check: moved aside with its -wal/-shm, never
 *   deleted, and a fresh database is opened; the caller is told where the old one went.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations';

export type StoreErrorCode = 'newer_version' | 'unopenable';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface OpenedDatabase {
  db: Database.Database;
  /** Set when a damaged file was moved aside: where it went. */
  movedAsideTo: string | null;
}

export const DATABASE_FILE = 'tandem.db';

export function openDatabase(dataDir: string, list: Migration[] = migrations): OpenedDatabase {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DATABASE_FILE);
  const latest = list.length ? list[list.length - 1]!.version : 0;

  let movedAsideTo: string | null = null;
  let db: Database.Database;
  try {
    db = connect(file, latest);
  } catch (err) {
    if (err instanceof StoreError) throw err;
    if (!isCorruption(err)) {
      throw new StoreError('unopenable', `Cannot open the database at ${file}: ${(err as Error).message}`);
    }
    movedAsideTo = moveAside(file);
    db = connect(file, latest);
  }
  migrate(db, list);
  return { db, movedAsideTo };
}

function connect(file: string, latest: number): Database.Database {
  const db = new Database(file);
  try {
    // Reading the header is what fails on a file that is not a database.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) {
      throw new StoreError(
        'newer_version',
        `The database at ${file} was written by a newer version of Tandem (schema ${version}; this version knows up to ${latest}). ` +
          'Update Tandem, or start with another data directory (--data-dir). The file was left untouched.',
      );
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(`integrity check failed: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code === 'SQLITE_CORRUPT_VTAB';
}

function moveAside(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${file}.corrupt-${stamp}`;
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}

function migrate(db: Database.Database, list: Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export { LATEST_SCHEMA_VERSION };
