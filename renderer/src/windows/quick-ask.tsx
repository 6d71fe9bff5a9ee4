/** The quick-ask window the global hotkey shows (desktop app). Esc hides it: the shell keeps it alive. */
// First: zod must be configured before any schema of the contract is built.
import '../api/zod-csp';
import { handOffThread } from '../features/quick-ask/handoff';
import { QuickAsk } from '../features/quick-ask/QuickAsk';
import { useApplyTheme } from '../features/theme/use-theme';
import { mountWindow } from './mount';

function QuickAskWindow() {
  useApplyTheme();
  return (
    <div className="quick-ask-window">
      <QuickAsk
        layout="window"
        onClose={() => window.close()}
        onContinue={(threadId) => {
          handOffThread(threadId);
          window.close();
        }}
      />
    </div>
  );
}

mountWindow(() => <QuickAskWindow />, { domains: ['app', 'settings', 'provider', 'workspaces'] });
