import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, LATEST_SCHEMA_VERSION, openDatabase, StoreError } from '../../../electron/core/store/database';
import type { Migration } from '../../../electron/core/store/migrations';
import { Store } from '../../../electron/core/store';
import { makeTempDir } from '../../support/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => (tmp = makeTempDir()));
afterEach(() => tmp.cleanup());

describe('openDatabase', () => {
  it('creates a WAL database at the latest schema', () => {
    const { db, movedAsideTo } = openDatabase(tmp.dir);
    expect(movedAsideTo).toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['feedback', 'items', 'ledger', 'settings', 'suggestions', 'threads', 'workspaces']));
    db.close();
  });

  it('runs only the migrations a file has not seen, each once', () => {
    const ran: number[] = [];
    const list: Migration[] = [
      { version: 1, name: 'a', up: (db) => (db.exec('CREATE TABLE a (x)'), ran.push(1)) },
      { version: 2, name: 'b', up: (db) => (db.exec('CREATE TABLE b (x)'), ran.push(2)) },
    ];
    openDatabase(tmp.dir, list.slice(0, 1)).db.close();
    const { db } = openDatabase(tmp.dir, list);
    expect(ran).toEqual([1, 2]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
    openDatabase(tmp.dir, list).db.close();
    expect(ran).toEqual([1, 2]);
  });

  it('rolls back a failing migration and leaves the version where it was', () => {
    const list: Migration[] = [
      { version: 1, name: 'ok', up: (db) => db.exec('CREATE TABLE a (x)') },
      { version: 2, name: 'broken', up: (db) => (db.exec('CREATE TABLE b (x)'), db.exec('NOT SQL')) },
    ];
    expect(() => openDatabase(tmp.dir, list)).toThrow();
    const raw = new Database(path.join(tmp.dir, DATABASE_FILE));
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
    raw.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const file = path.join(tmp.dir, DATABASE_FILE);
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = fs.readFileSync(file);

    let error: unknown;
    try {
      openDatabase(tmp.dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('newer_version');
    expect((error as StoreError).message).toMatch(/newer version of Tandem.*schema \d+.*untouched/s);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('moves a corrupt file aside (never deletes it) and starts fresh', () => {
    const file = path.join(tmp.dir, DATABASE_FILE);
    const garbage = Buffer.from('this is not a database, just some bytes '.repeat(200));
    fs.writeFileSync(file, garbage);

    const { db, movedAsideTo } = openDatabase(tmp.dir);
    expect(movedAsideTo).not.toBeNull();
    expect(fs.readFileSync(movedAsideTo!).equals(garbage)).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('tells the core to report the move', () => {
    fs.writeFileSync(path.join(tmp.dir, DATABASE_FILE), 'garbage'.repeat(1000));
    const store = Store.open(tmp.dir);
    expect(store.movedAsideTo).toMatch(/tandem\.db\.corrupt-/);
    store.close();
  });
});
