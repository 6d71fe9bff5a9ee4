/**
 * A big diff in pages: review.diff sends the first files' hunks and the others as pending (row sizes
 * only); review.diff.hunks sends those files' hunks, exactly as a full diff has them, and names the
 * files that changed since.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_PAGE_LINES } from '../../../electron/core/review/diff-pages';
import { loadDiff } from '../../../electron/core/review/diff-sources';
import { makeHarness, type Harness } from './harness';
import { numberedLines, TestRepo } from './test-repo';

let repo: TestRepo;
let h: Harness;

beforeEach(() => {
  repo = TestRepo.create();
  h = makeHarness();
});
afterEach(() => {
  h.dispose();
  repo.cleanup();
});

/** `count` files of 400 lines each, every other line changed in the working tree. */
function bigChange(count: number): void {
  for (let f = 0; f < count; f++) repo.write(`src/f${String(f).padStart(2, '0')}.txt`, numberedLines(400, `f${f}`).join('\n') + '\n');
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'base');
  for (let f = 0; f < count; f++) repo.write(`src/f${String(f).padStart(2, '0')}.txt`, numberedLines(400, `f${f}`).map((l, i) => (i % 2 ? `${l} changed` : l)).join('\n') + '\n');
}

const source = { kind: 'working' } as const;

describe('review.diff on a big diff', () => {
  it('sends the first files with hunks, the rest pending with their row sizes, and review.diff.hunks fills them in', async () => {
    bigChange(20);
    const full = await loadDiff(repo.root, source);
    const diff = await h.call('review.diff', { workspacePath: repo.root, source });

    expect(diff.files.map((f) => f.id)).toEqual(full.files.map((f) => f.id));
    expect(diff.totals).toEqual(full.totals);
    const sent = diff.files.filter((f) => !f.pending);
    const pending = diff.files.filter((f) => f.pending);
    expect(sent.length).toBeGreaterThan(0);
    expect(pending.length).toBeGreaterThan(0);
    expect(sent.reduce((n, f) => n + f.hunks.reduce((m, hk) => m + hk.lines.length, 0), 0)).toBeLessThan(FIRST_PAGE_LINES + 1000);
    for (const f of pending) {
      const whole = full.files.find((g) => g.id === f.id)!;
      expect(f.hunks).toEqual([]);
      expect(f.additions).toBe(whole.additions);
      // Unified rows are the lines; split rows pair each removed line with an added one.
      expect(f.pending!.unified).toEqual(whole.hunks.map((hk) => hk.lines.length));
      expect(f.pending!.split).toEqual(whole.hunks.map((hk) => hk.lines.filter((l) => l.kind !== 'add').length));
    }

    const last = pending[pending.length - 1]!;
    const { files, missing } = await h.call('review.diff.hunks', { workspacePath: repo.root, source, files: [{ id: last.id, version: last.version }] });
    expect(missing).toEqual([]);
    expect(files).toEqual([full.files.find((f) => f.id === last.id)]);
    expect(files[0]!.hunks[0]!.lines.some((l) => l.kind === 'add' && l.text.endsWith('changed'))).toBe(true);
  });

  it('answers from a fresh diff after a restart, and names a file that changed since', async () => {
    bigChange(12);
    const diff = await h.call('review.diff', { workspacePath: repo.root, source });
    const pending = diff.files.filter((f) => f.pending);
    const [a, b] = [pending[0]!, pending[1]!];

    // A new service has no kept diff: it runs git again.
    h.dispose();
    h = makeHarness();
    repo.write(b.path, 'rewritten\n');
    const { files, missing } = await h.call('review.diff.hunks', {
      workspacePath: repo.root,
      source,
      files: [
        { id: a.id, version: a.version },
        { id: b.id, version: b.version },
      ],
    });
    expect(files.map((f) => f.path)).toEqual([a.path]);
    expect(files[0]!.hunks.length).toBeGreaterThan(0);
    expect(missing).toEqual([b.id]);
  });

  it('refuses a request without files or with a malformed one', async () => {
    const empty = await h.fail('review.diff.hunks', { workspacePath: repo.root, source, files: [] });
    expect(empty.code).toBe('invalid_input');
    expect(empty.message).toMatch(/at least one file/);
    const bad = await h.fail('review.diff.hunks', { workspacePath: repo.root, source, files: [{ id: 'x' }] } as never);
    expect(bad.code).toBe('invalid_input');
  });
});
