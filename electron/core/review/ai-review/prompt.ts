/**
 * The AI reviewer's instructions and the diff as the model reads it: every line numbered, removed
 * lines by their old number and the rest by their new one, so the findings can point at lines that
 * exist in the diff.
 */
import type { ReviewDiff } from '../../../../shared/contract/review';

/** Diffs beyond this many characters are cut (the files left out are named). */
export const MAX_DIFF_CHARS = 200_000;

export const REVIEW_INSTRUCTIONS = `You are reviewing a code change for its author. Find the problems the author would want to fix before merging: bugs, broken edge cases, security holes, data loss, race conditions, misleading names or comments, missing tests for risky logic.

Rules:
- Prefer few findings the author would act on over many. Report nothing rather than style nits, speculation or restating what the code does. Most good changes have zero to three findings.
- Only report problems introduced or touched by this change, on lines shown in the diff.
- Each finding: a title starting with its priority tag ([P0] must fix: breaks things or loses data; [P1] should fix before merging; [P2] worth fixing soon; [P3] minor), at most 80 characters; a body of one short paragraph saying why and what to do; priority 0-3 matching the tag; confidence from 0 to 1 that it is a real problem; the file path exactly as in the diff; side "new" with line numbers of the new file (lines marked + or space), or side "old" with numbers of the old file (lines marked -); start_line and end_line spanning at most about 10 lines.
- verdict "looks_good" when nothing must change before merging, otherwise "needs_changes", with a one to three sentence explanation.
- Answer with the JSON object only.`;

export function buildReviewPrompt(diff: ReviewDiff, dismissedTitles: readonly string[]): { text: string; truncated: string[] } {
  const parts: string[] = [`Change: ${diff.title}`, ''];
  if (dismissedTitles.length) {
    parts.push('The author does not want findings like these (they dismissed them before); do not raise them again:');
    for (const t of dismissedTitles) parts.push(`- ${t}`);
    parts.push('');
  }
  let size = parts.join('\n').length;
  const truncated: string[] = [];
  for (const file of diff.files) {
    const section = renderFile(file);
    if (size + section.length > MAX_DIFF_CHARS) {
      truncated.push(file.path);
      continue;
    }
    parts.push(section);
    size += section.length + 1;
  }
  if (truncated.length) parts.push(`(${truncated.length} more file(s) not shown: ${truncated.slice(0, 20).join(', ')})`);
  return { text: parts.join('\n'), truncated };
}

function renderFile(file: ReviewDiff['files'][number]): string {
  const head = file.oldPath && file.oldPath !== file.path ? `${file.oldPath} → ${file.path}` : file.path;
  const lines = [`=== ${head} (${statusWord(file.status)}${file.area === 'range' ? '' : `, ${file.area}`})`];
  if (file.binary) lines.push('(binary file)');
  if (file.tooLarge) lines.push('(too large to show)');
  for (const hunk of file.hunks) {
    lines.push(hunk.header);
    for (const l of hunk.lines) {
      const mark = l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' ';
      const no = l.kind === 'del' ? l.oldNo : l.newNo;
      lines.push(`${mark}${String(no ?? '').padStart(5)} | ${l.text.replace(/\r$/, '')}`);
    }
  }
  return lines.join('\n');
}

function statusWord(s: string): string {
  return { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'type changed', U: 'in conflict' }[s] ?? s;
}
