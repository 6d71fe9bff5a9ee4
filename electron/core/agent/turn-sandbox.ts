/**
 * Binds the sandbox and approvals modules to one turn: its writable roots (the workspace, with `.git` and
 * `.tandem` kept read-only) and the thread's private temp dir, the user's and the repository's rules,
 * the approval policy, and where commands run (a visible terminal, or a plain child process). The tools
 * see only the small interfaces in tools/permissions.ts.
 */
import {
  evaluateCommand,
  evaluatePatch,
  loadRules,
  patchWritePermission,
  suggestRulePrefix,
  userRulesPath,
  type ApprovalBroker,
} from './approvals';
import { describeWritableRoots, ensureThreadTempDir, planSandboxedCommand, type SandboxCapabilities, type WritableRoot } from './sandbox';
import type { PlanRunner } from './execution/plan-runner';
import type { AgentPermissions, ApprovalAnswer, CommandExecutor, CommandVerdict, PatchVerdict, TurnSandbox, TurnSandboxFactory } from './tools/permissions';

export interface TurnSandboxDeps {
  dataDir: string;
  /** What the host can enforce, probed once (see sandbox/probe.ts). */
  capabilities: () => Promise<SandboxCapabilities>;
  runner: PlanRunner;
  /**
   * Where approval questions go. Null when nobody can answer (`tandem exec`): anything that would ask
   * is denied, with `noApproverReason` as the explanation the model and the user read.
   */
  broker: ApprovalBroker | null;
  noApproverReason?: string;
  /** Network inside the sandbox (off unless the user turned it on). */
  network?: boolean;
  env?: NodeJS.ProcessEnv;
}

export const NO_APPROVER_REASON =
  'Nobody can approve this here (no Tandem window is attached), so it was not done. Work inside the sandbox, or ask the user to allow it with a rule or a wider --sandbox.';

export function createTurnSandboxFactory(deps: TurnSandboxDeps): TurnSandboxFactory {
  return async (input): Promise<TurnSandbox> => {
    const capabilities = await deps.capabilities();
    const network = deps.network ?? false;
    const roots: WritableRoot[] = input.sandbox === 'danger-full-access' ? [] : await describeWritableRoots([input.workspaceRoot]);
    const tmpDir = await ensureThreadTempDir(deps.dataDir, input.threadId);
    const sandboxEnforced = capabilities.unavailableReason === null;
    const patchPolicy = { policy: input.approvalPolicy, sandboxMode: input.sandbox, writableRoots: roots, tmpDir };

    const permissions: AgentPermissions = {
      async checkCommand(check): Promise<CommandVerdict> {
        const { rules } = await loadRules({ userRulesFile: userRulesPath(deps.dataDir), workspaceRoots: [input.workspaceRoot] });
        const verdict = evaluateCommand({
          command: check.command,
          policy: check.approvalPolicy,
          sandboxMode: check.sandbox,
          sandboxEnforced,
          sandboxUnavailableReason: capabilities.unavailableReason,
          rules,
          requestedEscalation: check.escalate,
          justification: check.justification,
        });
        const sandbox = verdict.sandboxed ? check.sandbox : 'danger-full-access';
        if (verdict.decision === 'allow') return { kind: 'run', sandbox };
        if (verdict.decision === 'forbid') return { kind: 'forbid', reason: verdict.reason };
        return { kind: 'ask', reason: verdict.reason, sandbox, rulePrefix: suggestRulePrefix(check.command) };
      },
      async checkPatch(patch, cwd): Promise<PatchVerdict> {
        const verdict = await evaluatePatch(patch, cwd, patchPolicy);
        if (verdict.decision === 'allow') return { kind: 'allow' };
        if (verdict.decision === 'forbid') return { kind: 'forbid', reason: verdict.reason, paths: verdict.paths };
        return { kind: 'ask', reason: verdict.reason, paths: verdict.paths };
      },
      patchWriter(approvedPaths) {
        return patchWritePermission({ ...patchPolicy, approvedPaths: new Set(approvedPaths) });
      },
      async ask(request, signal): Promise<ApprovalAnswer> {
        if (!deps.broker) return { decision: 'deny', message: deps.noApproverReason ?? NO_APPROVER_REASON, automatic: true };
        const answer = await deps.broker.request(request, { signal });
        if (answer.cancelled) return { decision: 'cancelled', message: null };
        return { decision: answer.decision, message: answer.message };
      },
    };

    const commands: CommandExecutor = {
      run(run) {
        let plan;
        try {
          plan = planSandboxedCommand({
            command: withoutStdin(run.command),
            cwd: run.cwd,
            mode: run.sandbox,
            writableRoots: roots,
            tmpDir,
            network,
            capabilities,
            env: deps.env,
          });
        } catch (error) {
          return Promise.resolve({ exitCode: null, output: '', timedOut: false, durationMs: 0, terminalId: null, startError: (error as Error).message });
        }
        return deps.runner(plan, run);
      },
    };

    return {
      permissions,
      commands,
      writableRoots: input.sandbox === 'workspace-write' ? [...roots.map(describeRoot), tmpDisplay(capabilities, tmpDir)] : [],
      networkAccess: input.sandbox === 'danger-full-access' || network,
    };
  };
}

/**
 * Commands never read the terminal: stdin is /dev/null, so a command that would prompt fails at once
 * instead of waiting for input nobody will type (the model is told to pass --yes and the like).
 */
function withoutStdin(command: string): string {
  if (process.platform === 'win32') return command;
  return `{ ${command}\n} </dev/null`;
}

function describeRoot(root: WritableRoot): string {
  if (root.readOnlySubpaths.length === 0) return root.root;
  const names = root.readOnlySubpaths.map((p) => (p.startsWith(root.root + '/') ? p.slice(root.root.length + 1) : p));
  return `${root.root} (except ${names.join(', ')}, which stay read-only)`;
}

/** Inside the Linux sandbox the thread's temp dir is mounted as /tmp. */
function tmpDisplay(capabilities: SandboxCapabilities, tmpDir: string): string {
  return capabilities.platform === 'linux' && capabilities.unavailableReason === null ? '/tmp (private to this thread)' : `${tmpDir} (this thread's temp dir, also $TMPDIR)`;
}
