/*
 * Finding where a chunk's lines sit in a file.
 *
 * Models copy context imperfectly: they drop trailing spaces, re-indent, or type ASCII `-` and `"`
 * where the file has typographic dashes and quotes. So, as Codex's `seek_sequence` does, the search
 * runs in passes of decreasing strictness and the first pass that finds the lines wins:
 *   1. exact, 2. ignoring trailing whitespace, 3. ignoring leading and trailing whitespace,
 *   4. as 3, with Unicode punctuation and spaces normalised to ASCII.
 * A stricter match anywhere beats a looser match earlier in the file.
 */

export type MatchPass = 'exact' | 'trim-end' | 'trim' | 'unicode';

export interface SequenceMatch {
  /** Index in `lines` where the pattern starts. */
  index: number;
  /** The strictest pass that matched. */
  pass: MatchPass;
}

const PASSES: ReadonlyArray<readonly [MatchPass, (line: string) => string]> = [
  ['exact', (line) => line],
  ['trim-end', (line) => line.trimEnd()],
  ['trim', (line) => line.trim()],
  ['unicode', (line) => normalisePunctuation(line).trim()],
];

/**
 * Looks for `pattern` as consecutive lines of `lines`, starting at index `start` or later.
 * With `endOfFile`, the pattern is first tried at the very end of the file (in every pass); only
 * if it is not there does the search fall back to scanning forward from `start`.
 * An empty pattern matches at `start`.
 */
export function seekSequence(
  lines: readonly string[],
  pattern: readonly string[],
  start: number,
  endOfFile: boolean,
): SequenceMatch | undefined {
  if (pattern.length === 0) return { index: start, pass: 'exact' };
  const lastStart = lines.length - pattern.length;
  if (lastStart < 0) return undefined;

  if (endOfFile && lastStart >= start) {
    for (const [pass, normalise] of PASSES) {
      if (matchesAt(lines, pattern, lastStart, normalise)) return { index: lastStart, pass };
    }
  }
  for (const [pass, normalise] of PASSES) {
    for (let index = start; index <= lastStart; index += 1) {
      if (matchesAt(lines, pattern, index, normalise)) return { index, pass };
    }
  }
  return undefined;
}

function matchesAt(
  lines: readonly string[],
  pattern: readonly string[],
  index: number,
  normalise: (line: string) => string,
): boolean {
  for (let offset = 0; offset < pattern.length; offset += 1) {
    if (normalise(lines[index + offset] ?? '') !== normalise(pattern[offset] ?? '')) return false;
  }
  return true;
}

/** Typographic characters and the ASCII a model is likely to have typed instead. */
const ASCII_EQUIVALENTS: ReadonlyMap<string, string> = new Map([
  // Hyphens and dashes: hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus.
  ...['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212'].map((c) => [c, '-'] as const),
  // Single quotes: left, right, low-9, high-reversed-9.
  ...['\u2018', '\u2019', '\u201A', '\u201B'].map((c) => [c, "'"] as const),
  // Double quotes: left, right, low-9, high-reversed-9.
  ...['\u201C', '\u201D', '\u201E', '\u201F'].map((c) => [c, '"'] as const),
  // Spaces: no-break, en/em quads, en/em and the other fixed-width spaces, narrow no-break,
  // medium mathematical, ideographic.
  ...[
    '\u00A0', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006',
    '\u2007', '\u2008', '\u2009', '\u200A', '\u202F', '\u205F', '\u3000',
  ].map((c) => [c, ' '] as const),
]);

const TYPOGRAPHIC = new RegExp(`[${[...ASCII_EQUIVALENTS.keys()].join('')}]`, 'gu');

/** Replaces typographic dashes, quotes and spaces with their ASCII counterparts. */
export function normalisePunctuation(text: string): string {
  return text.replace(TYPOGRAPHIC, (c) => ASCII_EQUIVALENTS.get(c) ?? c);
}
