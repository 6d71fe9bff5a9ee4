/** The tray overlay window: suggestion cards. */
// First: zod must be configured before any schema of the contract is built.
import '../api/zod-csp';
import { SuggestionsOverlay } from '../features/suggestions/SuggestionsOverlay';
import { useApplyTheme } from '../features/theme/use-theme';
import { mountWindow } from './mount';

function OverlayWindow() {
  useApplyTheme();
  return <SuggestionsOverlay />;
}

mountWindow(() => <OverlayWindow />, { domains: ['app', 'settings', 'provider', 'workspaces'] });
