/** Starts a window: the client, its stores, and the React root. Shared by the three pages. */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../api/browser';
import { createStores, type CreateStoresOptions, type Stores } from '../stores';
import { StoresProvider } from '../stores/react';
import '../styles/tokens.css';
import '../styles/base.css';
import '../ui/ui.css';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // Storage can be disabled; the layout then simply does not persist.
  }
}

export function mountWindow(render: (stores: Stores) => ReactNode, options: Omit<CreateStoresOptions, 'storage'> = {}): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element');
  const stores = createStores(createClient(), { ...options, storage: localStorageOrNull() });
  window.addEventListener('pagehide', () => {
    stores.dispose();
    stores.client.dispose();
  });
  createRoot(root).render(
    <StrictMode>
      <StoresProvider stores={stores}>{render(stores)}</StoresProvider>
    </StrictMode>,
  );
}
