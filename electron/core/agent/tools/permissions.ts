/**
 * The seams between the tools and the parts that decide and enforce: what a command may do (approval
 * policy, the user's rules, the sandbox), asking the user, and running a command. The tools depend only
 * on these interfaces; agent-service.ts wires in the sandbox, approvals and terminals modules.
 */
import type { ApprovalDecision, ApprovalPolicy, ApprovalRequest, SandboxMode } from '../../../../shared/contract';
import type { WritePermission } from '../apply-patch';

/** What may happen with a shell call, decided before it runs. */
export type CommandVerdict =
  /** Run it now, in this sandbox. */
  | { kind: 'run'; sandbox: SandboxMode }
  /** Ask the user first; if approved, run it in `sandbox`. */
  | { kind: 'ask'; reason: string; sandbox: SandboxMode; rulePrefix: string[] | null }
  /** Never run it (a forbid rule, or approval needed where nobody can approve). */
  | { kind: 'forbid'; reason: string };

export interface CommandCheck {
  threadId: string;
  command: string;
  cwd: string;
  sandbox: SandboxMode;
  approvalPolicy: ApprovalPolicy;
  /** The model asked to run outside the sandbox, and why. */
  escalate: boolean;
  justification: string | null;
}

/** What may happen with a patch, decided before anything is written. */
export type PatchVerdict =
  | { kind: 'allow' }
  /** Paths outside the writable folders: ask first. */
  | { kind: 'ask'; reason: string; paths: string[] }
  | { kind: 'forbid'; reason: string; paths: string[] };

/** What the user answered, or what stood in for an answer (the turn was interrupted first). */
export interface ApprovalAnswer {
  decision: ApprovalDecision | 'cancelled';
  /** The user's message to the model, with a denial. */
  message: string | null;
  /** Nobody was asked (no UI can answer, as in `tandem exec`): `message` says why it was denied. */
  automatic?: boolean;
}

export type ApprovalAsk = Omit<ApprovalRequest, 'requestId' | 'requestedAt'> & {
  /** A command approval for running outside the sandbox (remembered apart from sandboxed runs). */
  escalated?: boolean;
};

export interface AgentPermissions {
  checkCommand(check: CommandCheck): Promise<CommandVerdict>;
  checkPatch(patch: string, cwd: string): Promise<PatchVerdict>;
  /**
   * The write check applyPatch makes again at write time (paths are re-resolved then), with the paths
   * the user just approved allowed.
   */
  patchWriter(approvedPaths: readonly string[]): (absPath: string) => WritePermission | Promise<WritePermission>;
  /** Asks the user (or answers from what they approved before); `cancelled` when the signal aborts first. */
  ask(request: ApprovalAsk, signal: AbortSignal): Promise<ApprovalAnswer>;
}

/** Asks the user about one call, the thread showing "waiting for approval" until they answer. */
export async function askWhileWaiting(
  ctx: { permissions: AgentPermissions; signal: AbortSignal; setWaitingForApproval(waiting: boolean): void },
  request: ApprovalAsk,
): Promise<ApprovalAnswer> {
  ctx.setWaitingForApproval(true);
  try {
    return await ctx.permissions.ask(request, ctx.signal);
  } finally {
    ctx.setWaitingForApproval(false);
  }
}

/**
 * Why a denied call did not run, as the model reads it: the reason nobody could approve it, or the
 * user's own words. `subject` names the call ("this command"), `declined` what the user did
 * ("declined to run this command").
 */
export function denialReason(answer: ApprovalAnswer, subject: string, declined: string): string {
  if (answer.automatic) return answer.message ?? `Nobody could approve ${subject}.`;
  return answer.message ? `The user ${declined}: ${answer.message}` : `The user ${declined}.`;
}

export interface CommandRun {
  /** One bash command line. */
  command: string;
  cwd: string;
  sandbox: SandboxMode;
  timeoutMs: number;
  signal: AbortSignal;
  /** Shown on the agent terminal's tab. */
  label: string;
  /** Plain-text output as it arrives (for the live view). */
  onOutput(text: string): void;
  /** The terminal the command runs in, as soon as it exists. */
  onTerminal?(terminalId: string): void;
}

export interface CommandResult {
  /** null when the command was killed by a signal (a timeout, an interrupt) or never started. */
  exitCode: number | null;
  /** stdout + stderr as plain text, head and tail kept. */
  output: string;
  timedOut: boolean;
  durationMs: number;
  terminalId: string | null;
  /** Set when the command could not be started at all (the sandbox is missing, bad cwd). */
  startError: string | null;
}

export interface CommandExecutor {
  run(run: CommandRun): Promise<CommandResult>;
}

/**
 * What one turn runs under: its permissions and command runner, bound to the turn's writable roots, and
 * the facts the environment block tells the model.
 */
export interface TurnSandbox {
  permissions: AgentPermissions;
  commands: CommandExecutor;
  /** Folders commands may write in workspace-write mode (the workspace, the thread's temp dir). */
  writableRoots: string[];
  networkAccess: boolean;
}

export interface TurnSandboxInput {
  threadId: string;
  cwd: string;
  /** The workspace root the thread belongs to (the cwd when it has none). */
  workspaceRoot: string;
  sandbox: SandboxMode;
  approvalPolicy: ApprovalPolicy;
}

export type TurnSandboxFactory = (input: TurnSandboxInput) => Promise<TurnSandbox>;

/** The approval requests waiting on the user, across threads; `approval.respond` answers them here. */
export interface ApprovalDesk {
  pending(threadId?: string): ApprovalRequest[];
  /** False when no such request is waiting (answered already, or its turn ended). */
  respond(requestId: string, decision: ApprovalDecision, message?: string): boolean | Promise<boolean>;
}
