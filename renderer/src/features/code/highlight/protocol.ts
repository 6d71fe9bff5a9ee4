/**
 * Messages between the page and the highlight worker. Tokens travel compactly: a line is a flat list
 * of [end offset, style id] pairs, and style ids index a table the worker grows and sends along.
 */
import type { LanguageId } from './languages';

export type HighlightTheme = 'light' | 'dark';

/** Bold, italic and underline as bits (Shiki's FontStyle values). */
export const FONT_ITALIC = 1;
export const FONT_BOLD = 2;
export const FONT_UNDERLINE = 4;

export interface TokenStyle {
  id: number;
  color: string;
  fontStyle: number;
}

export type ToWorker =
  /** Start colouring a document; `lines` are the file's lines without line breaks. */
  | { type: 'open'; doc: number; language: LanguageId; theme: HighlightTheme; lines: string[] }
  /** The lines the user sees: coloured first (approximately, if the exact pass has not got there). */
  | { type: 'viewport'; doc: number; start: number; end: number }
  | { type: 'close'; doc: number };

export type FromWorker =
  | {
      type: 'tokens';
      doc: number;
      /** Index of the first line in `lines`. */
      start: number;
      /** Per line: [end, style, end, style, …]. */
      lines: number[][];
      /** False for a viewport coloured ahead of the exact pass (a multi-line comment above it may be missed). */
      exact: boolean;
      /** Styles first used by these lines. */
      styles: TokenStyle[];
    }
  | { type: 'done'; doc: number }
  | { type: 'failed'; doc: number; message: string };
