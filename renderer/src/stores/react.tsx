/** React access to the window's stores: one provider at the root, one hook per store. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AgentState } from './agent-store';
import type { AppState } from './app-store';
import type { ConnectionStoreState } from './connection-store';
import type { Stores } from './index';
import type { ProviderState } from './provider-store';
import type { SettingsState } from './settings-store';
import type { ThreadsState } from './threads-store';
import type { ToastsState } from './toasts-store';
import type { UiState } from './ui-store';
import type { WorkspacesState } from './workspaces-store';

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores() outside <StoresProvider>');
  return stores;
}

export const useApp = <T,>(select: (s: AppState) => T): T => useStore(useStores().app, select);
export const useSettings = <T,>(select: (s: SettingsState) => T): T => useStore(useStores().settings, select);
export const useProvider = <T,>(select: (s: ProviderState) => T): T => useStore(useStores().provider, select);
export const useWorkspaces = <T,>(select: (s: WorkspacesState) => T): T => useStore(useStores().workspaces, select);
export const useThreads = <T,>(select: (s: ThreadsState) => T): T => useStore(useStores().threads, select);
export const useConnection = <T,>(select: (s: ConnectionStoreState) => T): T => useStore(useStores().connection, select);
export const useUi = <T,>(select: (s: UiState) => T): T => useStore(useStores().ui, select);
export const useToasts = <T,>(select: (s: ToastsState) => T): T => useStore(useStores().toasts, select);
export const useAgent = <T,>(select: (s: AgentState) => T): T => useStore(useStores().agent, select);
