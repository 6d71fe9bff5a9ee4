/**
 * "Open in my editor": the editor the user configured — $VISUAL, then $EDITOR, then VS Code's `code`
 * — started at the file's line and column with the argument syntax that editor understands
 * (`code -g file:12:5`, `idea --line 12 --column 5 file`, `vim +12 file`, …).
 *
 * A terminal editor (vim, nano, helix, emacs -nw …) needs a terminal: the answer then tells the UI to
 * start it in a Tandem terminal instead of starting it here, where it would run invisibly. GUI
 * editors are started detached, so closing Tandem leaves them open. In `tandem serve` mode the
 * editor runs on the server machine.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { EditorOpening } from '../../../shared/contract/code';

export interface EditorTarget {
  /** Absolute path of the file. */
  file: string;
  line?: number;
  column?: number;
  /** Where a terminal editor starts (the folder shown in the code view). */
  cwd: string;
}

export interface EditorPlan {
  kind: 'gui' | 'terminal';
  program: string;
  args: string[];
}

export class NoEditorError extends Error {}

const VSCODE_LIKE = new Set(['code', 'code-insiders', 'codium', 'vscodium', 'cursor', 'windsurf', 'positron', 'code-oss']);
const COLON_ARG = new Set(['subl', 'sublime_text', 'zed', 'zeditor', 'lapce', 'atom']);
const JETBRAINS = new Set(['idea', 'idea.sh', 'idea64', 'webstorm', 'pycharm', 'goland', 'clion', 'rider', 'phpstorm', 'rubymine', 'studio', 'rustrover', 'fleet']);
const VIM_LIKE = new Set(['vim', 'nvim', 'gvim', 'mvim', 'vimx']);
const PLUS_LINE_COLON_COL = new Set(['emacs', 'emacsclient', 'nano', 'pico', 'micro', 'kak', 'gedit', 'gnome-text-editor', 'xed', 'pluma']);
const PLUS_LINE = new Set(['vi', 'ex', 'joe', 'jmacs', 'jstar', 'ne', 'mg', 'mousepad', 'geany', 'mcedit', 'jed']);
const HELIX = new Set(['hx', 'helix']);
const KATE = new Set(['kate', 'kwrite']);

/** Editors that draw in a terminal (unless started with a GUI flag, see isTerminalPlan). */
const TERMINAL_EDITORS = new Set(['vi', 'vim', 'nvim', 'ex', 'nano', 'pico', 'micro', 'kak', 'hx', 'helix', 'joe', 'jmacs', 'jstar', 'ne', 'mg', 'mcedit', 'jed']);
const EMACS_TERMINAL_FLAGS = new Set(['-nw', '--no-window-system', '-t', '--tty']);

/** Splits "code --wait" or "'/opt/My Editor/ed' -x" into words (single and double quotes). */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | null = null;
  let has = false;
  for (const ch of command.trim()) {
    if (quote) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || word) words.push(word);
      word = '';
      has = false;
    } else {
      word += ch;
    }
  }
  if (has || word) words.push(word);
  return words;
}

/** The program name without folder or Windows extension: "/usr/bin/nvim" → "nvim". */
export function editorName(program: string): string {
  return path.basename(program).replace(/\.(exe|cmd|bat)$/i, '');
}

/** How to start `command` (an $EDITOR value) at the file, line and column. Pure. */
export function planEditor(command: string, target: Omit<EditorTarget, 'cwd'>): EditorPlan | null {
  const words = splitCommand(command);
  const program = words[0];
  if (!program) return null;
  const name = editorName(program);
  const { file, line, column } = target;
  const flags = words.slice(1);
  return { kind: isTerminal(name, flags) ? 'terminal' : 'gui', program, args: [...flags, ...positionArgs(name, file, line, column)] };
}

function isTerminal(name: string, flags: string[]): boolean {
  if (name === 'emacs' || name === 'emacsclient') return flags.some((f) => EMACS_TERMINAL_FLAGS.has(f));
  return TERMINAL_EDITORS.has(name);
}

function positionArgs(name: string, file: string, line: number | undefined, column: number | undefined): string[] {
  if (line === undefined) return [file];
  const col = column ?? 1;
  if (VSCODE_LIKE.has(name)) return ['-g', `${file}:${line}:${col}`];
  if (COLON_ARG.has(name)) return [`${file}:${line}:${col}`];
  if (HELIX.has(name)) return [`${file}:${line}:${col}`];
  if (JETBRAINS.has(name)) return ['--line', String(line), '--column', String(col), file];
  if (VIM_LIKE.has(name)) return [`+call cursor(${line}, ${col})`, file];
  if (PLUS_LINE_COLON_COL.has(name)) return [name === 'nano' || name === 'pico' ? `+${line},${col}` : `+${line}:${col}`, file];
  if (PLUS_LINE.has(name)) return [`+${line}`, file];
  if (KATE.has(name)) return ['--line', String(line), '--column', String(col), file];
  if (name === 'mate') return ['--line', `${line}:${col}`, file];
  if (name === 'notepad++') return [`-n${line}`, `-c${col}`, file];
  // An editor we do not know: open the file; guessing its line syntax could open a wrong file.
  return [file];
}

/** The commands to try, in order: $VISUAL, $EDITOR, then VS Code. */
export function editorCandidates(env: NodeJS.ProcessEnv): string[] {
  return [env.VISUAL, env.EDITOR, 'code'].filter((c): c is string => typeof c === 'string' && c.trim() !== '');
}

export async function openInEditor(target: EditorTarget, env: NodeJS.ProcessEnv): Promise<EditorOpening> {
  const tried: string[] = [];
  for (const candidate of editorCandidates(env)) {
    const plan = planEditor(candidate, target);
    if (!plan) continue;
    const command = [plan.program, ...plan.args].map(shellQuote).join(' ');
    if (plan.kind === 'terminal') {
      return { kind: 'terminal', command, shell: plan.program, args: plan.args, cwd: target.cwd, label: `${editorName(plan.program)} ${path.basename(target.file)}` };
    }
    if (await start(plan.program, plan.args, env)) return { kind: 'launched', command, host: os.hostname() };
    tried.push(`${candidate} (not found)`);
  }
  throw new NoEditorError(
    `No editor could be started on ${os.hostname()}. Set $VISUAL or $EDITOR (for example "code" or "vim")${tried.length ? `; tried ${tried.join(', ')}` : ''}.`,
  );
}

/** Resolves true once the process is running, false if it could not be started. */
function start(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(program, args, { detached: true, stdio: 'ignore', env });
    } catch {
      resolve(false);
      return;
    }
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
