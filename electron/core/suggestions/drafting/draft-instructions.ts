/**
 * The message that starts a background draft: what failed, exactly as Tandem saw it (the failing names
 * with file:line, the evidence line, the end of the output), and what to do — explain, make the smallest
 * fix, rerun the failing check. Pure.
 */
import type { FixSuggestion } from '../drafting';

export function draftInstructions(suggestion: FixSuggestion, cwd: string): string {
  const { action } = suggestion;
  const lines: string[] = [
    `Tandem noticed a failing check and is preparing a fix in the background, in a separate git worktree (${cwd}) that holds a copy of the user's working tree. The user keeps working meanwhile and will review your change later.`,
    '',
    `What failed: ${suggestion.title}`,
    `Evidence: ${suggestion.why}`,
  ];
  if (action.command) lines.push(`Command: \`${action.command}\` (run it from ${cwd})`);
  if (action.locations.length > 0) {
    lines.push('', 'Failures:');
    for (const l of action.locations) lines.push(`- ${l.file}:${l.line}${l.column ? `:${l.column}` : ''}${l.name ? ` — ${l.name}` : ''}`);
  }
  if (action.outputTail) lines.push('', 'End of the output:', '```', action.outputTail, '```');
  lines.push(
    '',
    'Do this:',
    '1. Find the cause of the failure.',
    '2. Make the smallest change that fixes it. Fix the code under test, not the test, unless the test itself is wrong.',
    action.command ? `3. Run \`${action.command}\` again to check the fix.` : '3. Run the check that failed again to verify the fix.',
    '4. End with a short explanation: what was wrong, what you changed, and whether the check passes now.',
    '',
    'Nobody can approve anything while you work: a command that needs more than the sandbox allows (the network, files outside this worktree) will fail. Work within it, or say what you could not do.',
  );
  return lines.join('\n');
}
