/**
 * Open a file at a line in the user's editor. Candidates, in order: $VISUAL, $EDITOR, `code`.
 * Terminal-only editors (vim, nano, …) are skipped: Tandem has no terminal to show them in, and a
 * detached vim would sit invisible. Each known editor family gets its own "go to line" argument.
 * The editor is started detached, so closing Tandem leaves it open.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { EditorLaunch } from '../../../shared/contract/review';
import { shellQuote, splitCommand } from '../code/open-in-editor';

export { splitCommand };

const TERMINAL_EDITORS = new Set(['vi', 'vim', 'nvim', 'nano', 'pico', 'ed', 'ex', 'kak', 'hx', 'helix', 'micro', 'joe', 'ne', 'mg', 'jed', 'mcedit']);
const TERMINAL_FLAGS = new Set(['-nw', '-t', '--tty']);

/** file:line after -g (VS Code and its forks). */
const VSCODE_LIKE = new Set(['code', 'code-insiders', 'codium', 'vscodium', 'cursor', 'windsurf', 'positron']);
/** file:line as the argument. */
const COLON_LINE = new Set(['subl', 'sublime_text', 'zed', 'zeditor', 'atom', 'lapce']);
/** --line N file (JetBrains). */
const JETBRAINS = new Set(['idea', 'idea.sh', 'webstorm', 'pycharm', 'goland', 'clion', 'rider', 'phpstorm', 'rubymine', 'studio', 'rustrover']);
/** +N file. */
const PLUS_LINE = new Set(['gvim', 'mvim', 'emacs', 'emacsclient', 'gedit', 'gnome-text-editor', 'geany', 'mousepad', 'pluma', 'xed']);
/** -l N file. */
const DASH_L = new Set(['kate', 'kwrite', 'mate']);

export class NoEditorError extends Error {}

/** Starts the editor; rejects with NoEditorError naming what was tried when none could start. */
export async function openInEditor(file: string, line: number | undefined, env: NodeJS.ProcessEnv): Promise<EditorLaunch> {
  const tried: string[] = [];
  for (const candidate of [env.VISUAL, env.EDITOR, 'code']) {
    if (!candidate || !candidate.trim()) continue;
    const words = splitCommand(candidate);
    const program = words[0];
    if (!program) continue;
    const name = path.basename(program).replace(/\.(exe|cmd|bat)$/i, '');
    if (TERMINAL_EDITORS.has(name) || words.some((w) => TERMINAL_FLAGS.has(w))) {
      tried.push(`${candidate} (a terminal editor)`);
      continue;
    }
    const args = [...words.slice(1), ...lineArgs(name, file, line)];
    if (await start(program, args, env)) return { command: [program, ...args].map(shellQuote).join(' '), host: os.hostname() };
    tried.push(`${candidate} (not found)`);
  }
  throw new NoEditorError(
    `No editor could be started on ${os.hostname()}. Set $VISUAL to a graphical editor (for example "code" or "subl")${tried.length ? `; tried ${tried.join(', ')}` : ''}.`,
  );
}

function lineArgs(name: string, file: string, line: number | undefined): string[] {
  if (line === undefined) return [file];
  if (VSCODE_LIKE.has(name)) return ['-g', `${file}:${line}`];
  if (COLON_LINE.has(name)) return [`${file}:${line}`];
  if (JETBRAINS.has(name)) return ['--line', String(line), file];
  if (PLUS_LINE.has(name)) return [`+${line}`, file];
  if (DASH_L.has(name)) return ['-l', String(line), file];
  // An editor we do not know: open the file; guessing a line syntax could open a wrong file.
  return [file];
}

/** Resolves true once the process is running, false if it could not be started. */
function start(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { detached: true, stdio: 'ignore', env });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
