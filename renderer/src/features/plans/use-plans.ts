/** The plans feature of this window, made once per client and kept for the window's life. */
import { useStore } from 'zustand';
import type { TandemClient } from '../../api/client';
import { useStores } from '../../stores/react';
import { createPlansFeature, type PlansFeature, type PlansState } from './plans-store';

const features = new WeakMap<TandemClient, PlansFeature>();

export function plansFeatureFor(client: TandemClient): PlansFeature {
  let feature = features.get(client);
  if (!feature) {
    feature = createPlansFeature(client);
    features.set(client, feature);
  }
  return feature;
}

export function usePlans<T>(select: (s: PlansState) => T): T {
  return useStore(plansFeatureFor(useStores().client).store, select);
}
