/**
 * How chips are written into a model request. One function, used by everything that sends context
 * (quick ask, the agent's get_context tool), so the ledger's record of a chip's text is exactly the
 * text that was sent.
 */
import type { ContextChip } from '../../../shared/contract';

/** Chips that carry something to send (error chips carry nothing). */
export function sendableChips(chips: readonly ContextChip[]): ContextChip[] {
  return chips.filter((c) => !c.error && (c.text.length > 0 || c.image));
}

/**
 * The context block of a prompt. Each chip becomes a fenced section so its text cannot be mistaken
 * for instructions; fences are lengthened when the text itself contains backticks.
 */
export function contextForModel(chips: readonly ContextChip[]): string {
  const parts = sendableChips(chips).map((c) => {
    const longest = Math.max(2, ...[...c.text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longest + 1);
    return `### ${c.label} (${c.kind})\n${fence}\n${c.text}\n${fence}`;
  });
  if (parts.length === 0) return '';
  return `Context from the user's screen, collected by Tandem (secrets replaced by [redacted:…] placeholders):\n\n${parts.join('\n\n')}`;
}
