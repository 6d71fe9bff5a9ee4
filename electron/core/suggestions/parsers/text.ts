/** Small text helpers every parser needs: terminal escapes out, lines in. */

// CSI sequences (colours, cursor moves), OSC sequences (titles, links) and lone two-byte escapes.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Removes terminal escape sequences; parsers accept raw and already-cleaned output alike. */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, '');
}

/** Every parser reads the same output in turn: the last one cleaned is kept (the result is read-only). */
let cached: { output: string; lines: readonly string[] } | null = null;

/** The output as clean lines: escapes removed, CRLF and CR-redraws resolved to what the screen shows last. */
export function cleanLines(output: string): readonly string[] {
  if (cached?.output === output) return cached.lines;
  const lines = splitClean(output);
  cached = { output, lines };
  return lines;
}

function splitClean(output: string): string[] {
  return stripAnsi(output)
    .split('\n')
    .map((line) => {
      const noCr = line.endsWith('\r') ? line.slice(0, -1) : line;
      const lastCr = noCr.lastIndexOf('\r');
      return lastCr === -1 ? noCr : noCr.slice(lastCr + 1);
    });
}

/** Shortens text to `max` characters on one line, for titles and summaries. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** `1 test` / `2 tests`. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
