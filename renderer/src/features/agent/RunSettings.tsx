/**
 * How the thread's turns run: the sandbox mode, the approval policy and the model, chosen in the
 * composer's footer. The values are the thread's stored settings (`agent.threadSettings.get`); a change
 * is stored at once (`turn.update`) and, while a turn runs, applies from its next step.
 */
import { useEffect, useState } from 'react';
import type { ApprovalPolicy, SandboxMode } from '../../../../shared/contract';
import { Icon } from '../../ui/Icon';

export interface RunSettingsValue {
  sandbox: SandboxMode;
  approvalPolicy: ApprovalPolicy;
  model: string;
}

export type RunSettingsChange = Partial<RunSettingsValue>;

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

export function RunSettings({ value, disabled, models, onChange }: { value: RunSettingsValue; disabled: boolean; models: readonly string[]; onChange(change: RunSettingsChange): void }) {
  return (
    <>
      <ModelField value={value.model} disabled={disabled} models={models} onChange={(model) => onChange({ model })} />
      <label className={`composer-select ${value.sandbox === 'danger-full-access' ? 'is-danger' : ''}`} title={`Sandbox: ${SANDBOX_HELP[value.sandbox]}`}>
        <Icon name="cube" size={12} />
        <select aria-label="Sandbox" value={value.sandbox} disabled={disabled} onChange={(e) => onChange({ sandbox: e.target.value as SandboxMode })}>
          {(Object.keys(SANDBOX_LABEL) as SandboxMode[]).map((m) => (
            <option key={m} value={m}>
              {SANDBOX_LABEL[m]}
            </option>
          ))}
        </select>
      </label>
      <label className="composer-select" title={`Approvals: ${POLICY_HELP[value.approvalPolicy]}`}>
        <Icon name="check" size={12} />
        <select aria-label="Approval policy" value={value.approvalPolicy} disabled={disabled} onChange={(e) => onChange({ approvalPolicy: e.target.value as ApprovalPolicy })}>
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

/** The model by name (any the server knows), with the ones already in use offered; applied on Enter or leaving the field. */
function ModelField({ value, disabled, models, onChange }: { value: string; disabled: boolean; models: readonly string[]; onChange(model: string): void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const apply = () => {
    const model = draft.trim();
    if (!model) setDraft(value);
    else if (model !== value) onChange(model);
  };
  return (
    <label className="composer-select composer-model" title="Model for this thread (applies from the next model call)">
      <Icon name="sparkle" size={12} />
      <input
        aria-label="Model"
        list="run-settings-models"
        value={draft}
        disabled={disabled}
        size={Math.max(6, Math.min(draft.length, 18))}
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          } else if (e.key === 'Escape') {
            setDraft(value);
          }
        }}
      />
      <datalist id="run-settings-models">
        {[...new Set(models)].map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
    </label>
  );
}

/** The words a settings change is shown with ("read-only · never ask · gpt-5"). */
export function describeSettingsChange(change: { sandbox: SandboxMode | null; approvalPolicy: ApprovalPolicy | null; model: string | null }): string {
  const parts = [change.sandbox && SANDBOX_LABEL[change.sandbox].toLowerCase(), change.approvalPolicy && POLICY_LABEL[change.approvalPolicy].toLowerCase(), change.model];
  return parts.filter(Boolean).join(' · ');
}
