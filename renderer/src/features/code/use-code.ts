/** React access to the window's code feature. */
import { useStore } from 'zustand';
import { useStores } from '../../stores/react';
import { codeFeatureFor, type CodeFeature, type CodeState } from './code-store';

export function useCodeFeature(): CodeFeature {
  return codeFeatureFor(useStores().client);
}

export function useCode<T>(select: (s: CodeState) => T): T {
  return useStore(useCodeFeature().store, select);
}

/** Copies text; false when the page may not write to the clipboard (an insecure origin). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
