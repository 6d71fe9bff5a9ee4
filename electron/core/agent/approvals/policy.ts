/*
 * The approval policy for commands: run it (and where: in the sandbox or outside), ask the user, or
 * refuse. Pure; the turn loop asks this before every command and the broker only when it says prompt.
 *
 * In order:
 *  1. A forbid rule: refused, whatever the policy, approval or model says.
 *  2. A prompt rule: ask (`never` cannot ask, so refused).
 *  3. The model asks to leave the sandbox: ask, unless the user's own rules allow the command
 *     (`never`: refused — the command must work inside the sandbox).
 *  4. No sandbox can be enforced on this host (and full access was not chosen): ask before every
 *     command, unless the user's own rules allow it (`never`: refused).
 *  5. `untrusted`: known-safe read-only commands and rule-allowed ones run; everything else asks.
 *  6. Otherwise it runs, in the sandbox (or without one under full access).
 */
import type { ApprovalPolicy, SandboxMode } from '../../../../shared/contract/agent';
import { analyzeCommand } from './command-analysis';
import { matchRules, type CommandRule } from './rules';
import { isKnownSafeAnalysis } from './safe-commands';

export type { ApprovalPolicy };
export type PolicyDecision = 'allow' | 'prompt' | 'forbid';

export interface CommandEvaluationInput {
  /** An argv, or a shell script. */
  command: readonly string[] | string;
  policy: ApprovalPolicy;
  sandboxMode: SandboxMode;
  /** Whether the sandbox holds on this host (`plan.enforced`, or `capabilities.unavailableReason === null`). */
  sandboxEnforced: boolean;
  /** Why it does not, for the approval card (`capabilities.unavailableReason`). */
  sandboxUnavailableReason?: string | null;
  /** User and repository rules, merged (rules.ts). */
  rules: readonly CommandRule[];
  /** The model asks to run the command outside the sandbox. */
  requestedEscalation?: boolean;
  /** The model's one-line reason for asking. */
  justification?: string | null;
}

export interface CommandEvaluation {
  decision: PolicyDecision;
  /** For the approval card, or for the model when refused. */
  reason: string;
  matchedRule?: CommandRule;
  /** Where the command runs once allowed or approved: true inside the sandbox, false outside (unconfined). */
  sandboxed: boolean;
}

export function evaluateCommand(input: CommandEvaluationInput): CommandEvaluation {
  const analysis = analyzeCommand(input.command);
  if (analysis.commands.length === 0) return { decision: 'forbid', reason: 'There is no command to run.', sandboxed: true };

  const match = matchRules(input.rules, analysis);
  const fullAccess = input.sandboxMode === 'danger-full-access';
  const escalate = Boolean(input.requestedEscalation) && !fullAccess;
  const confined = !fullAccess && !escalate && input.sandboxEnforced;
  const never = input.policy === 'never';
  const quoted = `\`${shorten(analysis.display)}\``;

  if (match.forbid) {
    return { decision: 'forbid', reason: `${quoted} is forbidden by a rule${ruleReason(match.forbid)}; it was not run.`, matchedRule: match.forbid, sandboxed: confined };
  }

  if (match.prompt) {
    if (never) {
      return {
        decision: 'forbid',
        reason: `A rule asks for approval before ${quoted}${ruleReason(match.prompt)}, and the approval policy is "never": it was not run.`,
        matchedRule: match.prompt,
        sandboxed: confined,
      };
    }
    return { decision: 'prompt', reason: `A rule asks for approval before ${quoted}${ruleReason(match.prompt)}.`, matchedRule: match.prompt, sandboxed: confined };
  }

  if (escalate) {
    if (never) {
      return {
        decision: 'forbid',
        reason: 'The approval policy is "never", so no command can run outside the sandbox; it was not run. Do the work inside the sandbox.',
        sandboxed: false,
      };
    }
    if (match.allowed?.byUserRules) return { decision: 'allow', reason: `${quoted} is allowed by your rule to run outside the sandbox.`, matchedRule: match.allowed.rule, sandboxed: false };
    const why = input.justification?.trim() ? `: ${input.justification.trim()}` : '.';
    return { decision: 'prompt', reason: `The model asks to run ${quoted} outside the sandbox${why}`, sandboxed: false };
  }

  if (!fullAccess && !input.sandboxEnforced) {
    const unavailable = input.sandboxUnavailableReason?.trim() || 'No sandbox can be enforced on this system.';
    if (match.allowed?.byUserRules) return { decision: 'allow', reason: `${quoted} is allowed by your rule (no sandbox here).`, matchedRule: match.allowed.rule, sandboxed: false };
    if (never) {
      return {
        decision: 'forbid',
        reason: `${unavailable} With the approval policy "never" nothing can be asked, so commands are not run; choose full access to run them unconfined.`,
        sandboxed: false,
      };
    }
    return { decision: 'prompt', reason: `${unavailable} Every command needs approval.`, sandboxed: false };
  }

  if (input.policy === 'untrusted') {
    if (isKnownSafeAnalysis(analysis)) return { decision: 'allow', reason: `${quoted} only reads.`, sandboxed: confined };
    // A repository's allow rule counts only inside an enforced sandbox.
    if (match.allowed && (match.allowed.byUserRules || confined)) {
      return { decision: 'allow', reason: `${quoted} is allowed by a rule.`, matchedRule: match.allowed.rule, sandboxed: confined };
    }
    const details = analysis.problems.length > 0 ? ` (it has ${analysis.problems.join(', ')})` : '';
    return { decision: 'prompt', reason: `${quoted} is not a known read-only command${details}, and the approval policy is "untrusted".`, sandboxed: confined };
  }

  return { decision: 'allow', reason: fullAccess ? 'Full access: no sandbox.' : 'Runs in the sandbox.', sandboxed: confined };
}

function ruleReason(rule: CommandRule): string {
  const from = rule.source === 'user' ? 'your rules' : 'the repository rules';
  return rule.reason ? ` (${from}: ${rule.reason})` : ` (${from})`;
}

function shorten(text: string, max = 200): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
