/**
 * The highlighter's page side, shared by the code viewer and the review panel (see docs/code-view.md):
 *
 *   const doc = highlightDocument(lines, languageForPath(path), theme);
 *   doc.setViewport(first, last);          // colour what is on screen first
 *   doc.subscribe(() => rerender());       // tokens arrive in batches, at most once per frame
 *   <HighlightedLine text={lines[i]} tokens={doc.line(i)} />
 *   doc.dispose();
 *
 * One worker serves every document of the window. When a worker cannot start (an environment that
 * forbids them), documents simply stay plain text.
 */
import type { LanguageId } from './languages';
import type { FromWorker, HighlightTheme, TokenStyle, ToWorker } from './protocol';

export interface HighlightDocument {
  /** Line i's tokens as [end, style, end, style, …], or null while it is not coloured yet. */
  line(index: number): readonly number[] | null;
  /** True when line i's colours come from the exact, front-to-back pass. */
  isExact(index: number): boolean;
  /** Which lines are on screen (0-based, end exclusive): they are coloured first. */
  setViewport(start: number, end: number): void;
  /** Called (once per animation frame at most) when new tokens arrived. */
  subscribe(listener: () => void): () => void;
  /** Every line has exact colours. */
  readonly done: boolean;
  dispose(): void;
}

/** Longest text sent to the worker: the core marks bigger files as not highlightable anyway. */
const MAX_LINES = 100_000;

let worker: Worker | null = null;
let workerFailed = false;
let nextDocId = 1;
const listeners = new Map<number, (message: FromWorker) => void>();
const styleTable: TokenStyle[] = [];

function getWorker(): Worker | null {
  if (worker || workerFailed) return worker;
  try {
    worker = new Worker(new URL('./highlight.worker.ts', import.meta.url), { type: 'module', name: 'tandem-highlight' });
  } catch {
    workerFailed = true;
    return null;
  }
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (message.type === 'tokens') for (const s of message.styles) styleTable[s.id] = s;
    listeners.get(message.doc)?.(message);
  };
  worker.onerror = () => {
    // A worker that fails to load (blocked script, broken chunk) leaves everything plain.
    workerFailed = true;
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/** The colour and font style of a style id from a token list. */
export function tokenStyle(id: number): TokenStyle | undefined {
  return styleTable[id];
}

export function highlightDocument(lines: readonly string[], language: LanguageId | null, theme: HighlightTheme): HighlightDocument {
  const id = nextDocId++;
  const tokens: (number[] | null)[] = new Array(lines.length).fill(null);
  const exact = new Uint8Array(lines.length);
  const subscribers = new Set<() => void>();
  let frame: number | null = null;
  let done = false;
  let disposed = false;
  const w = language && lines.length <= MAX_LINES ? getWorker() : null;

  const notify = () => {
    if (frame !== null || disposed) return;
    frame = requestAnimationFrame(() => {
      frame = null;
      for (const s of [...subscribers]) s();
    });
  };

  if (w && language) {
    listeners.set(id, (message) => {
      if (message.type === 'tokens') {
        message.lines.forEach((line, k) => {
          const i = message.start + k;
          // An approximate colouring never overwrites an exact one.
          if (i < tokens.length && (message.exact || !exact[i])) {
            tokens[i] = line;
            exact[i] = message.exact ? 1 : 0;
          }
        });
      } else if (message.type === 'done') {
        done = true;
      } else {
        done = true; // failed: stays plain
      }
      notify();
    });
    const open: ToWorker = { type: 'open', doc: id, language, theme, lines: [...lines] };
    w.postMessage(open);
  } else {
    done = true;
  }

  return {
    line: (index) => tokens[index] ?? null,
    isExact: (index) => exact[index] === 1,
    setViewport(start, end) {
      if (!w || disposed) return;
      w.postMessage({ type: 'viewport', doc: id, start, end } satisfies ToWorker);
    },
    subscribe(listener) {
      subscribers.add(listener);
      return () => subscribers.delete(listener);
    },
    get done() {
      return done;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (frame !== null) cancelAnimationFrame(frame);
      listeners.delete(id);
      subscribers.clear();
      w?.postMessage({ type: 'close', doc: id } satisfies ToWorker);
    },
  };
}
