import { PatchError } from './errors';
import type { UpdateChunk } from './parser';
import { seekSequence } from './seek-sequence';
import { TextFile, type LineReplacement } from './text-file';

/**
 * Applies an `*** Update File` hunk's chunks to a file's text and returns the new text.
 * Pure: `displayPath` only names the file in error messages.
 *
 * Chunks are located in order, each one after the previous: first its `@@ context` line, then its
 * old lines (context and removed lines). All chunks are located before anything changes, so a chunk
 * that does not match leaves the text untouched and throws a `context-not-found` error.
 */
export function updateText(original: string, chunks: readonly UpdateChunk[], displayPath: string): string {
  const file = TextFile.parse(original);
  file.applyReplacements(locateChunks(file.lineTexts(), chunks, displayPath));
  return file.toString();
}

function locateChunks(lines: readonly string[], chunks: readonly UpdateChunk[], displayPath: string): LineReplacement[] {
  const replacements: LineReplacement[] = [];
  let cursor = 0;

  for (const chunk of chunks) {
    if (chunk.context !== undefined) {
      const found = seekSequence(lines, [chunk.context], cursor, false);
      if (!found) {
        throw new PatchError('context-not-found', `Failed to find context '${chunk.context}' in ${displayPath}`);
      }
      cursor = found.index + 1;
    }

    if (chunk.oldLines.length === 0) {
      // A pure addition goes right after its `@@ context` line when it has one, else at the end
      // of the file. (Codex appends at the end even with a context line; inserting where the
      // model pointed is what the model meant.)
      const at = chunk.context !== undefined && !chunk.isEndOfFile ? cursor : lines.length;
      replacements.push({ start: at, deleteCount: 0, lines: chunk.newLines });
      continue;
    }

    let oldLines: readonly string[] = chunk.oldLines;
    let newLines: readonly string[] = chunk.newLines;
    let found = seekSequence(lines, oldLines, cursor, chunk.isEndOfFile);
    // A chunk that ends with blank lines often stands for the file's final newline, which the line
    // list does not contain: retry without them.
    while (!found && oldLines.length > 1 && oldLines[oldLines.length - 1] === '') {
      oldLines = oldLines.slice(0, -1);
      if (newLines[newLines.length - 1] === '') newLines = newLines.slice(0, -1);
      found = seekSequence(lines, oldLines, cursor, chunk.isEndOfFile);
    }
    if (!found) {
      throw new PatchError(
        'context-not-found',
        `Failed to find expected lines in ${displayPath}:\n${chunk.oldLines.join('\n')}`,
      );
    }
    replacements.push({ start: found.index, deleteCount: oldLines.length, lines: newLines });
    cursor = found.index + oldLines.length;
  }

  // Pure additions at the end of the file can precede later chunks in patch order; a stable sort
  // keeps insertions at the same spot in patch order.
  return replacements.sort((a, b) => a.start - b.start);
}
