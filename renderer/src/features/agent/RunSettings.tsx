/**
 * How the next turn runs: the sandbox mode and the approval policy, chosen in the composer's footer.
 * A choice is kept per thread while the window lives; otherwise the last turn's settings (which the
 * core keeps as the thread's defaults) or the defaults, workspace-write + on-request.
 */
import type { ApprovalPolicy, SandboxMode } from '../../../../shared/contract';
import { Icon } from '../../ui/Icon';
import type { ThreadStream } from './agent-stream';

export interface RunSettingsValue {
  sandbox: SandboxMode;
  approvalPolicy: ApprovalPolicy;
}

export const DEFAULT_RUN_SETTINGS: RunSettingsValue = { sandbox: 'workspace-write', approvalPolicy: 'on-request' };

const chosen = new Map<string, RunSettingsValue>();

export function runSettingsFor(threadId: string, stream: ThreadStream, next?: RunSettingsValue): RunSettingsValue {
  if (next) chosen.set(threadId, next);
  const choice = chosen.get(threadId);
  if (choice) return choice;
  const turns = Object.values(stream.turns).sort((a, b) => a.turn.startedAt - b.turn.startedAt);
  const last = turns.at(-1)?.turn;
  return last ? { sandbox: last.sandbox, approvalPolicy: last.approvalPolicy } : DEFAULT_RUN_SETTINGS;
}

const SANDBOX_LABEL: Record<SandboxMode, string> = {
  'read-only': 'Read only',
  'workspace-write': 'Workspace write',
  'danger-full-access': 'Full access',
};

const SANDBOX_HELP: Record<SandboxMode, string> = {
  'read-only': 'Commands can read files but write nothing',
  'workspace-write': 'Commands can write inside the folder (and a temp folder); no network',
  'danger-full-access': 'Commands run without a sandbox: they can write anywhere and use the network',
};

const POLICY_LABEL: Record<ApprovalPolicy, string> = {
  untrusted: 'Ask for everything',
  'on-request': 'Ask when needed',
  never: 'Never ask',
};

const POLICY_HELP: Record<ApprovalPolicy, string> = {
  untrusted: 'Only known-safe read-only commands run without asking',
  'on-request': 'Tandem asks before leaving the sandbox',
  never: 'Nothing is asked; what would need approval is refused',
};

export function RunSettings({ value, disabled, onChange }: { value: RunSettingsValue; disabled: boolean; onChange(next: RunSettingsValue): void }) {
  return (
    <>
      <label className={`composer-select ${value.sandbox === 'danger-full-access' ? 'is-danger' : ''}`} title={`Sandbox: ${SANDBOX_HELP[value.sandbox]}`}>
        <Icon name="cube" size={12} />
        <select
          aria-label="Sandbox"
          value={value.sandbox}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, sandbox: e.target.value as SandboxMode })}
        >
          {(Object.keys(SANDBOX_LABEL) as SandboxMode[]).map((m) => (
            <option key={m} value={m}>
              {SANDBOX_LABEL[m]}
            </option>
          ))}
        </select>
      </label>
      <label className="composer-select" title={`Approvals: ${POLICY_HELP[value.approvalPolicy]}`}>
        <Icon name="check" size={12} />
        <select
          aria-label="Approval policy"
          value={value.approvalPolicy}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, approvalPolicy: e.target.value as ApprovalPolicy })}
        >
          {(Object.keys(POLICY_LABEL) as ApprovalPolicy[]).map((p) => (
            <option key={p} value={p}>
              {POLICY_LABEL[p]}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
