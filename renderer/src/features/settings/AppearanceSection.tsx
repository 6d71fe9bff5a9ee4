/** Settings → Appearance: theme and the code/terminal font size, applied as you change them. */
import { useSettings } from '../../stores/react';
import { IconButton } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Segmented } from '../../ui/Segmented';
import type { FrameActions } from '../shell/frame-actions';

export function AppearanceSection({ actions }: { actions: FrameActions }) {
  const settings = useSettings((s) => s.settings);
  if (!settings) return <p className="muted">Loading…</p>;
  return (
    <div className="settings-form">
      <Field label="Theme" hint="“System” follows your desktop’s light or dark setting as it changes.">
        {({ id, describedBy }) => (
          <Segmented
            id={id}
            describedBy={describedBy}
            label="Theme"
            value={settings.theme}
            onChange={(theme) => void actions.setTheme(theme)}
            options={[
              { value: 'system', label: 'System', icon: 'monitor' },
              { value: 'light', label: 'Light', icon: 'sun' },
              { value: 'dark', label: 'Dark', icon: 'moon' },
            ]}
          />
        )}
      </Field>
      <Field label="Code and terminal font size" hint="Used by terminals, diffs and code blocks.">
        {({ id, describedBy }) => (
          <div className="stepper">
            <IconButton icon="minus" label="Smaller" disabled={settings.fontSize <= 8} onClick={() => void actions.changeFontSize(-1)} />
            <input
              id={id}
              className="input stepper-value"
              type="number"
              min={8}
              max={32}
              value={settings.fontSize}
              aria-describedby={describedBy}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 8 && n <= 32) void actions.updateSettings({ fontSize: n });
              }}
            />
            <span className="stepper-unit">px</span>
            <IconButton icon="plus" label="Larger" disabled={settings.fontSize >= 32} onClick={() => void actions.changeFontSize(1)} />
            <span className="font-preview mono">const answer = 42;</span>
          </div>
        )}
      </Field>
    </div>
  );
}
