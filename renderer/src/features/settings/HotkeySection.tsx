/**
 * Settings → Global hotkey. In the desktop app: the shortcut, whether the system accepted it (and if not,
 * why and what to do), and a recorder to change it. In a browser: why there is no global hotkey and the
 * in-page shortcut that replaces it.
 */
import { useState, type KeyboardEvent } from 'react';
import { Accelerator } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useApp, useStores } from '../../stores/react';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { Kbd } from '../../ui/Kbd';
import { acceleratorToShortcut } from '../commands/keymap';
import { isMac } from '../commands/platform';
import { SHORTCUTS } from '../shell/use-frame-commands';
import { acceleratorFromKey } from './accelerator';

export function HotkeySection() {
  const hotkey = useApp((s) => s.hotkey);
  if (!hotkey) return <p className="muted">Loading…</p>;

  if (!hotkey.supported) {
    return (
      <div className="settings-form">
        <div className="callout">
          <Icon name="info" size={15} />
          <div className="callout-body">
            <span className="callout-title">No global hotkey in a browser</span>
            <span>{hotkey.error ?? 'A browser page cannot register a system-wide hotkey.'}</span>
          </div>
        </div>
        <div className="settings-row">
          <div className="settings-row-text">
            <span className="settings-row-title">Quick ask in this page</span>
            <span className="settings-row-hint">{hotkey.hint ?? 'The desktop app registers the hotkey for the whole desktop.'}</span>
          </div>
          <Kbd shortcut={SHORTCUTS.quickAsk} />
        </div>
      </div>
    );
  }
  return <HotkeyEditor />;
}

function HotkeyEditor() {
  const stores = useStores();
  const hotkey = useApp((s) => s.hotkey);
  const [recorded, setRecorded] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!hotkey) return null;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Tab') return;
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) {
      setRecorded(null);
      setMessage(null);
      e.currentTarget.blur();
      return;
    }
    const result = acceleratorFromKey(e, isMac);
    if ('accelerator' in result) {
      setRecorded(result.accelerator);
      setMessage(null);
    } else if ('error' in result) {
      setMessage(result.error);
    }
  };

  const save = async () => {
    if (!recorded) return;
    const check = Accelerator.safeParse(recorded);
    if (!check.success) {
      setMessage(check.error.issues[0]?.message ?? 'That shortcut can’t be used');
      return;
    }
    setBusy(true);
    try {
      const status = await stores.app.getState().setHotkey(recorded);
      if (status.registered) setRecorded(null);
      setMessage(null);
    } catch (err) {
      setMessage(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="settings-form">
      <div className="settings-row">
        <div className="settings-row-text">
          <span className="settings-row-title">Quick ask, from anywhere</span>
          <span className="settings-row-hint">Opens Tandem’s quick-ask window over whatever you are doing, with your context attached.</span>
        </div>
        <Kbd shortcut={acceleratorToShortcut(hotkey.accelerator)} />
      </div>
      {hotkey.registered ? (
        <div className="callout callout-success" role="status">
          <Icon name="check" size={15} />
          <div className="callout-body">The hotkey is registered and works in every app.</div>
        </div>
      ) : (
        <div className="callout callout-warning" role="status">
          <Icon name="alert" size={15} />
          <div className="callout-body">
            <span className="callout-title">The hotkey is not registered</span>
            {hotkey.error && <span>{hotkey.error}</span>}
            {hotkey.hint && <span>{hotkey.hint}</span>}
          </div>
        </div>
      )}
      <Field label="Change the hotkey" error={message} hint="Click the field, then press the new combination. Esc cancels.">
        {({ id, describedBy, invalid }) => (
          <div className="input-row">
            <input
              id={id}
              className="input hotkey-recorder"
              readOnly
              value={recorded ?? ''}
              placeholder="Press keys…"
              onKeyDown={onKeyDown}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
            <Button variant="primary" disabled={!recorded} busy={busy} onClick={() => void save()}>
              Use this hotkey
            </Button>
          </div>
        )}
      </Field>
    </div>
  );
}
