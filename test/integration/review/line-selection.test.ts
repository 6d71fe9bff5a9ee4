/**
 * Line actions against an independent model of what they mean. For random files and random edits
 * (with and without a newline at the end), random lines of a random hunk are staged, unstaged or
 * reverted through the service; the resulting bytes in the index or working tree must equal what the
 * chosen lines imply, computed here from the diff the panel showed:
 *   stage:   base = old side; chosen "-" go, unchosen "-" stay, chosen "+" come, unchosen "+" don't;
 *   unstage/revert: base = new side; chosen "+" go, unchosen "+" stay, chosen "-" come back.
 * A line that ends up in the middle always has its newline; only the last keeps what it had.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffLineId, type DiffFile, type DiffHunk } from '../../../shared/contract';
import { makeHarness, type Harness } from './harness';
import { TestRepo } from './test-repo';

let repo: TestRepo;
let h: Harness;
beforeAll(() => {
  repo = TestRepo.create();
  h = makeHarness();
});
afterAll(() => {
  h.dispose();
  repo.cleanup();
});

/** mulberry32: small, seeded, good enough to pick lines. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

interface Line {
  text: string;
  eol: boolean;
}
const toLines = (content: string): Line[] => {
  if (content === '') return [];
  const parts = content.split('\n');
  const last = parts.pop()!;
  const lines = parts.map((text) => ({ text, eol: true }));
  if (last !== '') lines.push({ text: last, eol: false });
  return lines;
};
const join = (lines: Line[]) => lines.map((l, i) => l.text + (l.eol || i < lines.length - 1 ? '\n' : '')).join('');

function randomFile(r: Rng): string {
  const words = ['alpha', 'beta', 'gamma', 'delta', 'return x;', '}', '', 'let y = 1;', 'if (a) {'];
  const n = 1 + r.int(25);
  const lines = Array.from({ length: n }, (_, i) => (r.chance(0.7) ? `line ${i} ${words[r.int(words.length)]}` : words[r.int(words.length)]!));
  return lines.join('\n') + (r.chance(0.6) ? '\n' : '');
}

function randomEdit(r: Rng, content: string): string {
  const lines = content.split('\n');
  const trailing = lines[lines.length - 1] === '' ? lines.pop() : undefined;
  const edits = 1 + r.int(5);
  for (let e = 0; e < edits; e++) {
    const at = r.int(lines.length + 1);
    const op = r.int(3);
    if (op === 0 && lines.length > 1) lines.splice(Math.min(at, lines.length - 1), 1 + r.int(2));
    else if (op === 1) lines.splice(at, 0, ...Array.from({ length: 1 + r.int(3) }, (_, k) => `added ${e}.${k}`));
    else if (lines.length) lines[Math.min(at, lines.length - 1)] = `changed ${e}`;
  }
  const endsWithNewline = r.chance(0.2) ? trailing === undefined : trailing !== undefined;
  return lines.join('\n') + (endsWithNewline ? '\n' : '');
}

/** What applying the chosen lines of `hunk` to `base` must give (see the header). */
function expected(base: string, fileId: string, hunk: DiffHunk, chosen: Set<string>, direction: 'forward' | 'reverse'): string {
  const lines = toLines(base);
  const start = (direction === 'forward' ? hunk.oldStart : hunk.newStart) - 1;
  const count = direction === 'forward' ? hunk.oldLines : hunk.newLines;
  const middle: Line[] = [];
  for (const l of hunk.lines) {
    const line = { text: l.text, eol: l.noNewlineAtEof !== true };
    const isChosen = chosen.has(diffLineId(fileId, l));
    if (l.kind === 'context') middle.push(line);
    else if (direction === 'forward' && (l.kind === 'add' ? isChosen : !isChosen)) middle.push(line);
    else if (direction === 'reverse' && (l.kind === 'del' ? isChosen : !isChosen)) middle.push(line);
  }
  return join([...lines.slice(0, start), ...middle, ...lines.slice(start + count)]);
}

function pick(r: Rng, f: DiffFile): { hunk: DiffHunk; chosen: Set<string> } {
  const hunk = f.hunks[r.int(f.hunks.length)]!;
  const changed = hunk.lines.filter((l) => l.kind !== 'context');
  let chosen = changed.filter(() => r.chance(0.5)).map((l) => diffLineId(f.id, l));
  if (chosen.length === 0) chosen = [diffLineId(f.id, changed[r.int(changed.length)]!)];
  return { hunk, chosen: new Set(chosen) };
}

async function diffFile(area: 'staged' | 'unstaged'): Promise<DiffFile | undefined> {
  const d = await h.call('review.diff', { workspacePath: repo.root, source: { kind: 'working' } });
  return d.files.find((f) => f.area === area && f.path === 'f.txt');
}
const ref = (f: DiffFile) => ({ area: f.area as 'staged' | 'unstaged', path: f.path, oldPath: null, version: f.version });

/** Sets HEAD, index and working tree of f.txt to the given contents. */
function setUp(head: string, index: string, work: string): void {
  repo.write('f.txt', head);
  repo.git('add', 'f.txt');
  repo.git('commit', '-q', '--allow-empty', '-m', 'base');
  repo.write('f.txt', index);
  repo.git('add', 'f.txt');
  repo.write('f.txt', work);
}

const ROUNDS = Number(process.env.REVIEW_SELECTION_ROUNDS ?? 20);

describe('random line choices match their meaning', () => {
  it('stage', async () => {
    const r = rng(1);
    let tried = 0;
    for (let i = 0; tried < ROUNDS; i++) {
      const old = randomFile(r);
      const next = randomEdit(r, old);
      setUp(old, old, next);
      const f = await diffFile('unstaged');
      if (!f || f.hunks.length === 0) continue;
      tried++;
      const { hunk, chosen } = pick(r, f);
      await h.call('review.stageHunk', { workspacePath: repo.root, file: ref(f), hunkId: hunk.id, lineIds: [...chosen] });
      expect(repo.staged('f.txt'), `round ${i}: ${JSON.stringify({ old, next, chosen: [...chosen] })}`).toBe(expected(old, f.id, hunk, chosen, 'forward'));
      expect(repo.read('f.txt')).toBe(next);
    }
  });

  it('unstage', async () => {
    const r = rng(2);
    let tried = 0;
    for (let i = 0; tried < ROUNDS; i++) {
      const old = randomFile(r);
      const next = randomEdit(r, old);
      setUp(old, next, next);
      const f = await diffFile('staged');
      if (!f || f.hunks.length === 0) continue;
      tried++;
      const { hunk, chosen } = pick(r, f);
      await h.call('review.unstageHunk', { workspacePath: repo.root, file: ref(f), hunkId: hunk.id, lineIds: [...chosen] });
      expect(repo.staged('f.txt'), `round ${i}: ${JSON.stringify({ old, next, chosen: [...chosen] })}`).toBe(expected(next, f.id, hunk, chosen, 'reverse'));
      expect(repo.read('f.txt')).toBe(next);
    }
  });

  it('revert', async () => {
    const r = rng(3);
    let tried = 0;
    for (let i = 0; tried < ROUNDS; i++) {
      const old = randomFile(r);
      const next = randomEdit(r, old);
      setUp(old, old, next);
      const f = await diffFile('unstaged');
      if (!f || f.hunks.length === 0) continue;
      tried++;
      const { hunk, chosen } = pick(r, f);
      await h.call('review.revertHunk', { workspacePath: repo.root, file: ref(f), hunkId: hunk.id, lineIds: [...chosen] });
      expect(repo.read('f.txt'), `round ${i}: ${JSON.stringify({ old, next, chosen: [...chosen] })}`).toBe(expected(next, f.id, hunk, chosen, 'reverse'));
      expect(repo.staged('f.txt')).toBe(old);
    }
  });
});
