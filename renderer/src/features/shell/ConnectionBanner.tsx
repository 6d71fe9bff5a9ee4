/** Tells the user, in web mode, that the page lost (or never had) its connection to the core. */
import { useEffect, useState } from 'react';
import { useConnection } from '../../stores/react';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';

function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export function ConnectionBanner() {
  const state = useConnection((s) => s.state);
  const retryNow = useConnection((s) => s.retryNow);
  const seconds = useSecondsUntil(state.retryAt);
  if (state.status === 'open' || state.status === 'closed') return null;

  if (state.status === 'connecting') {
    return (
      <div className="connection-banner is-quiet" role="status">
        <span className="spinner" aria-hidden="true" />
        Connecting to Tandem…
      </div>
    );
  }
  const when = state.retryAt === null ? 'now' : seconds && seconds > 0 ? `in ${seconds} s` : 'now';
  return (
    <div className="connection-banner" role="alert">
      <Icon name="wifiOff" size={15} />
      {state.everConnected ? (
        <span>
          <strong>Disconnected from Tandem</strong> — reconnecting {when}. Anything you do meanwhile is not saved.
        </span>
      ) : (
        <span>
          <strong>Can’t reach Tandem.</strong> Check that <code>tandem serve</code> is running and open the address it printed (it carries the access
          token). Retrying {when}.
        </span>
      )}
      <Button size="sm" variant="secondary" onClick={retryNow} disabled={state.retryAt === null}>
        Retry now
      </Button>
    </div>
  );
}
