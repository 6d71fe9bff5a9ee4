/**
 * Syntax colours for the diff view: a small adapter over the shared highlighter
 * (features/code/highlight, Shiki in a Web Worker), so the view only ever asks "the tokens of this
 * line" and could be given another highlighter without changing.
 *
 * Only code on screen (plus a margin) is coloured: the view reports its visible rows, the adapter
 * works out which blocks of which file sides they show (diff-colour-ranges.ts), opens a highlighter
 * document per block — in the file's language — and tells it which of its lines are on screen. Blocks
 * are cached (most recently shown first) and closed when they fall out of the cache, so scrolling back
 * shows colours at once and a huge diff never has more than MAX_BLOCKS documents in the worker.
 * Everything here is cheap on the main thread: tokenizing happens in the worker, and until its
 * tokens arrive a line is drawn as plain text.
 */
import type { DiffFile, ReviewDiff } from '../../../../shared/contract';
import { highlightDocument, languageForPath, type HighlightDocument, type HighlightTheme } from '../code/highlight';
import { blocksOf, BLOCK_LINES, fileSides, sideIndex, visibleSideRanges, type DiffSide, type FileSides } from './diff-colour-ranges';
import type { DiffLayout } from './diff-rows';

/** Rows beyond each edge of the screen coloured ahead, so a scroll finds colour waiting. */
export const COLOUR_MARGIN_ROWS = 60;
/** Highlighter documents kept (each at most BLOCK_LINES + lead lines). */
const MAX_BLOCKS = 48;

export interface DiffColours {
  /** A line's tokens ([end, style, …]) from the given side, or null while it is plain. */
  line(file: number, hunk: number, line: number, side: DiffSide): readonly number[] | null;
  /** The diff shown now; cached blocks of unchanged files (same id and version) are kept. */
  setDiff(diff: ReviewDiff): void;
  /** Rows [first, end) of the layout are on screen: colour them (and the margin) first. */
  show(layout: DiffLayout, first: number, end: number): void;
  /** Called at most once per animation frame when colours arrived. */
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

interface Block {
  doc: HighlightDocument;
  /** Side line index of the document's first line. */
  docStart: number;
  viewport: string;
  unsubscribe(): void;
}

export function createDiffColours(theme: HighlightTheme): DiffColours {
  let diff: ReviewDiff | null = null;
  const sidesCache = new WeakMap<DiffFile, FileSides>();
  /** Insertion order is recency: a block shown again is moved to the end. */
  const blocks = new Map<string, Block>();
  const listeners = new Set<() => void>();
  let frame: number | null = null;
  let disposed = false;

  const sidesOf = (file: DiffFile): FileSides => {
    let sides = sidesCache.get(file);
    if (!sides) {
      sides = fileSides(file);
      sidesCache.set(file, sides);
    }
    return sides;
  };
  const keyOf = (file: DiffFile, side: DiffSide, block: number) => `${file.id}@${file.version}:${side}:${block}`;
  const notify = () => {
    if (frame !== null || disposed) return;
    frame = requestAnimationFrame(() => {
      frame = null;
      for (const listener of [...listeners]) listener();
    });
  };
  const close = (key: string) => {
    const block = blocks.get(key);
    if (!block) return;
    block.unsubscribe();
    block.doc.dispose();
    blocks.delete(key);
  };

  return {
    line(fileIndex, hunk, line, side) {
      const file = diff?.files[fileIndex];
      if (!file) return null;
      const index = sideIndex(sidesOf(file), side, hunk, line);
      if (index < 0) return null;
      const block = blocks.get(keyOf(file, side, Math.floor(index / BLOCK_LINES)));
      return block ? block.doc.line(index - block.docStart) : null;
    },

    setDiff(next) {
      diff = next;
      const live = new Set(next.files.map((f) => `${f.id}@${f.version}:`));
      for (const key of [...blocks.keys()]) if (!live.has(key.slice(0, key.indexOf(':') + 1))) close(key);
    },

    show(layout, first, end) {
      if (!diff || disposed) return;
      const files = diff.files;
      const ranges = visibleSideRanges(layout, (f) => sidesOf(files[f]!), first, end, COLOUR_MARGIN_ROWS);
      for (const range of ranges) {
        const file = files[range.file]!;
        const language = languageForPath(file.path);
        if (!language) continue;
        const lines = sidesOf(file)[range.side];
        for (const b of blocksOf(range, lines.length)) {
          const key = keyOf(file, range.side, b.block);
          let block = blocks.get(key);
          if (block) blocks.delete(key);
          else {
            const doc = highlightDocument(lines.slice(b.docStart, b.end), language, theme);
            block = { doc, docStart: b.docStart, viewport: '', unsubscribe: doc.subscribe(notify) };
          }
          blocks.set(key, block);
          const from = Math.max(range.start, b.start) - b.docStart;
          const to = Math.min(range.end, b.end) - b.docStart;
          const viewport = `${from}:${to}`;
          if (viewport !== block.viewport) {
            block.viewport = viewport;
            block.doc.setViewport(from, to);
          }
        }
      }
      for (const key of blocks.keys()) {
        if (blocks.size <= MAX_BLOCKS) break;
        close(key);
      }
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      if (frame !== null) cancelAnimationFrame(frame);
      for (const key of [...blocks.keys()]) close(key);
      listeners.clear();
    },
  };
}
