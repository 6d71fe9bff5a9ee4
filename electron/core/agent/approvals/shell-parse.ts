/*
 * A conservative reading of a shell script, for the approval policy only (the shell itself runs it).
 *
 * It answers two questions:
 *  - Is the script *plain*: simple commands joined by `|`, `&&`, `||`, `;` or newlines, with no
 *    expansions, subshells, assignments, here-documents or redirections beyond `2>&1` and `>/dev/null`?
 *    Only a plain script can be judged known-safe or matched by an allow rule.
 *  - Which commands could it run? Every simple command, including those inside `$(…)`, backticks and
 *    `( … )`, so forbid and prompt rules see them even in a script that is not plain.
 * When in doubt it says "not plain": the cost is a question to the user, never a command run unasked.
 */

export interface ShellWord {
  /** The word with quotes and escapes removed. */
  text: string;
  /** Holds an unquoted glob character (`*`, `?`, `[`). */
  glob: boolean;
  /** Holds a `$` or a backtick outside single quotes (its value is only known when it runs). */
  expansion: boolean;
}

export interface Redirect {
  /** File descriptor written before the operator (`2` in `2>&1`), if any. */
  fd: string | null;
  operator: string;
  target: string;
}

export interface SimpleCommand {
  words: ShellWord[];
  /** `NAME=value` words before the command name. */
  assignments: string[];
  redirects: Redirect[];
}

export interface ParsedShell {
  /** Every simple command found, nested ones included, in order. */
  commands: SimpleCommand[];
  /** See the file comment. */
  plain: boolean;
  /** Why it is not plain (for the approval card's reason). */
  problems: string[];
}

const OPERATORS = ['&&', '||', ';;', '|&', '|', '&', ';', '(', ')'];
const REDIRECT_OPERATORS = ['<<<', '<<-', '&>>', '<<', '>>', '>|', '>&', '<&', '<>', '&>', '>', '<'];
const RESERVED_WORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'in', 'function', 'select', '!', '{', '}', '[[', ']]', 'time', 'coproc']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
/** Redirections that write nowhere: merging streams and discarding to /dev/null. */
const HARMLESS_REDIRECT = (r: Redirect) =>
  ((r.operator === '>&' || r.operator === '<&') && /^(\d+|-)$/.test(r.target)) ||
  ((r.operator === '>' || r.operator === '>>' || r.operator === '&>') && r.target === '/dev/null');

const MAX_NESTING = 16;

type Token = { kind: 'word'; word: ShellWord; raw: string } | { kind: 'op'; op: string } | { kind: 'redirect'; fd: string | null; op: string };

export function parseShell(script: string, depth = 0): ParsedShell {
  const result: ParsedShell = { commands: [], plain: true, problems: [] };
  const problem = (text: string) => {
    result.plain = false;
    if (!result.problems.includes(text)) result.problems.push(text);
  };
  if (depth > MAX_NESTING) {
    problem('nested too deeply');
    return result;
  }

  const tokens = tokenize(script, depth, result, problem);

  let current: SimpleCommand = { words: [], assignments: [], redirects: [] };
  let pendingRedirect: { fd: string | null; op: string } | null = null;
  const flush = () => {
    if (pendingRedirect) problem(`a redirection without a target`);
    pendingRedirect = null;
    if (current.words.length > 0 || current.assignments.length > 0 || current.redirects.length > 0) result.commands.push(current);
    current = { words: [], assignments: [], redirects: [] };
  };

  for (const token of tokens) {
    if (token.kind === 'op') {
      flush();
      if (token.op === '&') problem('a background job (&)');
      else if (token.op === '(' || token.op === ')') problem('a subshell');
      else if (token.op === ';;' || token.op === '|&') problem(`the operator ${token.op}`);
      continue;
    }
    if (token.kind === 'redirect') {
      if (pendingRedirect) problem('a redirection without a target');
      pendingRedirect = { fd: token.fd, op: token.op };
      if (token.op.startsWith('<<') && token.op !== '<<<') problem('a here-document');
      continue;
    }
    if (pendingRedirect) {
      const redirect: Redirect = { fd: pendingRedirect.fd, operator: pendingRedirect.op, target: token.word.text };
      pendingRedirect = null;
      current.redirects.push(redirect);
      if (token.word.expansion || token.word.glob) problem('a redirection to a computed file name');
      else if (!HARMLESS_REDIRECT(redirect) && !redirect.operator.startsWith('<')) problem(`output redirected to a file (${redirect.operator} ${redirect.target})`);
      else if (redirect.operator === '<>') problem('a file opened for writing (<>)');
      continue;
    }
    if (current.words.length === 0) {
      if (ASSIGNMENT.test(token.raw)) {
        current.assignments.push(token.word.text);
        problem('an environment assignment');
        continue;
      }
      if (RESERVED_WORDS.has(token.raw)) {
        problem(`shell syntax (${token.raw})`);
        continue;
      }
    }
    if (token.word.expansion) problem('an expansion ($… or `…`)');
    current.words.push(token.word);
  }
  flush();
  if (result.commands.length === 0 && script.trim() !== '') problem('no command');
  return result;
}

/** Splits the script into words, operators and redirections; nested `$(…)` and backticks are parsed into `result`. */
function tokenize(script: string, depth: number, result: ParsedShell, problem: (text: string) => void): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let word: ShellWord | null = null;
  let raw = '';
  const startWord = () => {
    word ??= { text: '', glob: false, expansion: false };
  };
  const endWord = () => {
    if (word) tokens.push({ kind: 'word', word, raw });
    word = null;
    raw = '';
  };
  const nested = (inner: string) => {
    const parsed = parseShell(inner, depth + 1);
    result.commands.push(...parsed.commands);
  };

  while (i < script.length) {
    const c = script[i] as string;

    if (c === ' ' || c === '\t') {
      endWord();
      i += 1;
      continue;
    }
    if (c === '\n') {
      endWord();
      tokens.push({ kind: 'op', op: ';' });
      i += 1;
      continue;
    }
    if (c === '#' && word === null) {
      while (i < script.length && script[i] !== '\n') i += 1;
      continue;
    }
    if (c === '\\') {
      const next = script[i + 1];
      if (next === '\n') {
        i += 2; // line continuation
        continue;
      }
      startWord();
      if (next !== undefined) {
        word!.text += next;
        raw += `\\${next}`;
      }
      i += 2;
      continue;
    }
    if (c === "'") {
      startWord();
      const close = script.indexOf("'", i + 1);
      if (close === -1) {
        problem('an unterminated quote');
        word!.text += script.slice(i + 1);
        raw += script.slice(i);
        i = script.length;
      } else {
        word!.text += script.slice(i + 1, close);
        raw += script.slice(i, close + 1);
        i = close + 1;
      }
      continue;
    }
    if (c === '"') {
      startWord();
      raw += c;
      i += 1;
      let closed = false;
      while (i < script.length) {
        const d = script[i] as string;
        if (d === '"') {
          closed = true;
          raw += d;
          i += 1;
          break;
        }
        if (d === '\\' && i + 1 < script.length && '$`"\\\n'.includes(script[i + 1] as string)) {
          if (script[i + 1] !== '\n') word!.text += script[i + 1];
          raw += script.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (d === '$' || d === '`') {
          const end = readExpansion(script, i, nested, problem);
          word!.expansion = true;
          word!.text += script.slice(i, end);
          raw += script.slice(i, end);
          i = end;
          continue;
        }
        word!.text += d;
        raw += d;
        i += 1;
      }
      if (!closed) problem('an unterminated quote');
      continue;
    }
    if (c === '$' || c === '`') {
      startWord();
      const end = readExpansion(script, i, nested, problem);
      word!.expansion = true;
      word!.text += script.slice(i, end);
      raw += script.slice(i, end);
      i = end;
      continue;
    }

    // Redirections: an all-digit word right before the operator is its file descriptor.
    const redirect = REDIRECT_OPERATORS.find((op) => script.startsWith(op, i));
    if (redirect && !(redirect === '<' && script[i + 1] === '(') && !(redirect === '>' && script[i + 1] === '(')) {
      let fd: string | null = null;
      if (word && /^\d+$/.test(raw)) {
        fd = raw;
        word = null;
        raw = '';
      } else {
        endWord();
      }
      tokens.push({ kind: 'redirect', fd, op: redirect });
      i += redirect.length;
      continue;
    }
    if ((c === '<' || c === '>') && script[i + 1] === '(') {
      // Process substitution: <(…) or >(…).
      const end = matchingParen(script, i + 1);
      nested(script.slice(i + 2, end - 1));
      problem('a process substitution');
      startWord();
      word!.expansion = true;
      raw += script.slice(i, end);
      i = end;
      continue;
    }
    const op = OPERATORS.find((o) => script.startsWith(o, i));
    if (op) {
      endWord();
      tokens.push({ kind: 'op', op });
      i += op.length;
      continue;
    }

    startWord();
    if (c === '*' || c === '?' || c === '[') word!.glob = true;
    // Brace expansion ({a,b} or {1..3}) makes several words out of one: treated like a glob.
    if (c === '{' && /^\{[^}]*(,|\.\.)[^}]*\}/.test(script.slice(i))) word!.glob = true;
    word!.text += c;
    raw += c;
    i += 1;
  }
  endWord();
  return tokens;
}

/**
 * Reads a `$…` or backtick expansion starting at `start`; returns the index after it. Commands inside
 * `$(…)` and backticks are parsed through `nested`; arithmetic `$((…))` is not a command.
 */
function readExpansion(script: string, start: number, nested: (inner: string) => void, problem: (text: string) => void): number {
  if (script[start] === '`') {
    let i = start + 1;
    let inner = '';
    while (i < script.length && script[i] !== '`') {
      if (script[i] === '\\' && i + 1 < script.length) {
        inner += script[i + 1];
        i += 2;
      } else {
        inner += script[i];
        i += 1;
      }
    }
    if (i >= script.length) problem('an unterminated command substitution');
    nested(inner);
    return Math.min(i + 1, script.length);
  }
  const next = script[start + 1];
  if (next === '(') {
    const end = matchingParen(script, start + 1);
    if (script[start + 2] !== '(') nested(script.slice(start + 2, end - 1));
    if (end > script.length || script[end - 1] !== ')') problem('an unterminated command substitution');
    return Math.min(end, script.length);
  }
  if (next === '{') {
    const close = script.indexOf('}', start + 2);
    if (close === -1) {
      problem('an unterminated ${…}');
      return script.length;
    }
    const inner = script.slice(start + 2, close);
    // ${x:=y} assigns, ${x:?} exits; ${x:-$(cmd)} runs a command.
    if (/[:=?]|\$\(|`/.test(inner)) problem('a parameter expansion with side effects');
    return close + 1;
  }
  let i = start + 1;
  if (next !== undefined && /[@*#?$!0-9-]/.test(next)) return i + 1;
  while (i < script.length && /[A-Za-z0-9_]/.test(script[i] as string)) i += 1;
  return i;
}

/** Index after the `)` matching the `(` at `open`, skipping quoted text; the script's end if none. */
function matchingParen(script: string, open: number): number {
  let level = 0;
  let i = open;
  while (i < script.length) {
    const c = script[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      i = close === -1 ? script.length : close + 1;
      continue;
    }
    if (c === '"') {
      i += 1;
      while (i < script.length && script[i] !== '"') i += script[i] === '\\' ? 2 : 1;
      i += 1;
      continue;
    }
    if (c === '(') level += 1;
    if (c === ')') {
      level -= 1;
      if (level === 0) return i + 1;
    }
    i += 1;
  }
  return script.length + 1;
}

/** Splits a rule's command prefix written as one string ("npm test") into words, with quotes. */
export function splitCommandPrefix(text: string): string[] | null {
  const parsed = parseShell(text);
  if (!parsed.plain || parsed.commands.length !== 1) return null;
  const [command] = parsed.commands;
  if (!command || command.redirects.length > 0 || command.words.some((w) => w.glob || w.expansion)) return null;
  return command.words.map((w) => w.text);
}
