/** Settings → Suggestions: the global pause (also in the tray menu and the status bar). */
import { useApp } from '../../stores/react';
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
    </div>
  );
}
