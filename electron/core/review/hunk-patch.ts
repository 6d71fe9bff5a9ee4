/**
 * Builds the patch for one hunk, or for chosen lines of it, from the review model, ready for
 * `git apply`. The same rules as `git add -p`'s line editing:
 *
 * - forward (stage: applied to the index, whose content is the hunk's old side): a chosen line is
 *   kept; an unchosen added line is dropped; an unchosen removed line stays, as context.
 * - reverse (unstage, revert: applied with -R to the index or working tree, whose content is the
 *   hunk's new side): an unchosen removed line is dropped; an unchosen added line stays, as context.
 *
 * "No newline at end of file" needs care when lines become context: only the last line of a side
 * may lack its newline, so a line that would no longer be last gets one (see `fixEndOfFile`).
 *
 * Headers name only the file's content change: mode changes are left out (they are whole-file
 * actions), a rename or copy is patched at its new path, and a new or deleted file keeps its
 * creation/deletion header only while the side that must be empty stays empty.
 */
import { diffLineId, type DiffFile, type DiffHunk } from '../../../shared/contract/review';
import { formatHunkHeader } from './diff-model';

export type PatchDirection = 'forward' | 'reverse';

interface PatchLine {
  op: ' ' | '-' | '+';
  text: string;
  /** False when this line has no newline at the end of the file. */
  eol: boolean;
  /** An unchosen line that was turned into context. */
  converted: boolean;
}

const NO_NEWLINE_MARKER = '\\ No newline at end of file';

/**
 * The patch text, or null when the choice leaves nothing to apply. `chosen` holds line ids; null
 * means the whole hunk.
 */
export function buildHunkPatch(file: DiffFile, hunk: DiffHunk, chosen: ReadonlySet<string> | null, direction: PatchDirection): string | null {
  const lines: PatchLine[] = [];
  for (const line of hunk.lines) {
    const eol = line.noNewlineAtEof !== true;
    if (line.kind === 'context') {
      lines.push({ op: ' ', text: line.text, eol, converted: false });
      continue;
    }
    const isChosen = chosen === null || chosen.has(diffLineId(file.id, line));
    if (isChosen) lines.push({ op: line.kind === 'add' ? '+' : '-', text: line.text, eol, converted: false });
    // Unchosen: the line the target already has stays as context, the other one is dropped.
    else if ((line.kind === 'del') === (direction === 'forward')) lines.push({ op: ' ', text: line.text, eol, converted: true });
  }
  if (!lines.some((l) => l.op !== ' ')) return null;
  const fixed = fixEndOfFile(lines, direction);

  let oldCount = 0;
  let newCount = 0;
  for (const l of fixed) {
    if (l.op !== '+') oldCount++;
    if (l.op !== '-') newCount++;
  }
  // The side the target holds is placed where it really is; other hunks are not part of this patch,
  // so the other side starts at the same line.
  const start = direction === 'forward' ? hunk.oldStart : hunk.newStart;
  const header = formatHunkHeader({ oldStart: start, oldLines: oldCount, newStart: start, newLines: newCount });

  let body = '';
  for (const l of fixed) {
    body += `${l.op}${l.text}\n`;
    if (!l.eol) body += `${NO_NEWLINE_MARKER}\n`;
  }
  return `${fileHeader(file, oldCount, newCount)}${header}\n${body}`;
}

/**
 * Keeps "no newline at end of file" true to both sides after lines were turned into context:
 * - forward: a removed line without newline that stays (as context) cannot be followed by added
 *   lines; it becomes "-line (no newline)" then "+line" with a newline, so the new side continues.
 * - reverse: a chosen removed line without newline followed by lines that stay cannot be last on
 *   the old side any more; it gets its newline.
 */
function fixEndOfFile(lines: PatchLine[], direction: PatchDirection): PatchLine[] {
  // Only the last few lines of a hunk can lack a newline; walk back from the end to find them.
  const out = [...lines];
  let addAfter = false;
  let contextAfter = false;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (direction === 'forward' && l.converted && !l.eol && addAfter) {
      out.splice(i, 1, { ...l, op: '-' }, { ...l, op: '+', eol: true });
    } else if (direction === 'reverse' && l.op === '-' && !l.eol && contextAfter) {
      out[i] = { ...l, eol: true };
    }
    if (l.op === '+') addAfter = true;
    if (l.op === ' ') contextAfter = true;
  }
  return out;
}

function fileHeader(file: DiffFile, oldCount: number, newCount: number): string {
  const p = file.path;
  const git = `diff --git ${quotePath(`a/${p}`)} ${quotePath(`b/${p}`)}\n`;
  if (file.status === 'A' && oldCount === 0) {
    return `${git}new file mode ${file.newMode ?? '100644'}\n--- /dev/null\n+++ ${nameLine('b/', p)}\n`;
  }
  if (file.status === 'D' && newCount === 0) {
    return `${git}deleted file mode ${file.oldMode ?? '100644'}\n--- ${nameLine('a/', p)}\n+++ /dev/null\n`;
  }
  return `${git}--- ${nameLine('a/', p)}\n+++ ${nameLine('b/', p)}\n`;
}

/** Like git: a name holding a space gets a trailing tab, so its end is unambiguous. */
function nameLine(prefix: string, p: string): string {
  return `${quotePath(prefix + p)}${p.includes(' ') ? '\t' : ''}`;
}

function needsQuoting(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x22 /* " */ || c === 0x5c /* \ */) return true;
  }
  return false;
}

/** Git's C-style quoting, applied when a name holds a quote, a backslash or a control character. */
export function quotePath(name: string): string {
  if (!needsQuoting(name)) return name;
  let out = '"';
  for (const ch of name) {
    const code = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
