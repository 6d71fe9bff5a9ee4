/*
 * Commands that only read: under the `untrusted` policy these run without asking (inside the sandbox,
 * when there is one). The list is short on purpose and every entry is checked against the options that
 * would make it write or run something else (`find -delete`, `rg --pre`, `sort -o`, `git diff --output`).
 * The script must be plain (shell-parse.ts): any expansion, assignment, subshell or write redirection
 * makes it unknown, and so does a pipe into a command that is not on the list.
 */
import { analyzeCommand, type CommandAnalysis } from './command-analysis';
import type { ShellWord, SimpleCommand } from './shell-parse';

/** Read-only whatever their arguments, even globbed ones. */
const ALWAYS_SAFE = new Set([
  'cat', 'ls', 'pwd', 'head', 'tail', 'wc', 'true', 'false', 'echo', 'printf', 'nl', 'basename', 'dirname',
  'realpath', 'readlink', 'stat', 'du', 'df', 'cut', 'tr', 'rev', 'seq', 'cmp', 'diff', 'comm', 'column', 'grep',
  'egrep', 'fgrep', 'which', 'whoami', 'id', 'groups', 'uname', 'tac', 'expand', 'unexpand', 'fold', 'paste',
  'join', 'od', 'hexdump', 'strings', 'md5sum', 'sha1sum', 'sha256sum', 'sha512sum', 'cksum', 'b2sum', 'base64',
  'test', '[', 'type', 'nproc', 'uptime', 'jq', 'cd', 'printenv', 'locale', 'tty',
]);

type Check = (args: string[]) => boolean;

/** Read-only only with some options left out; never with a glob (a file named `-delete` would become an option). */
const CHECKED: Record<string, Check> = {
  find: (args) => !args.some((a) => FIND_UNSAFE.has(a)),
  rg: (args) =>
    !args.some((a) => a === '--pre' || a.startsWith('--pre=') || a.startsWith('--hostname-bin') || a === '--search-zip' || isShortCluster(a, 'z')),
  sed: (args) => args[0] === '-n' && args.length >= 2 && SED_PRINT.test(args[1] as string) && args.slice(2).every((a) => !a.startsWith('-')),
  sort: (args) => !args.some((a) => a.startsWith('--output') || a.startsWith('--compress-program') || isShortCluster(a, 'o')),
  uniq: (args) => operands(args).length <= 1,
  file: (args) => !args.some((a) => a === '--compile' || isShortCluster(a, 'C')),
  date: (args) => !args.some((a) => a.startsWith('--set') || isShortCluster(a, 's')) && operands(args).every((a) => a.startsWith('+')),
  hostname: (args) => operands(args).length === 0 && !args.some((a) => a.startsWith('--file') || isShortCluster(a, 'F')),
  tree: (args) => !args.some((a) => a === '-o' || a === '-R' || a.startsWith('--fromfile')),
  env: (args) => args.length === 0,
  git: (args) => isSafeGit(args),
};

const FIND_UNSAFE = new Set(['-exec', '-execdir', '-ok', '-okdir', '-delete', '-fls', '-fprint', '-fprint0', '-fprintf']);
/** `sed -n 5p`, `sed -n 1,20p`, `sed -n '$p'`. */
const SED_PRINT = /^(\d+|\$)(,(\d+|\$))?p$/;

export function isKnownSafeCommand(command: readonly string[] | string): boolean {
  return isKnownSafeAnalysis(analyzeCommand(command));
}

export function isKnownSafeAnalysis(analysis: CommandAnalysis): boolean {
  return analysis.plain && analysis.commands.length > 0 && analysis.commands.every(isSafeSimpleCommand);
}

function isSafeSimpleCommand(command: SimpleCommand): boolean {
  if (command.assignments.length > 0) return false;
  const [name, ...rest] = command.words;
  if (!name || name.glob || name.expansion) return false;
  // A bare name only: `./ls` or `bin/cat` could be anything the agent wrote.
  if (name.text.includes('/') || name.text.includes('\\')) return false;
  if (rest.some((w: ShellWord) => w.expansion)) return false;
  if (ALWAYS_SAFE.has(name.text)) return true;
  const check = CHECKED[name.text];
  if (!check || rest.some((w) => w.glob)) return false;
  return check(rest.map((w) => w.text));
}

// ---------------------------------------------------------------------------------------------------
// git
// ---------------------------------------------------------------------------------------------------

/** Subcommands that only read, whatever their (checked) options. */
const GIT_READ_ONLY = new Set([
  'status', 'diff', 'log', 'show', 'blame', 'annotate', 'ls-files', 'ls-tree', 'rev-parse', 'rev-list', 'grep',
  'describe', 'shortlog', 'cat-file', 'merge-base', 'show-ref', 'count-objects', 'name-rev', 'whatchanged',
  'check-ignore', 'check-attr', 'version',
]);

/** Options that write a file or run a program, refused with any subcommand. */
function isUnsafeGitOption(arg: string): boolean {
  return (
    arg === '--output' ||
    arg.startsWith('--output=') ||
    arg === '--ext-diff' ||
    arg.startsWith('--open-files-in-pager') ||
    /^-O/.test(arg) ||
    arg.startsWith('--exec')
  );
}

const GIT_SUBCOMMAND_CHECKS: Record<string, Check> = {
  branch: (args) => {
    const listing = args.some((a) => a === '--list' || a === '-l');
    return args.every((a) => GIT_BRANCH_LIST_OPTIONS.test(a) || (listing && !a.startsWith('-')));
  },
  tag: (args) => args.length === 0 || ((args[0] === '-l' || args[0] === '--list') && args.slice(1).every((a) => !a.startsWith('-') || /^-n\d*$/.test(a))),
  remote: (args) => args.length === 0 || (args.length === 1 && (args[0] === '-v' || args[0] === '--verbose')) || (args[0] === 'get-url' && args.length === 2),
  config: (args) => args.some((a) => GIT_CONFIG_READS.has(a)) && args.every((a) => !a.startsWith('-') || GIT_CONFIG_READS.has(a) || GIT_CONFIG_SCOPES.has(a)),
  stash: (args) => args[0] === 'list' || args[0] === 'show',
  worktree: (args) => args[0] === 'list',
  reflog: (args) => args.length === 0 || args[0] === 'show' || (args[0] !== undefined && args[0].startsWith('-')),
};

const GIT_BRANCH_LIST_OPTIONS = /^(-a|--all|-r|--remotes|-v|-vv|--verbose|--list|-l|--show-current|--no-color|--color(=\w+)?|--contains|--no-contains|--merged|--no-merged|--points-at|--sort=[\w:-]+|--format=.*|--no-column|--column)$/;
const GIT_CONFIG_READS = new Set(['--get', '--get-all', '--get-regexp', '--list', '-l']);
const GIT_CONFIG_SCOPES = new Set(['--global', '--local', '--system', '--show-origin', '--show-scope', '--name-only', '-z', '--null']);

function isSafeGit(args: string[]): boolean {
  // Global options before the subcommand: only these (`-c` would set core.pager or an alias).
  let i = 0;
  while (i < args.length && (args[i] as string).startsWith('-')) {
    const option = args[i] as string;
    if (option === '-C') i += 2;
    else if (option === '--no-pager' || option === '-P' || option === '--no-optional-locks') i += 1;
    else return false;
  }
  const subcommand = args[i];
  if (subcommand === undefined) return false;
  const rest = args.slice(i + 1);
  if (rest.some(isUnsafeGitOption)) return false;
  if (GIT_READ_ONLY.has(subcommand)) return true;
  const check = GIT_SUBCOMMAND_CHECKS[subcommand];
  return check ? check(rest) : false;
}

// ---------------------------------------------------------------------------------------------------

/** `-xyz` (a cluster of short options) containing `letter`. */
function isShortCluster(arg: string, letter: string): boolean {
  return /^-[A-Za-z0-9]+$/.test(arg) && arg.slice(1).includes(letter);
}

/** Arguments that are not options (everything after `--` counts as an operand). */
function operands(args: string[]): string[] {
  const dashDash = args.indexOf('--');
  const before = dashDash === -1 ? args : args.slice(0, dashDash);
  const after = dashDash === -1 ? [] : args.slice(dashDash + 1);
  return [...before.filter((a) => !a.startsWith('-') || a === '-'), ...after];
}
