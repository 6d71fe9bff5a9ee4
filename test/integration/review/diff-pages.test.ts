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

  it('leaves renames, copies, binaries, mode changes, no-EOF files, submodules and Unicode paths pending with exactly their full metadata', async () => {
    const text = (n: number, tag: string) => numberedLines(n, tag).join('\n') + '\n';
    bigChange(12);
    repo.write('z/move-me.txt', text(60, 'move'));
    repo.write('z/copy-source.txt', text(60, 'copy'));
    repo.write('z/blob.bin', Buffer.from([0, 1, 2, 3, 0, 255]));
    repo.write('z/run.sh', 'echo hi\n', 0o644);
    repo.write('z/no-eol.txt', 'a\nb');
    repo.write('z/ünï 名 "q".txt', text(5, 'u'));
    repo.commitAll('more');
    for (let f = 0; f < 12; f++) repo.write(`src/f${String(f).padStart(2, '0')}.txt`, text(400, `g${f}`));
    repo.git('mv', 'z/move-me.txt', 'z/moved.txt');
    repo.write('z/moved.txt', text(60, 'move').replace('move 3', 'moved 3'));
    repo.write('z/copy-source.txt', text(60, 'copy').replace('copy 7', 'copied 7'));
    repo.write('z/copy-target.txt', text(60, 'copy').replace('copy 50', 'copy fifty'));
    repo.write('z/blob.bin', Buffer.from([0, 9, 9, 0]));
    repo.write('z/run.sh', 'echo hi\n', 0o755);
    repo.write('z/no-eol.txt', 'a\nc');
    repo.write('z/ünï 名 "q".txt', text(5, 'u').replace('u 2', 'ü 2'));
    repo.git('add', '-A');
    repo.git('update-index', '--add', '--cacheinfo', `160000,${repo.git('rev-parse', 'HEAD').trim()},z/sub`);
    repo.git('commit', '-q', '-m', 'all kinds');
    const commit = { kind: 'commit', commit: 'HEAD' } as const;

    const full = await loadDiff(repo.root, commit);
    const diff = await h.call('review.diff', { workspacePath: repo.root, source: commit });
    expect(diff.files.map((f) => f.id)).toEqual(full.files.map((f) => f.id));
    // Past the first page: files with lines are pending, files without (binary, mode only) come whole.
    const late = diff.files.filter((f) => f.path.startsWith('z/'));
    const kinds = late.map((f) => [f.status, f.binary, f.submodule, f.modeChanged, f.pending !== undefined]);
    for (const kind of [['R', false, false, false, true], ['C', false, false, false, true], ['M', true, false, false, false], ['M', false, false, true, false], ['A', false, true, false, true]]) {
      expect(kinds).toContainEqual(kind);
    }
    for (const f of late.filter((g) => !g.pending)) expect(f).toEqual(full.files.find((g) => g.id === f.id));
    const pending = diff.files.filter((f) => f.pending);
    expect(pending.map((f) => f.path)).toContain('z/ünï 名 "q".txt');
    expect(pending.map((f) => f.path)).toContain('z/no-eol.txt');
    for (const f of pending) {
      const { pending: rows, ...meta } = f;
      const whole = full.files.find((g) => g.id === f.id)!;
      expect(meta).toEqual({ ...whole, hunks: [] });
      expect(rows!.unified).toEqual(whole.hunks.map((hk) => hk.lines.length));
    }
    const { files, missing } = await h.call('review.diff.hunks', { workspacePath: repo.root, source: commit, files: pending.map((f) => ({ id: f.id, version: f.version })) });
    expect(missing).toEqual([]);
    expect(files).toEqual(pending.map((f) => full.files.find((g) => g.id === f.id)));
    const noEol = files.find((f) => f.path === 'z/no-eol.txt')!;
    expect(noEol.hunks[0]!.lines.filter((l) => l.noNewlineAtEof).length).toBe(2);
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
