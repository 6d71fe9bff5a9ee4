/*
 * What a command (an argv, or a shell script) would run, read for the approval policy: the simple
 * commands in it, whether it is plain (see shell-parse.ts), and for forbid / prompt rules every argv
 * it could reach through wrappers (`env`, `sudo`, `timeout 5`, `bash -c '…'`, `eval`, …).
 */
import { parseShell, type SimpleCommand } from './shell-parse';

export interface CommandAnalysis {
  /** The command as a user reads it (the script, or the argv joined). */
  display: string;
  /** The simple commands, in order (nested ones included). */
  commands: SimpleCommand[];
  plain: boolean;
  problems: string[];
}

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);
const MAX_UNWRAP_DEPTH = 8;

export function analyzeCommand(command: readonly string[] | string): CommandAnalysis {
  if (typeof command === 'string') {
    const parsed = parseShell(command);
    return { display: command, commands: parsed.commands, plain: parsed.plain, problems: parsed.problems };
  }
  const script = shellScriptOf(command);
  if (script !== null) {
    const parsed = parseShell(script);
    return { display: script, commands: parsed.commands, plain: parsed.plain, problems: parsed.problems };
  }
  if (command.length === 0 || command[0] === '') return { display: '', commands: [], plain: false, problems: ['no command'] };
  // An argv runs without a shell: no globbing, no expansion, no operators.
  const words = command.map((text) => ({ text, glob: false, expansion: false }));
  return { display: command.map(quoteForDisplay).join(' '), commands: [{ words, assignments: [], redirects: [] }], plain: true, problems: [] };
}

/** The script of `[bash, -c, script]`, `[sh, -lc, script]` and the like; null for any other argv. */
export function shellScriptOf(argv: readonly string[]): string | null {
  if (argv.length !== 3) return null;
  const [shell, flag, script] = argv as [string, string, string];
  if (!SHELLS.has(basename(shell))) return null;
  return /^-[a-z]*c$/.test(flag) ? script : null;
}

/**
 * Every argv the analysed command could start, for forbid and prompt rules: each simple command,
 * plus what it runs through a wrapper or a nested shell. Over-matching here only costs a question.
 */
export function reachableArgvs(analysis: CommandAnalysis): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const add = (argv: string[], depth: number) => {
    if (argv.length === 0) return;
    const key = JSON.stringify(argv);
    if (seen.has(key)) return;
    seen.add(key);
    found.push(argv);
    if (depth >= MAX_UNWRAP_DEPTH) return;
    for (const inner of unwrap(argv)) {
      if (typeof inner === 'string') {
        for (const command of analyzeCommand(inner).commands) add(command.words.map((w) => w.text), depth + 1);
      } else {
        add(inner, depth + 1);
      }
    }
  };
  for (const command of analysis.commands) add(command.words.map((w) => w.text), 0);
  return found;
}

/** Options that take a value, per wrapper: `sudo -u root cmd`. */
const WRAPPERS: Record<string, { valued: string[]; leadingOperands?: number }> = {
  env: { valued: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'] },
  sudo: { valued: ['-u', '-g', '-C', '-h', '-p', '-D', '-r', '-t', '-U', '-T'] },
  doas: { valued: ['-u', '-C'] },
  nohup: { valued: [] },
  nice: { valued: ['-n', '--adjustment'] },
  ionice: { valued: ['-c', '-n', '-p', '-P', '-u'] },
  stdbuf: { valued: ['-i', '-o', '-e'] },
  time: { valued: ['-f', '-o', '--format', '--output'] },
  command: { valued: [] },
  builtin: { valued: [] },
  exec: { valued: ['-a'] },
  setsid: { valued: [] },
  unbuffer: { valued: [] },
  chronic: { valued: [] },
  xargs: { valued: ['-a', '-d', '-E', '-e', '-I', '-i', '-L', '-l', '-n', '-P', '-s', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-lines', '--replace'] },
  timeout: { valued: ['-s', '-k', '--signal', '--kill-after'], leadingOperands: 1 },
  flock: { valued: ['-w', '--wait', '-E', '--conflict-exit-code'], leadingOperands: 1 },
  watch: { valued: ['-n', '--interval', '-d'] },
};

/** What a wrapper runs: an argv, or a script (for shells, `eval`, `watch`). */
function unwrap(argv: readonly string[]): Array<string[] | string> {
  const name = basename(argv[0] ?? '');
  if (SHELLS.has(name)) {
    // bash -c 'script' [name args…], also with other flags before -c (bash -e -c …, bash -ec …).
    const flagIndex = argv.findIndex((arg, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(arg));
    const script = flagIndex > 0 ? argv[flagIndex + 1] : undefined;
    return script === undefined ? [] : [script];
  }
  if (name === 'eval') return [argv.slice(1).join(' ')];
  const wrapper = WRAPPERS[name];
  if (!wrapper) return [];
  let i = 1;
  while (i < argv.length) {
    const arg = argv[i] as string;
    if (arg === '--') {
      i += 1;
      break;
    }
    if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(arg)) {
      i += 1;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    if (wrapper.valued.includes(arg)) i += 2;
    else i += 1;
  }
  i += wrapper.leadingOperands ?? 0;
  const rest = argv.slice(i);
  if (rest.length === 0) return [];
  // `watch 'make test'` and `env -S 'a b'` take the command as one string.
  return name === 'watch' ? [rest.join(' ')] : [rest];
}

export function basename(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] ?? file;
}

/** Quotes a word for display only when it needs it. */
export function quoteForDisplay(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
