/**
 * "Plan first" in the composer's footer: when on, the next message asks Tandem for a plan (a read-only
 * turn that proposes a checklist with a check per step) instead of starting the work.
 */
import { Icon } from '../../ui/Icon';
import './plans.css';

export const PLAN_FIRST_PLACEHOLDER = 'Describe the task — Tandem looks around and proposes a plan, each step with a check…';

export function PlanFirstToggle({ on, disabled, onChange }: { on: boolean; disabled: boolean; onChange(on: boolean): void }) {
  return (
    <button
      type="button"
      className={on ? 'composer-chip plan-first-toggle is-on' : 'composer-chip plan-first-toggle'}
      aria-pressed={on}
      aria-label="Plan first"
      disabled={disabled}
      onClick={() => onChange(!on)}
      title="Ask for a plan first: a checklist you can edit, each step with the command that proves it, then run"
    >
      <Icon name="list" size={13} />
      Plan
    </button>
  );
}
