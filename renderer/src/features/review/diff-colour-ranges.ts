/**
 * Which code the diff view should colour: the pure half of the diff highlighter (diff-colours.ts).
 *
 * Each file is coloured as two texts, its old side (context and removed lines) and its new side
 * (context and added lines), each in its hunks' order, so a grammar sees code much like the file.
 * A side is cut into blocks of BLOCK_LINES; only the blocks holding rows on screen (plus a margin)
 * are ever handed to the highlighter, so a 100,000-line diff colours a few hundred lines at a time.
 * Pure, so the range logic is unit-tested without a browser.
 */
import type { DiffFile } from '../../../../shared/contract';
import type { DiffLayout } from './diff-rows';

/** Lines per block of a side: what one highlighter document holds (plus its lead). */
export const BLOCK_LINES = 1_000;
/** Lines before a block included in its document, so the grammar settles before the block starts. */
export const BLOCK_LEAD = 40;

export type DiffSide = 'old' | 'new';

/** A file's two sides and where each hunk line sits in them. */
export interface FileSides {
  old: string[];
  new: string[];
  /** Per hunk: the index of its first line in the flattened `oldAt` / `newAt`. */
  hunkBase: number[];
  /** Flattened hunk lines → index in the old side, or -1 for an added line. */
  oldAt: Int32Array;
  /** Flattened hunk lines → index in the new side, or -1 for a removed line. */
  newAt: Int32Array;
}

export function fileSides(file: Pick<DiffFile, 'hunks'>): FileSides {
  let total = 0;
  const hunkBase: number[] = [];
  for (const hunk of file.hunks) {
    hunkBase.push(total);
    total += hunk.lines.length;
  }
  const oldAt = new Int32Array(total).fill(-1);
  const newAt = new Int32Array(total).fill(-1);
  const oldLines: string[] = [];
  const newLines: string[] = [];
  let k = 0;
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) {
      // A CRLF file's CR is not code: the view does not show it either.
      const text = line.text.endsWith('\r') ? line.text.slice(0, -1) : line.text;
      if (line.kind !== 'add') {
        oldAt[k] = oldLines.length;
        oldLines.push(text);
      }
      if (line.kind !== 'del') {
        newAt[k] = newLines.length;
        newLines.push(text);
      }
      k++;
    }
  }
  return { old: oldLines, new: newLines, hunkBase, oldAt, newAt };
}

/** Where a hunk line is in a side (-1 when it is not on that side). */
export function sideIndex(sides: FileSides, side: DiffSide, hunk: number, line: number): number {
  const base = sides.hunkBase[hunk];
  if (base === undefined) return -1;
  return (side === 'old' ? sides.oldAt : sides.newAt)[base + line] ?? -1;
}

/** The side a unified row is coloured from: removed lines from the old side, the rest from the new. */
export function unifiedSide(kind: 'context' | 'add' | 'del'): DiffSide {
  return kind === 'del' ? 'old' : 'new';
}

/** One stretch of a side to colour: lines [start, end) of file `file`'s `side`. */
export interface SideRange {
  file: number;
  side: DiffSide;
  start: number;
  end: number;
}

/**
 * The stretches of code shown by rows [first, end) of the layout, widened by `margin` rows on each
 * side and clamped to the layout. One range per file side, covering every shown line of it.
 */
export function visibleSideRanges(
  layout: Pick<DiffLayout, 'rows'>,
  sidesOf: (file: number) => FileSides,
  first: number,
  end: number,
  margin: number,
): SideRange[] {
  const from = Math.max(0, first - margin);
  const to = Math.min(layout.rows.length, end + margin);
  const ranges = new Map<string, SideRange>();
  const add = (file: number, side: DiffSide, index: number) => {
    if (index < 0) return;
    const key = `${file}:${side}`;
    const range = ranges.get(key);
    if (!range) ranges.set(key, { file, side, start: index, end: index + 1 });
    else {
      range.start = Math.min(range.start, index);
      range.end = Math.max(range.end, index + 1);
    }
  };
  for (let r = from; r < to; r++) {
    const row = layout.rows[r]!;
    if (row.kind === 'line') {
      const sides = sidesOf(row.file);
      // A context line is the same text on both sides: the new side colours it.
      const newIndex = sideIndex(sides, 'new', row.hunk, row.line);
      if (newIndex >= 0) add(row.file, 'new', newIndex);
      else add(row.file, 'old', sideIndex(sides, 'old', row.hunk, row.line));
    } else if (row.kind === 'pair') {
      const sides = sidesOf(row.file);
      if (row.left >= 0) add(row.file, 'old', sideIndex(sides, 'old', row.hunk, row.left));
      if (row.right >= 0) add(row.file, 'new', sideIndex(sides, 'new', row.hunk, row.right));
    }
  }
  return [...ranges.values()];
}

/** A block of a side: the unit the highlighter colours and caches. */
export interface SideBlock {
  file: number;
  side: DiffSide;
  block: number;
  /** First and end (exclusive) line of the block itself. */
  start: number;
  end: number;
  /** First line of its document (the block's start minus the lead). */
  docStart: number;
}

/** The blocks a range touches, given the side's length. */
export function blocksOf(range: SideRange, sideLength: number): SideBlock[] {
  const blocks: SideBlock[] = [];
  const last = Math.min(range.end, sideLength) - 1;
  for (let b = Math.floor(range.start / BLOCK_LINES); b * BLOCK_LINES <= last; b++) {
    const start = b * BLOCK_LINES;
    blocks.push({ file: range.file, side: range.side, block: b, start, end: Math.min(sideLength, start + BLOCK_LINES), docStart: Math.max(0, start - BLOCK_LEAD) });
  }
  return blocks;
}
