/**
 * Reads an X selection (PRIMARY: the text last highlighted; CLIPBOARD: the text last copied) with
 * xclip. The owner app answers the request, so a hung owner would hang xclip: every read has a
 * timeout. The list of targets is read alongside the text, to tell text from an image and to honour
 * the hint password managers set on secrets they copy (`x-kde-passwordManagerHint`, used by
 * KeePassXC and KDE's clipboard).
 */
import { runCommand } from '../exec';
import type { SelectionName } from '../privacy/excluded-copies';

export interface SelectionReadOptions {
  display: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Bytes of text to read at most. */
  maxBytes?: number;
  /** Also read the target list, to honour a password manager's "this is a secret" mark. */
  checkSecretHint?: boolean;
}

export type SelectionRead =
  | { state: 'empty' }
  | { state: 'text'; text: string; truncated: boolean }
  | { state: 'not-text'; targets: string[] }
  | { state: 'secret' };

const TEXT_TARGETS = ['UTF8_STRING', 'text/plain;charset=utf-8', 'STRING', 'TEXT', 'text/plain'];
const PASSWORD_HINT = 'x-kde-passwordManagerHint';
const DEFAULT_MAX_BYTES = 256 * 1024;
const DEFAULT_TIMEOUT_MS = 1000;

export async function readXSelection(which: SelectionName, opts: SelectionReadOptions): Promise<SelectionRead> {
  const env = { ...(opts.env ?? process.env), DISPLAY: opts.display };
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const run = (target: string, limit: number) =>
    runCommand('xclip', ['-o', '-selection', which, '-t', target], {
      env,
      signal: opts.signal,
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: limit,
      // A budget running out must not crash the app that owns the selection (see exec.ts).
      leaveRunning: true,
    });
  const readTargets = async () => {
    const r = await run('TARGETS', 16 * 1024);
    if (r.code !== 0) return null; // nobody owns the selection
    return r.stdout
      .toString('utf8')
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean);
  };

  // Password managers mark secrets on the clipboard; the target list is read alongside the text
  // (both requests go out at once, the owner answers one after the other).
  const [utf8Run, hintTargets] = await Promise.all([run('UTF8_STRING', maxBytes), opts.checkSecretHint ? readTargets() : Promise.resolve(undefined)]);
  if (hintTargets === null) return { state: 'empty' };
  if (hintTargets?.includes(PASSWORD_HINT)) return { state: 'secret' };
  if (utf8Run.code === 0 || utf8Run.truncated) return textOf(utf8Run.stdout, utf8Run.truncated, 'utf8');

  // No UTF-8 text: nothing selected, an image, or an old app that offers only STRING.
  const targets = hintTargets ?? (await readTargets());
  if (!targets) return { state: 'empty' };
  const fallback = TEXT_TARGETS.find((t) => t !== 'UTF8_STRING' && targets.includes(t));
  if (!fallback) return targets.length ? { state: 'not-text', targets } : { state: 'empty' };
  const other = await run(fallback, maxBytes);
  if (other.code !== 0 && !other.truncated) return { state: 'empty' };
  return textOf(other.stdout, other.truncated, fallback === 'STRING' ? 'latin1' : 'utf8');
}

function textOf(bytes: Buffer, truncated: boolean, encoding: 'utf8' | 'latin1'): SelectionRead {
  let text = bytes.toString(encoding);
  // A cut in the middle of a multi-byte character leaves a replacement character at the end.
  if (truncated && encoding === 'utf8') text = text.replace(/\uFFFD$/, '');
  return text.length === 0 ? { state: 'empty' } : { state: 'text', text, truncated };
}

/** A one-line description of what a non-text selection holds, e.g. "an image (image/png)". */
export function describeNonText(targets: string[]): string {
  const mime = targets.find((t) => /^[a-z]+\/[\w.+-]+$/.test(t) && !t.startsWith('text/'));
  if (!mime) return 'something that is not text';
  return mime.startsWith('image/') ? `an image (${mime})` : `data of type ${mime}`;
}
