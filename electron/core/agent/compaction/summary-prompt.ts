/**
 * What the summary request says, and what the model sees after a compaction. The history goes to the
 * summarizer as a plain-text transcript (one block per item), not as the structured conversation: it
 * carries no tool calls or encrypted reasoning a server could refuse, reads the same over both wire
 * APIs, and can be cut at any item boundary when it would not fit.
 */
import type { AgentItem } from '../../../../shared/contract';
import { estimateTextTokens } from './token-estimate';

export const SUMMARY_INSTRUCTIONS = `You are writing a handoff note. Another instance of the coding agent will take over this task with no memory of the conversation: your note, plus the user's most recent messages, is all it will have. It has the same tools and the same working folder.

Write the note in Markdown under these headings, skipping a heading only when there is truly nothing for it:

## Task
What the user wants, in their terms, and what counts as done.
## Progress
What has been done and verified so far, and what state the work is in right now.
## Decisions
What was decided and why, including approaches tried and rejected (so they are not tried again).
## Constraints and preferences
Everything the user asked for or ruled out: style, tools, files not to touch, how they like answers.
## Critical data
Exact file paths, commands (with their flags), error messages, test names, identifiers, versions, URLs and numbers that the work depends on. Copy them verbatim — never paraphrase an error message or a path.
## Next steps
What to do next, in order, concrete enough to act on at once.

Write only the note: no greeting, no questions, no tool calls. Be complete but dense; prefer lists to prose.`;

export const SUMMARY_REQUEST = 'Write the handoff note for the conversation above now, following your instructions.';

/** Opens the first user entry after a compaction, so the model knows what it is reading. */
export const SUMMARY_PREFIX =
  'Earlier parts of this conversation were compacted to fit the context window. Below is the handoff note written from them; the user\'s most recent messages come just before it. Continue the work from here.\n\n';

/** Opens the summary request's transcript. */
export const TRANSCRIPT_HEADING = 'The conversation so far, oldest first:';

/** One block of the transcript per item; null for items that say nothing worth summarizing. */
export function transcriptBlock(item: AgentItem, maxTokens: number): string | null {
  switch (item.type) {
    case 'userMessage':
      return `### User${item.steer ? ' (while the agent worked)' : ''}\n${cap(item.text, maxTokens)}${item.images.length ? `\n[attached images: ${item.images.join(', ')}]` : ''}`;
    case 'agentMessage':
      return item.text ? `### Assistant\n${cap(item.text, maxTokens)}` : null;
    case 'reasoning':
      return null; // the actions and messages that followed carry what mattered
    case 'commandExecution': {
      const how = item.exitCode !== null ? `exit ${item.exitCode}` : item.timedOut ? 'timed out' : item.status;
      return `### Command (${how}) in ${item.cwd}\n$ ${item.command}\n${item.reason ? `${item.reason}\n` : ''}${cap(item.output, maxTokens)}`;
    }
    case 'fileChange': {
      const files = item.changes.map((c) => `${c.kind} ${c.path}${c.newPath ? ` → ${c.newPath}` : ''} (+${c.additions} −${c.deletions})`).join('\n');
      const diffs = cap(item.changes.map((c) => c.diff).join('\n'), Math.floor(maxTokens / 2));
      return `### Patch (${item.status})\n${files}${item.reason ? `\n${item.reason}` : ''}\n${diffs}`;
    }
    case 'plan':
      return `### Plan\n${item.explanation ? `${item.explanation}\n` : ''}${item.steps.map((s) => `- [${s.status === 'completed' ? 'x' : s.status === 'inProgress' ? '~' : ' '}] ${s.step}`).join('\n')}`;
    case 'imageView':
      return `### Looked at image ${item.path} (${item.status})${item.reason ? `: ${item.reason}` : ''}`;
    case 'error':
      return `### Error (${item.kind}${item.httpStatus ? `, HTTP ${item.httpStatus}` : ''})\n${cap(item.message, maxTokens)}`;
    case 'contextCompaction':
      return `### Handoff note from an earlier compaction\n${item.summary}`;
    default: {
      // A kind added later (e.g. a context snapshot): what it returned to the model, when it has one.
      const other = item as { type: string; output?: unknown };
      return typeof other.output === 'string' ? `### ${other.type}\n${cap(other.output, maxTokens)}` : null;
    }
  }
}

/** Keeps the head and tail of a long text within about `maxTokens`, saying how much was left out. */
export function cap(text: string, maxTokens: number): string {
  if (estimateTextTokens(text) <= maxTokens) return text;
  const keep = Math.max(200, maxTokens * 3); // characters: a little under four per token leaves room for escapes
  const head = text.slice(0, Math.floor(keep / 2));
  const tail = text.slice(text.length - Math.floor(keep / 2));
  return `${head}\n[… ${text.length - head.length - tail.length} characters left out …]\n${tail}`;
}
