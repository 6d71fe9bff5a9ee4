/** Lets a component take keyboard focus when a command asks for it (see UiState.focusRequest). */
import { useEffect, useRef } from 'react';
import { useStores, useUi } from '../../stores/react';
import type { FocusTarget } from '../../stores/ui-store';

/** A request nobody took within this time is stale (its target was never shown) and is ignored. */
const REQUEST_TTL_MS = 1500;

export function useFocusRequest(targets: readonly FocusTarget[], focus: () => void, enabled = true): void {
  const { ui } = useStores();
  const request = useUi((s) => s.focusRequest);
  const latest = useRef({ targets, focus });
  latest.current = { targets, focus };
  useEffect(() => {
    if (!enabled || !request || !latest.current.targets.includes(request.target)) return;
    if (Date.now() - request.at > REQUEST_TTL_MS) return;
    ui.getState().consumeFocus(request.seq);
    latest.current.focus();
  }, [request, enabled, ui]);
}
