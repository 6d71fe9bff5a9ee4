import { describe, expect, it } from 'vitest';
import type { DiffFile, DiffHunk, DiffLine } from '../../../shared/contract';
import { blocksOf, BLOCK_LEAD, BLOCK_LINES, fileSides, sideIndex, visibleSideRanges } from '../../../renderer/src/features/review/diff-colour-ranges';
import { layoutDiff } from '../../../renderer/src/features/review/diff-rows';

/** A hunk from lines written as ' ctx', '-old', '+new'. */
function hunk(oldStart: number, newStart: number, lines: string[]): DiffHunk {
  let o = oldStart;
  let n = newStart;
  const parsed: DiffLine[] = lines.map((l) => {
    const text = l.slice(1);
    if (l[0] === '-') return { kind: 'del', oldNo: o++, newNo: null, text };
    if (l[0] === '+') return { kind: 'add', oldNo: null, newNo: n++, text };
    return { kind: 'context', oldNo: o++, newNo: n++, text };
  });
  return { id: `h${oldStart}`, header: '', heading: '', oldStart, oldLines: 0, newStart, newLines: 0, additions: 0, deletions: 0, lines: parsed };
}

function file(id: string, hunks: DiffHunk[], path = `${id}.ts`): DiffFile {
  return {
    id,
    area: 'range',
    path,
    oldPath: null,
    status: 'M',
    similarity: null,
    binary: false,
    submodule: false,
    oldMode: '100644',
    newMode: '100644',
    modeChanged: false,
    tooLarge: false,
    lossyText: false,
    additions: 0,
    deletions: 0,
    hunks,
    version: `v-${id}`,
  };
}

describe('fileSides', () => {
  it('splits a file into its old side (context + removed) and new side (context + added), in hunk order, without CRs', () => {
    const f = file('a', [hunk(1, 1, [' const a = 1;', '-let b = 2;', '+const b = 2;\r', ' end();']), hunk(40, 40, ['-gone();', '+came();'])]);
    const sides = fileSides(f);
    expect(sides.old).toEqual(['const a = 1;', 'let b = 2;', 'end();', 'gone();']);
    expect(sides.new).toEqual(['const a = 1;', 'const b = 2;', 'end();', 'came();']);
    // hunk 0: ctx, del, add, ctx; hunk 1: del, add
    expect([0, 1, 2, 3].map((l) => sideIndex(sides, 'old', 0, l))).toEqual([0, 1, -1, 2]);
    expect([0, 1, 2, 3].map((l) => sideIndex(sides, 'new', 0, l))).toEqual([0, -1, 1, 2]);
    expect(sideIndex(sides, 'old', 1, 0)).toBe(3);
    expect(sideIndex(sides, 'new', 1, 1)).toBe(3);
    expect(sideIndex(sides, 'new', 5, 0)).toBe(-1);
  });
});

describe('visibleSideRanges', () => {
  const files = [file('a', [hunk(1, 1, [' a1', '-a2', '+a2x', ' a3'])]), file('b', [hunk(10, 10, ['-b1', '-b2', '+b1x', ' b3', '+b4'])])];
  const sidesOf = (i: number) => fileSides(files[i]!);

  it('covers exactly the shown lines of each file side in the unified layout, context lines from the new side', () => {
    const layout = layoutDiff({ files }, { mode: 'unified', collapsed: new Set() });
    // rows: 0 file a, 1 hunk, 2 ' a1', 3 '-a2', 4 '+a2x', 5 ' a3', 6 file b, 7 hunk, 8 '-b1', 9 '-b2', 10 '+b1x', 11 ' b3', 12 '+b4'
    expect(visibleSideRanges(layout, sidesOf, 0, 3, 0)).toEqual([{ file: 0, side: 'new', start: 0, end: 1 }]);
    expect(visibleSideRanges(layout, sidesOf, 3, 5, 0)).toEqual([
      { file: 0, side: 'old', start: 1, end: 2 },
      { file: 0, side: 'new', start: 1, end: 2 },
    ]);
    expect(visibleSideRanges(layout, sidesOf, 5, 9, 0)).toEqual([
      { file: 0, side: 'new', start: 2, end: 3 },
      { file: 1, side: 'old', start: 0, end: 1 },
    ]);
  });

  it('widens by the margin and clamps to the layout', () => {
    const layout = layoutDiff({ files }, { mode: 'unified', collapsed: new Set() });
    const all = visibleSideRanges(layout, sidesOf, 6, 7, 100);
    expect(all).toEqual([
      { file: 0, side: 'new', start: 0, end: 3 },
      { file: 0, side: 'old', start: 1, end: 2 },
      { file: 1, side: 'old', start: 0, end: 2 },
      { file: 1, side: 'new', start: 0, end: 3 },
    ]);
    expect(visibleSideRanges(layout, sidesOf, 0, 1, 1)).toEqual([]);
    expect(visibleSideRanges(layout, sidesOf, 50, 60, 2)).toEqual([]);
  });

  it('takes the left cell from the old side and the right cell from the new side in the split layout', () => {
    const layout = layoutDiff({ files }, { mode: 'split', collapsed: new Set() });
    // file b pairs: [b1 | b1x], [b2 | -], [b3 | b3], [- | b4]
    const b = layout.fileRows[1]!;
    expect(visibleSideRanges(layout, sidesOf, b + 2, b + 4, 0)).toEqual([
      { file: 1, side: 'old', start: 0, end: 2 },
      { file: 1, side: 'new', start: 0, end: 1 },
    ]);
    expect(visibleSideRanges(layout, sidesOf, b + 5, b + 6, 0)).toEqual([{ file: 1, side: 'new', start: 2, end: 3 }]);
  });

  it('skips collapsed files: their lines are not on screen', () => {
    const layout = layoutDiff({ files }, { mode: 'unified', collapsed: new Set(['a']) });
    expect(visibleSideRanges(layout, sidesOf, 0, layout.rows.length, 0).map((r) => r.file)).toEqual([1, 1]);
  });
});

describe('blocksOf', () => {
  it('names the blocks a range touches, each with its lead, clamped to the side', () => {
    expect(blocksOf({ file: 0, side: 'new', start: 10, end: 20 }, 50)).toEqual([{ file: 0, side: 'new', block: 0, start: 0, end: 50, docStart: 0 }]);
    const two = blocksOf({ file: 2, side: 'old', start: BLOCK_LINES - 5, end: BLOCK_LINES + 5 }, 3 * BLOCK_LINES);
    expect(two.map((b) => [b.block, b.start, b.end, b.docStart])).toEqual([
      [0, 0, BLOCK_LINES, 0],
      [1, BLOCK_LINES, 2 * BLOCK_LINES, BLOCK_LINES - BLOCK_LEAD],
    ]);
    expect(blocksOf({ file: 0, side: 'new', start: 5, end: 9 }, 0)).toEqual([]);
  });
});
