/**
 * Finds references to code — `path:line[:col]` and the other shapes compilers and test runners print —
 * in plain text. Pure (no Node, no DOM): the terminal's link provider, agent messages, review findings
 * and suggestion cards all use it, and the core uses it to resolve a block of text in one call.
 *
 * Formats recognised (each checked against real output in test/fixtures/links/):
 *   tsc              src/a.ts(12,5): error TS2322          (also MSVC / C# compilers)
 *   tsc --pretty     src/a.ts:12:5 - error TS2322
 *   python           File "/abs/app/x.py", line 42, in f
 *   pytest           tests/test_x.py:42: AssertionError
 *   cargo / rustc    --> src/main.rs:10:5      panicked at src/main.rs:15:9:
 *   go               ./x.go:12:3: undefined: y           x_test.go:7: got 5
 *   node/jest/vitest at fn (src/a.test.ts:3:11)    ❯ src/a.test.ts:3:11    file:///abs/a.js:3:11
 *   plain            file:line  file:line:col  (gcc, clang, eslint --format unix, ruby, …)
 *
 * A detected reference is only a candidate: "example.com:443" looks like one. Callers that linkify
 * untrusted text (a terminal) confirm each candidate exists with `code.resolveLink` first.
 */

export type CodeLinkFormat = 'python' | 'paren' | 'colon' | 'bare';

export interface CodeLink {
  /** Where the reference is in the text: [start, end) in UTF-16 code units. */
  start: number;
  end: number;
  /** The path as written, with a file:// prefix removed and %-escapes decoded. */
  path: string;
  /** 1-based; null for a bare path (only found with `bare: true`). */
  line: number | null;
  /** 1-based; null when the text gives no column. */
  column: number | null;
  format: CodeLinkFormat;
}

export interface FindCodeLinksOptions {
  /**
   * Also link paths without a line ("see src/app/main.ts"). They need a folder part and an extension.
   * Off for terminals (every `ls` would light up); on for prose such as agent messages.
   */
  bare?: boolean;
  /** Stop after this many links (a pathological input cannot make a huge list). Default 1000. */
  maxLinks?: number;
}

/** Characters that may appear in a path we link: no spaces, quotes, brackets or separators of prose. */
const PATH_CHAR = String.raw`[^\s:()"'\`<>\[\]{}|,;*?!]`;
/** An optional file:// or drive-letter prefix, then path characters. */
const PATH = String.raw`(?:file:\/\/|[A-Za-z]:[\\/])?${PATH_CHAR}+`;
/** A path must start a token: not inside a word, a URL ("http://x/y.js:1") or "node:internal/…". */
const TOKEN_START = String.raw`(?<![\w./\\~@:%+-])`;

const PYTHON = String.raw`File "(?<pyPath>[^"\r\n]+)", line (?<pyLine>\d{1,9})`;
const PAREN = String.raw`${TOKEN_START}(?<parenPath>${PATH})\((?<parenLine>\d{1,9}),(?<parenCol>\d{1,7})\)`;
const COLON = String.raw`${TOKEN_START}(?<colonPath>${PATH}):(?<colonLine>\d{1,9})(?::(?<colonCol>\d{1,7}))?(?![\d])`;
const BARE = String.raw`${TOKEN_START}(?<barePath>${PATH})`;

const LINKS = new RegExp(`${PYTHON}|${PAREN}|${COLON}`, 'g');
const LINKS_AND_BARE = new RegExp(`${PYTHON}|${PAREN}|${COLON}|${BARE}`, 'g');

/** File names without an extension that are still obviously files. */
const EXTENSIONLESS = new Set(['makefile', 'gnumakefile', 'dockerfile', 'containerfile', 'rakefile', 'gemfile', 'justfile', 'vagrantfile', 'jenkinsfile', 'procfile', 'brewfile', 'build', 'workspace', 'license', 'readme']);

const DEFAULT_MAX_LINKS = 1000;

export function findCodeLinks(text: string, options: FindCodeLinksOptions = {}): CodeLink[] {
  const max = options.maxLinks ?? DEFAULT_MAX_LINKS;
  const pattern = options.bare ? LINKS_AND_BARE : LINKS;
  const links: CodeLink[] = [];
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    if (links.length >= max) break;
    const link = toLink(m);
    if (link) links.push(link);
  }
  return links;
}

/**
 * Reads one reference typed or pasted on its own: "src/a.ts:12:5", "src/a.ts(12,5)", "src/a.ts:12",
 * or just "src/a.ts". Surrounding spaces and a trailing ":" (as in "x.py:42:") are allowed.
 * Returns null when the text is not a single reference.
 */
export function parseCodeReference(text: string): { path: string; line: number | null; column: number | null } | null {
  const trimmed = text.trim().replace(/:$/, '');
  if (!trimmed) return null;
  const [link] = findCodeLinks(trimmed, { maxLinks: 1 });
  if (link && link.start === 0 && link.end === trimmed.length) return { path: link.path, line: link.line, column: link.column };
  if (/[\s:()"]/.test(trimmed.replace(/^[A-Za-z]:[\\/]/, '').replace(/^file:\/\//, ''))) return null;
  return { path: decodePath(trimmed), line: null, column: null };
}

/** "src/a.ts:12:5": the form editors, terminals and this module all understand. */
export function formatCodeReference(path: string, line?: number | null, column?: number | null): string {
  if (!line) return path;
  return column ? `${path}:${line}:${column}` : `${path}:${line}`;
}

function toLink(m: RegExpMatchArray): CodeLink | null {
  const g = m.groups ?? {};
  const start = m.index ?? 0;
  if (g.pyPath !== undefined) {
    // Python's own frames ("<frozen runpy>", "<string>") are not files.
    if (g.pyPath.startsWith('<')) return null;
    // Link `File "path", line N` as a whole: it is what the user sees as the reference.
    return { start, end: start + m[0].length, path: g.pyPath, line: toLine(g.pyLine), column: null, format: 'python' };
  }
  if (g.parenPath !== undefined) return make(start, m[0].length, g.parenPath, g.parenLine, g.parenCol, 'paren');
  if (g.colonPath !== undefined) return make(start, m[0].length, g.colonPath, g.colonLine, g.colonCol, 'colon');
  if (g.barePath !== undefined) return make(start, m[0].length, g.barePath, undefined, undefined, 'bare');
  return null;
}

function make(start: number, length: number, rawPath: string, line: string | undefined, column: string | undefined, format: CodeLinkFormat): CodeLink | null {
  // Sentence punctuation glued to a bare path ("see src/a.ts.") is not part of it.
  let raw = rawPath;
  let end = start + length;
  if (format === 'bare') {
    const stripped = raw.replace(/[.]+$/, '');
    end -= raw.length - stripped.length;
    raw = stripped;
  }
  const path = decodePath(raw);
  if (!looksLikeFile(path, format)) return null;
  return { start, end, path, line: line === undefined ? null : toLine(line), column: column === undefined ? null : toLine(column), format };
}

/**
 * A reference must name a file: its last part has an extension (".ts", ".d.ts", ".rs") or is a
 * well-known extensionless name, or — when a line number follows — it at least has a folder part
 * ("bin/tandem:12"). Bare paths need both a folder part and an extension.
 */
function looksLikeFile(path: string, format: CodeLinkFormat): boolean {
  if (path.length === 0 || path.length > 4096) return false;
  const parts = path.split(/[\\/]/);
  const name = parts[parts.length - 1] ?? '';
  if (name === '' || name === '.' || name === '..') return false;
  const hasFolder = parts.length > 1;
  const hasExtension = /\.[A-Za-z][A-Za-z0-9_+-]*$/.test(name);
  if (format === 'bare') return hasFolder && hasExtension && !/^\d+(\.\d+)+$/.test(path);
  return hasExtension || EXTENSIONLESS.has(name.toLowerCase()) || (hasFolder && /[A-Za-z]/.test(name));
}

function decodePath(raw: string): string {
  if (!raw.startsWith('file://')) return raw;
  const rest = raw.slice('file://'.length);
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

/** Some tools print line or column 0 for "the whole file": treat it as the first. */
function toLine(digits: string | undefined): number {
  const n = Number(digits);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}
