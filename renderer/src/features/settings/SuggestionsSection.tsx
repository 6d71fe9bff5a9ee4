/**
 * Settings → Suggestions: the global pause (also in the tray menu and the status bar), and background
 * drafting — off until the user turns it on — with its daily token cap and what today has used.
 */
import { useEffect, useState } from 'react';
import type { DraftingSettings } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useApp, useStores } from '../../stores/react';
import { Switch } from '../../ui/Switch';
import type { FrameActions } from '../shell/frame-actions';

export function SuggestionsSection({ actions }: { actions: FrameActions }) {
  const paused = useApp((s) => s.paused);
  return (
    <div className="settings-form">
      <div className="settings-row">
        <div className="settings-row-text">
          <label className="settings-row-title" htmlFor="pause-suggestions">
            Pause suggestions
          </label>
          <span className="settings-row-hint" id="pause-suggestions-hint">
            Stops everything Tandem does unasked — noticing moments to help and surfacing them — until you resume. Quick ask and threads keep working.
          </span>
        </div>
        <Switch id="pause-suggestions" describedBy="pause-suggestions-hint" checked={paused} onChange={(p) => void actions.setPaused(p)} />
      </div>
      <DraftingRows />
    </div>
  );
}

const numberFormat = new Intl.NumberFormat('en-US');

function DraftingRows() {
  const { client } = useStores();
  const [settings, setSettings] = useState<DraftingSettings | null>(null);
  const [cap, setCap] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client
      .invoke('suggestions.drafting.get', {})
      .then((s) => {
        if (!live) return;
        setSettings(s);
        setCap(String(s.dailyTokenCap));
      })
      .catch((err: unknown) => live && setError(describeError(err)));
    const off = client.on('suggestions.drafting', (s) => setSettings(s));
    return () => {
      live = false;
      off();
    };
  }, [client]);

  const update = async (patch: { enabled?: boolean; dailyTokenCap?: number }) => {
    try {
      const next = await client.invoke('suggestions.drafting.set', patch);
      setSettings(next);
      setCap(String(next.dailyTokenCap));
      setError(null);
    } catch (err) {
      setError(describeError(err));
    }
  };

  const saveCap = () => {
    const n = Number(cap.replace(/[\s,_]/g, ''));
    if (!settings || n === settings.dailyTokenCap) return;
    if (!Number.isInteger(n)) return setError('Enter a whole number of tokens.');
    void update({ dailyTokenCap: n });
  };

  const used = settings ? Math.min(1, settings.usedToday / settings.dailyTokenCap) : 0;
  return (
    <>
      <div className="settings-row">
        <div className="settings-row-text">
          <label className="settings-row-title" htmlFor="draft-fixes">
            Draft fixes in the background
          </label>
          <span className="settings-row-hint" id="draft-fixes-hint">
            When a test or build fails with a clear place to start, an agent prepares a fix in its own worktree — sandboxed, never touching your checkout — and reruns the failing check.
            The card then says “Fix ready: +12 −3, tests pass”.
            {settings && !settings.modelConfigured && ' Needs a model (Settings → Model).'}
          </span>
        </div>
        <Switch id="draft-fixes" describedBy="draft-fixes-hint" checked={settings?.enabled ?? false} disabled={!settings} onChange={(on) => void update({ enabled: on })} />
      </div>
      <div className="settings-row">
        <div className="settings-row-text">
          <label className="settings-row-title" htmlFor="draft-cap">
            Daily token budget for drafts
          </label>
          <span className="settings-row-hint" id="draft-cap-hint">
            {settings
              ? `Today: ${numberFormat.format(settings.usedToday)} of ${numberFormat.format(settings.dailyTokenCap)} tokens used. A draft stops when the budget runs out; it starts again tomorrow.`
              : 'Loading…'}
          </span>
          {settings && (
            <div className="draft-budget-meter" role="meter" aria-label="Tokens used today" aria-valuemin={0} aria-valuemax={settings.dailyTokenCap} aria-valuenow={settings.usedToday}>
              <span style={{ width: `${Math.round(used * 100)}%` }} />
            </div>
          )}
          {error && <span className="settings-row-hint is-error" role="alert">{error}</span>}
        </div>
        <input
          id="draft-cap"
          className="input draft-cap-input"
          inputMode="numeric"
          aria-describedby="draft-cap-hint"
          disabled={!settings}
          value={cap}
          onChange={(e) => setCap(e.target.value)}
          onBlur={saveCap}
          onKeyDown={(e) => {
            if (e.key === 'Enter') saveCap();
          }}
        />
      </div>
    </>
  );
}
