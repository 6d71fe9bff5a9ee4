/**
 * What the centre shows with no thread open. On first start, three steps with their state (folder,
 * model, first thread), offering a local model server if one answers; afterwards, a short pointer.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { LocalServer } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { isProviderReady } from '../../stores/provider-store';
import { useApp, useProvider, useSettings, useStores, useThreads, useWorkspaces } from '../../stores/react';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { Kbd } from '../../ui/Kbd';
import { Logo } from '../../ui/Logo';
import type { FrameActions } from '../shell/frame-actions';
import { SHORTCUTS } from '../shell/use-frame-commands';
import './welcome.css';

function Step({ n, done, title, children }: { n: number; done: boolean; title: string; children: ReactNode }) {
  return (
    <li className={done ? 'welcome-step is-done' : 'welcome-step'}>
      <span className="welcome-step-marker" aria-hidden="true">
        {done ? <Icon name="check" size={13} /> : n}
      </span>
      <div className="welcome-step-body">
        <h3 className="welcome-step-title">
          {title}
          {done && <span className="visually-hidden"> (done)</span>}
        </h3>
        {children}
      </div>
    </li>
  );
}

export function Welcome({ actions }: { actions: FrameActions }) {
  const stores = useStores();
  const onboardingDone = useSettings((s) => s.settings?.onboardingDone ?? true);
  const settingsLoaded = useSettings((s) => s.settings !== null);
  const workspaces = useWorkspaces((s) => s.list);
  const threadCount = useThreads((s) => Object.values(s.byId).filter((t) => !t.archived).length);
  const config = useProvider((s) => s.config);
  const local = useProvider((s) => s.local);
  const webMode = useApp((s) => s.info?.mode === 'web');
  const ready = isProviderReady(config);
  const [using, setUsing] = useState<string | null>(null);

  const firstStart = settingsLoaded && !onboardingDone;
  useEffect(() => {
    // Offer a local server only while no model is set up, and ask once.
    if (firstStart && config && !ready && local.status === 'idle') void stores.provider.getState().detectLocal();
  }, [firstStart, config, ready, local.status, stores]);

  if (!settingsLoaded) return null;

  if (!firstStart) {
    return (
      <EmptyState icon="thread" title="No thread open">
        <p>Pick a thread in the sidebar, or start a new one.</p>
        <p className="empty-state-shortcuts">
          <span>
            <Kbd shortcut={SHORTCUTS.newThread} /> new thread
          </span>
          <span>
            <Kbd shortcut={SHORTCUTS.palette} /> all commands
          </span>
        </p>
        <p className="empty-state-cta">
          <Button variant="primary" icon="plus" onClick={() => actions.newThread()}>
            New thread
          </Button>
        </p>
      </EmptyState>
    );
  }

  const useServer = async (server: LocalServer) => {
    setUsing(server.name);
    try {
      const model = server.models[0];
      await stores.provider.getState().update({ kind: 'compatible', baseUrl: server.baseUrl, wireApi: 'chat', ...(model ? { model } : {}) });
      stores.toasts.getState().show('info', `Tandem will use ${server.name}${model ? ` (${model})` : ''}.`);
    } catch (err) {
      stores.toasts.getState().show('error', `Couldn’t switch to ${server.name}: ${describeError(err)}`);
    } finally {
      setUsing(null);
    }
  };

  return (
    <div className="welcome">
      <div className="welcome-card">
        <div className="welcome-head">
          <Logo size={28} />
          <div>
            <h1 className="welcome-title">Welcome to Tandem</h1>
            <p className="welcome-lede">A teammate beside your work: it sees what you are doing, answers in place, and shows its evidence before its code.</p>
          </div>
        </div>
        <ol className="welcome-steps">
          <Step n={1} done={workspaces.length > 0} title="Add a project folder">
            {workspaces.length > 0 ? (
              <p className="muted">
                Added <strong>{workspaces[0]?.name}</strong>
                {workspaces.length > 1 ? ` and ${workspaces.length - 1} more` : ''}.
              </p>
            ) : (
              <>
                <p className="muted">Threads work inside a folder, usually a git repository.</p>
                <div className="welcome-step-actions">
                  <Button size="sm" icon="folderPlus" onClick={actions.addFolder}>
                    Add folder…
                  </Button>
                  <Kbd shortcut={SHORTCUTS.addFolder} className="kbd-quiet" />
                </div>
              </>
            )}
          </Step>
          <Step n={2} done={ready} title="Set up a model">
            {ready && config ? (
              <p className="muted">
                Using <strong>{config.model}</strong> {config.kind === 'openai' ? 'from OpenAI' : `at ${config.baseUrl}`}.
              </p>
            ) : (
              <>
                <p className="muted">An OpenAI API key, or a server that speaks the OpenAI API — Ollama, LM Studio, vLLM — on this machine or elsewhere.</p>
                {local.servers.length > 0 && (
                  <ul className="local-servers" aria-label="Model servers found on this machine">
                    {local.servers.map((server) => (
                      <li key={server.baseUrl} className="local-server">
                        <Icon name="cube" size={14} />
                        <span className="local-server-text">
                          <strong>{server.name}</strong> is running at <span className="mono">{server.baseUrl}</span>
                          {server.models[0] ? ` with ${server.models[0]}` : ''}
                        </span>
                        <Button size="sm" variant="primary" busy={using === server.name} onClick={() => void useServer(server)}>
                          Use {server.name}
                        </Button>
                      </li>
                    ))}
                  </ul>
                )}
                <div className="welcome-step-actions">
                  <Button size="sm" icon="key" onClick={() => actions.openSettings('model')}>
                    Open model settings
                  </Button>
                </div>
              </>
            )}
          </Step>
          <Step n={3} done={threadCount > 0} title="Start a thread">
            <p className="muted">Each thread is one task in one folder, with everything it did kept in order.</p>
            <div className="welcome-step-actions">
              <Button size="sm" variant={workspaces.length > 0 ? 'primary' : 'secondary'} icon="plus" onClick={() => actions.newThread()}>
                New thread
              </Button>
              <Kbd shortcut={SHORTCUTS.newThread} className="kbd-quiet" />
            </div>
          </Step>
        </ol>
        <div className="welcome-foot">
          <span className="welcome-tip">
            <Kbd shortcut={SHORTCUTS.palette} /> all commands
          </span>
          <span className="welcome-tip">
            <Kbd shortcut={SHORTCUTS.quickAsk} /> {webMode ? 'quick ask' : 'quick ask, from anywhere'}
          </span>
          <Button size="sm" variant="ghost" className="welcome-dismiss" onClick={() => void actions.updateSettings({ onboardingDone: true })}>
            Hide this guide
          </Button>
        </div>
      </div>
    </div>
  );
}
