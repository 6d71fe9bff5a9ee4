/**
 * The terminals feature of this window, made once per client and kept for the window's life: the
 * panel can be hidden and shown again without its terminals restarting or re-fetching.
 */
import type { TandemClient } from '../../api/client';
import { useStores } from '../../stores/react';
import { createTerminalsFeature, type TerminalsFeature } from './terminals-store';

const features = new WeakMap<TandemClient, TerminalsFeature>();

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function terminalsFeatureFor(client: TandemClient): TerminalsFeature {
  let feature = features.get(client);
  if (!feature) {
    const created = createTerminalsFeature(client, sessionStorageOrNull());
    // A reload keeps each terminal's exact screen (serialize addon); the core's snapshot fills in after it.
    window.addEventListener('pagehide', () => created.saveViews());
    features.set(client, created);
    feature = created;
  }
  return feature;
}

export function useTerminalsFeature(): TerminalsFeature {
  return terminalsFeatureFor(useStores().client);
}
