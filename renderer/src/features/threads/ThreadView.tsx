/** One thread: its header, the agent's conversation in it, and the message box. */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Thread } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { isProviderReady } from '../../stores/provider-store';
import { useAgent, useProvider, useStores, useWorkspaces } from '../../stores/react';
import { Button, IconButton } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { EMPTY_STREAM } from '../agent/agent-stream';
import { useCompactCommand } from '../agent/use-compact-command';
import { AgentConversation } from '../agent/AgentConversation';
import { RunSettings, type RunSettingsChange, type RunSettingsValue } from '../agent/RunSettings';
import { useRegisterCommands } from '../commands/react';
import type { Command } from '../commands/registry';
import type { FrameActions } from '../shell/frame-actions';
import { terminalsFeatureFor } from '../terminals/use-terminals-feature';
import { PlanFirstToggle, PLAN_FIRST_PLACEHOLDER } from '../plans/PlanFirstToggle';
import { PlanPanel } from '../plans/PlanPanel';
import { plansFeatureFor } from '../plans/use-plans';
import { SaveSkillOffer } from '../skills/SaveSkillOffer';
import { useThreadSkills } from '../skills/use-skills';
import { Composer } from './Composer';
import { requestLastTurnReview } from '../review/turn-review-request';
import { ThreadTitle } from './ThreadTitle';
import { WorktreeBar } from './WorktreeBar';

const STATUS_PILL: Record<Thread['status'], { label: string; tone: string } | null> = {
  idle: null,
  done: null,
  running: { label: 'Running', tone: 'pill-accent' },
  waitingForApproval: { label: 'Needs approval', tone: 'pill-warning' },
  paused: { label: 'Paused', tone: '' },
  failed: { label: 'Failed', tone: 'pill-danger' },
};

/** Pauses the running turn at its next step, or lets a paused one go on. */
export const PAUSE_SHORTCUT = 'Mod+Alt+P';

const DEFAULT_SANDBOX = 'workspace-write';
const DEFAULT_APPROVAL_POLICY = 'on-request';

/** How close to the bottom (px) still counts as "following" the conversation as it streams. */
const FOLLOW_SLACK = 80;

export function ThreadView({
  thread,
  actions,
  headerStart,
  headerEnd,
}: {
  thread: Thread;
  actions: FrameActions;
  /** Frame controls before the title (the sidebar toggle when the sidebar is hidden). */
  headerStart: ReactNode;
  /** Frame controls after the thread's own actions (panel toggles). */
  headerEnd: ReactNode;
}) {
  const stores = useStores();
  const { agent, ui, client } = stores;
  const detail = useAgent((s) => s.threads[thread.id]);
  const workspace = useWorkspaces((s) => s.list.find((w) => w.id === thread.workspaceId) ?? null);
  const config = useProvider((s) => s.config);
  const providerLoaded = useProvider((s) => s.status === 'ready');
  const ready = isProviderReady(config);
  const threadSkills = useThreadSkills(thread.id);
  const [planFirst, setPlanFirst] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const stream = detail?.stream ?? EMPTY_STREAM;
  const running = stream.activeTurnId !== null;
  useCompactCommand(thread.id, stream);
  const activeTurn = stream.activeTurnId ? stream.turns[stream.activeTurnId]?.turn : undefined;
  const stored = detail?.settings ?? null;
  // The thread's stored settings; while a turn runs, what it runs with now.
  const run: RunSettingsValue = {
    sandbox: activeTurn?.sandbox ?? stored?.sandbox ?? DEFAULT_SANDBOX,
    approvalPolicy: activeTurn?.approvalPolicy ?? stored?.approvalPolicy ?? DEFAULT_APPROVAL_POLICY,
    model: activeTurn?.model ?? stored?.model ?? config?.model ?? '',
  };
  const models = [run.model, config?.model ?? '', ...Object.values(stream.turns).map((v) => v.turn.model)].filter(Boolean);

  useEffect(() => {
    void agent.getState().open(thread.id);
  }, [thread.id, agent]);

  const changeSettings = (change: RunSettingsChange) => {
    agent
      .getState()
      .updateSettings(thread.id, change)
      .catch((err: unknown) => stores.toasts.getState().show('error', `The setting was not changed: ${describeError(err)}`));
  };

  const pauseState = stream.pause;
  const togglePause = useCallback(
    () => (pauseState === 'running' ? agent.getState().pause(thread.id) : agent.getState().resume(thread.id)),
    [agent, thread.id, pauseState],
  );
  const turnCommands = useMemo<Command[]>(
    () => [
      pauseState === 'running'
        ? { id: 'turn.pause', title: 'Pause the running turn', category: 'Thread', shortcut: PAUSE_SHORTCUT, enabled: running, keywords: 'hold wait agent', run: togglePause }
        : { id: 'turn.resume', title: 'Resume the paused turn', category: 'Thread', shortcut: PAUSE_SHORTCUT, enabled: running, keywords: 'continue unpause agent', run: togglePause },
      {
        id: 'plan.first',
        title: planFirst ? 'Plan first: off (the next message starts the work)' : 'Plan first: ask for a plan before the work',
        category: 'Thread',
        enabled: !running,
        keywords: 'checklist steps checks propose',
        run: () => {
          setPlanFirst(!planFirst);
          ui.getState().requestFocus('composer');
        },
      },
    ],
    [pauseState, running, togglePause, planFirst, ui],
  );
  useRegisterCommands('thread-turn', turnCommands);

  // Keep the newest output in view while the user is at the bottom; leave them be when they scrolled up.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  });

  const showTerminal = useCallback(
    (terminalId: string) => {
      ui.getState().setPanelOpen('bottom', true);
      const terminals = terminalsFeatureFor(client).store.getState();
      if (terminals.byId[terminalId]) terminals.focusPane(terminalId);
      else stores.toasts.getState().show('info', 'That terminal has been closed (Tandem keeps the last 20 agent terminals).');
    },
    [client, ui, stores.toasts],
  );

  const pill = STATUS_PILL[thread.status];
  const notice = !providerLoaded ? null : !ready ? (
    <>
      <Icon name="cube" size={15} />
      <span>Set up a model in Settings to start.</span>
      <Button size="sm" variant="primary" onClick={() => actions.openSettings('model')}>
        Open Settings
      </Button>
    </>
  ) : null;

  const onSend = async (text: string) => {
    following.current = true;
    if (running) await agent.getState().steer(thread.id, text);
    else if (planFirst) {
      await plansFeatureFor(client).store.getState().propose(thread.id, text);
      setPlanFirst(false);
    } else await agent.getState().send(thread.id, text, { sandbox: run.sandbox, approvalPolicy: run.approvalPolicy });
  };

  const empty = stream.order.length === 0 && !running;

  return (
    <section className="thread-view" aria-label={`Thread: ${thread.title}`}>
      <header className="centre-header">
        {headerStart}
        <div className="centre-header-title">
          <ThreadTitle thread={thread} takesComposerFocus={!ready} />
          {workspace && (
            <span className="thread-workspace" title={workspace.path}>
              <Icon name={workspace.isGit ? 'branch' : 'folder'} size={13} />
              {workspace.name}
            </span>
          )}
          {pill && <span className={`pill ${pill.tone}`}>{pill.label}</span>}
        </div>
        <div className="centre-header-actions">
          {!empty && (
            <IconButton
              icon="review"
              label="Review last turn"
              onClick={() => {
                requestLastTurnReview(thread.id);
                ui.getState().setPanelOpen('review', true);
              }}
            />
          )}
          <IconButton icon="pencil" label="Rename thread" shortcut="F2" onClick={() => actions.renameThread(thread.id)} />
          <IconButton icon="archive" label="Archive thread" onClick={() => void actions.archiveThread(thread.id)} />
          {headerEnd}
        </div>
      </header>
      {thread.worktree && <WorktreeBar thread={thread} worktree={thread.worktree} running={running} />}
      <div
        className="thread-scroll"
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_SLACK;
        }}
      >
        {detail?.status === 'error' ? (
          <EmptyState icon="alert" title="Couldn’t load this thread">
            <p>{detail.error}</p>
            <p className="empty-state-cta">
              <Button size="sm" icon="refresh" onClick={() => void agent.getState().open(thread.id)}>
                Try again
              </Button>
            </p>
          </EmptyState>
        ) : empty ? (
          detail?.status === 'ready' && (
            <EmptyState icon="thread" title="Nothing in this thread yet">
              <p>Messages, the commands Tandem runs and the files it changes are recorded here, step by step.</p>
            </EmptyState>
          )
        ) : (
          <AgentConversation
            stream={stream}
            openModelSettings={() => actions.openSettings('model')}
            showTerminal={showTerminal}
            respond={(requestId, decision, message) => agent.getState().respond(requestId, decision, message)}
          />
        )}
      </div>
      <div className="composer-dock">
        <PlanPanel threadId={thread.id} turnRunning={running} />
        {!running && <SaveSkillOffer threadId={thread.id} onSaved={threadSkills.refresh} />}
        <Composer
          threadId={thread.id}
          skills={threadSkills.skills}
          placeholder={
            running ? 'Add to what Tandem is doing — it reads this at its next step…' : planFirst ? PLAN_FIRST_PLACEHOLDER : workspace ? `Ask Tandem to do something in ${workspace.name}…` : 'Ask Tandem to do something…'
          }
          notice={notice}
          running={running}
          onStop={() => agent.getState().interrupt(thread.id)}
          pause={{ state: pauseState, toggle: togglePause }}
          {...(ready ? { onSend } : {})}
          footer={
            config && ready ? (
              <>
                <RunSettings value={run} disabled={detail?.settings == null} models={models} onChange={changeSettings} />
                <PlanFirstToggle on={planFirst} disabled={running} onChange={setPlanFirst} />
              </>
            ) : null
          }
        />
      </div>
    </section>
  );
}
