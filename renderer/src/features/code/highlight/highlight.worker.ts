/**
 * Syntax colouring off the main thread: Shiki (VS Code's TextMate grammars and themes) with its
 * JavaScript regex engine — no WebAssembly, no eval, so it runs under the app's strict CSP.
 *
 * TextMate grammars are stateful (line N's colours depend on every line before it), so each document
 * is coloured front to back in small slices, carrying the grammar state along, and sent as it goes.
 * The lines on screen come first: when they lie far past the exact pass, they are coloured at once
 * from a fresh state (right except inside a construct opened far above, such as a long comment) and
 * corrected when the exact pass arrives. Slices yield to the message queue, so a new viewport or a
 * closed document is seen within one slice.
 */
import { createHighlighterCore, type GrammarState, type HighlighterCore, type ThemedToken } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { GRAMMARS } from './grammars';
import type { LanguageId } from './languages';
import type { FromWorker, HighlightTheme, TokenStyle, ToWorker } from './protocol';

const THEME_NAMES: Record<HighlightTheme, string> = { light: 'github-light', dark: 'github-dark' };
/** Lines per slice of the exact pass, and the time a slice may take before yielding. */
const SLICE_LINES = 200;
const SLICE_MS = 12;
/** A viewport this close to the exact pass waits for it instead of being coloured approximately. */
const NEAR_LINES = 600;
/** Lines above the viewport included in an approximate colouring, to settle the grammar. */
const APPROX_LEAD = 40;
/** Longer lines are not tokenized (minified code); they stay plain. */
const MAX_TOKENIZED_LINE = 5_000;

interface Doc {
  id: number;
  language: LanguageId;
  theme: string;
  lines: string[];
  ready: boolean;
  exactUntil: number;
  state: GrammarState | undefined;
  viewport: { start: number; end: number } | null;
  /** Ranges already coloured approximately (start inclusive, end exclusive). */
  approximated: { start: number; end: number }[];
}

const scope = self as unknown as { postMessage(message: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };

let highlighter: Promise<HighlighterCore> | null = null;
const languages = new Map<LanguageId, Promise<void>>();
const docs = new Map<number, Doc>();
const styleIds = new Map<string, number>();
const styles: TokenStyle[] = [];
let sentStyles = 0;
let pumping = false;

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import('shiki/themes/github-light.mjs'), import('shiki/themes/github-dark.mjs')],
    langs: [],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

function loadLanguage(language: LanguageId): Promise<void> {
  let loading = languages.get(language);
  if (!loading) {
    loading = getHighlighter().then((h) => h.loadLanguage(GRAMMARS[language]));
    languages.set(language, loading);
    loading.catch(() => languages.delete(language));
  }
  return loading;
}

scope.onmessage = (event) => {
  const message = event.data;
  switch (message.type) {
    case 'open': {
      const doc: Doc = {
        id: message.doc,
        language: message.language,
        theme: THEME_NAMES[message.theme],
        lines: message.lines,
        ready: false,
        exactUntil: 0,
        state: undefined,
        viewport: null,
        approximated: [],
      };
      docs.set(doc.id, doc);
      loadLanguage(doc.language).then(
        () => {
          doc.ready = true;
          schedule();
        },
        (err: unknown) => {
          docs.delete(doc.id);
          scope.postMessage({ type: 'failed', doc: doc.id, message: err instanceof Error ? err.message : String(err) });
        },
      );
      break;
    }
    case 'viewport': {
      const doc = docs.get(message.doc);
      if (doc) {
        doc.viewport = { start: Math.max(0, message.start), end: Math.min(doc.lines.length, message.end) };
        schedule();
      }
      break;
    }
    case 'close':
      docs.delete(message.doc);
      break;
  }
};

function schedule(): void {
  if (pumping) return;
  pumping = true;
  setTimeout(pump, 0);
}

/** One slice of work for the most urgent document, then yield. */
async function pump(): Promise<void> {
  pumping = false;
  const h = await getHighlighter();
  const started = performance.now();
  while (performance.now() - started < SLICE_MS) {
    const doc = pickDoc();
    if (!doc) return;
    const approx = approximateRange(doc);
    if (approx) colourApproximately(h, doc, approx);
    else colourExactSlice(h, doc);
  }
  if (pickDoc()) schedule();
}

/** A document whose viewport needs colour first; else any with exact work left. */
function pickDoc(): Doc | null {
  let fallback: Doc | null = null;
  for (const doc of docs.values()) {
    if (!doc.ready || doc.exactUntil >= doc.lines.length) continue;
    if (approximateRange(doc)) return doc;
    fallback ??= doc;
  }
  return fallback;
}

/** The viewport lines to colour ahead of the exact pass, if any. */
function approximateRange(doc: Doc): { start: number; end: number } | null {
  const v = doc.viewport;
  if (!v || v.end <= doc.exactUntil) return null;
  const start = Math.max(v.start, doc.exactUntil);
  if (start - doc.exactUntil < NEAR_LINES) return null;
  if (doc.approximated.some((r) => r.start <= start && r.end >= v.end)) return null;
  return { start, end: v.end };
}

function colourApproximately(h: HighlighterCore, doc: Doc, range: { start: number; end: number }): void {
  const from = Math.max(doc.exactUntil, range.start - APPROX_LEAD);
  const tokens = tokenize(h, doc, from, range.end, undefined);
  doc.approximated.push({ start: range.start, end: range.end });
  post(doc, range.start, tokens.slice(range.start - from), false);
}

function colourExactSlice(h: HighlighterCore, doc: Doc): void {
  const from = doc.exactUntil;
  const to = Math.min(doc.lines.length, from + SLICE_LINES);
  const tokens = tokenize(h, doc, from, to, doc.state);
  doc.state = h.getLastGrammarState(tokens) ?? doc.state;
  doc.exactUntil = to;
  post(doc, from, tokens, true);
  if (to >= doc.lines.length) scope.postMessage({ type: 'done', doc: doc.id });
}

function tokenize(h: HighlighterCore, doc: Doc, from: number, to: number, state: GrammarState | undefined): ThemedToken[][] {
  return h.codeToTokensBase(doc.lines.slice(from, to).join('\n'), {
    lang: doc.language,
    theme: doc.theme,
    grammarState: state,
    tokenizeMaxLineLength: MAX_TOKENIZED_LINE,
    // A line that runs out of time is left as one token and its grammar state carried on, so every
    // line after it can come out wrong (all "comment"). The first lines pay for compiling the grammar's
    // regular expressions, which on a busy machine takes far more than 200 ms: be generous, it is a worker.
    tokenizeTimeLimit: 2_000,
  });
}

function post(doc: Doc, start: number, tokens: ThemedToken[][], exact: boolean): void {
  const lines = tokens.map(encodeLine);
  const fresh = styles.slice(sentStyles);
  sentStyles = styles.length;
  scope.postMessage({ type: 'tokens', doc: doc.id, start, lines, exact, styles: fresh });
}

/** [end, style, end, style, …] with neighbours of the same style merged. */
function encodeLine(tokens: ThemedToken[]): number[] {
  const out: number[] = [];
  let end = 0;
  for (const token of tokens) {
    end += token.content.length;
    const style = styleId(token.color ?? '', token.fontStyle ?? 0);
    if (out.length >= 2 && out[out.length - 1] === style) out[out.length - 2] = end;
    else out.push(end, style);
  }
  return out;
}

function styleId(color: string, fontStyle: number): number {
  const key = `${color}|${fontStyle}`;
  let id = styleIds.get(key);
  if (id === undefined) {
    id = styles.length;
    styleIds.set(key, id);
    styles.push({ id, color, fontStyle });
  }
  return id;
}
