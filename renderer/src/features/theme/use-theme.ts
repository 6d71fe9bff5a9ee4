/**
 * Applies the theme and code font size from Settings to the page. "system" removes the override, so
 * CSS follows prefers-color-scheme by itself (tokens.css uses light-dark()).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { Theme } from '../../../../shared/contract';
import { useSettings } from '../../stores/react';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function subscribeSystem(onChange: () => void): () => void {
  const q = darkQuery();
  q.addEventListener('change', onChange);
  return () => q.removeEventListener('change', onChange);
}

/** The system's current preference, live. */
export function useSystemPrefersDark(): boolean {
  return useSyncExternalStore(subscribeSystem, () => darkQuery().matches);
}

export function resolveTheme(theme: Theme, systemDark: boolean): 'light' | 'dark' {
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

/** The theme the user sees right now. */
export function useResolvedTheme(): 'light' | 'dark' {
  const theme = useSettings((s) => s.settings?.theme ?? 'system');
  return resolveTheme(theme, useSystemPrefersDark());
}

export function useApplyTheme(): void {
  const theme = useSettings((s) => s.settings?.theme);
  const fontSize = useSettings((s) => s.settings?.fontSize);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
    else delete root.dataset.theme;
  }, [theme]);
  useEffect(() => {
    if (fontSize) document.documentElement.style.setProperty('--font-size-code', `${fontSize}px`);
  }, [fontSize]);
}
