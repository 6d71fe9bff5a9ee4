/** A quiet line where the user changed a running turn's autonomy or model ("Autonomy changed to read only · never ask"). */
import type { SettingsChangeItem } from '../../../../shared/contract';
import { Icon } from '../../ui/Icon';
import { describeSettingsChange } from './RunSettings';

export function SettingsChangeNote({ item }: { item: SettingsChangeItem }) {
  const autonomy = describeSettingsChange({ sandbox: item.sandbox, approvalPolicy: item.approvalPolicy, model: null });
  const text = [autonomy && `Autonomy changed to ${autonomy}`, item.model && `model changed to ${item.model}`].filter(Boolean).join('; ');
  return (
    <p className="agent-note agent-settings-change" aria-label="Settings changed">
      <Icon name="settings" size={13} /> {text.charAt(0).toUpperCase() + text.slice(1)}
    </p>
  );
}
