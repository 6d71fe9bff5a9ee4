/**
 * The core: everything Tandem does, Electron-free. `createCore` opens the store, builds the services
 * and the contract router, and returns one object that owns them all; `dispose` releases them in
 * reverse order. electron/main and `tandem serve` both start the product through here.
 */
import type { Platform } from './platform';
import { Store } from './store';
import { ClientRegistry } from './transport/clients';
import { EventBus } from './transport/event-bus';
import { Router, type Handlers } from './transport/router';
import { AppService } from './services/app-service';
import { ProviderService, type ProviderServiceOptions } from './provider/provider-service';
import { SettingsService } from './services/settings-service';
import { ThreadsService } from './services/threads-service';
import { WorkspacesService } from './services/workspaces-service';
import { TerminalsService, type TerminalsServiceOptions } from './terminals/terminals-service';
import { ReviewService } from './review/review-service';
import { ContextService } from './context/context-service';
import { createAgent } from './agent/create-agent';
import { mcpHandlers } from './agent/mcp/mcp-service';
import { ThreadWorktrees } from './agent/worktrees/thread-worktrees';
import { WorktreeThreadsService } from './agent/worktrees/worktree-threads-service';
import { SuggestionsService } from './suggestions/suggestions-service';
import { AgentDrafter, modelConfigured } from './suggestions/drafting/agent-drafter';
import { CodeService } from './code/code-service';
import { SkillsService } from './agent/skills/skills-service';

export interface CoreOptions {
  dataDir: string;
  version: string;
  platform: Platform;
  /** Environment read for OPENAI_API_KEY / OPENAI_BASE_URL; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Overrides for tests (e.g. where to probe for local model servers). */
  provider?: Partial<Pick<ProviderServiceOptions, 'localTargets'>>;
  /** How to start the pty host (electron/main passes a utilityProcess launcher) and where shells start. */
  terminals?: Pick<TerminalsServiceOptions, 'launcher' | 'homeDir'>;
}

export interface Core {
  readonly router: Router;
  readonly events: EventBus;
  /** Connected windows and browser tabs; transports report connects and disconnects here. */
  readonly clients: ClientRegistry;
  readonly store: Store;
  readonly app: AppService;
  /** Context snapshots and the ledger, for the features that send context to a model. */
  readonly context: ContextService;
  /** Things the user should be told once at start (e.g. a damaged database was moved aside). */
  readonly notices: string[];
  dispose(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const store = Store.open(options.dataDir);
  const events = new EventBus();
  const clients = new ClientRegistry();
  const notices: string[] = [];
  if (store.movedAsideTo) {
    notices.push(`Tandem's database was damaged and has been moved to ${store.movedAsideTo}. A fresh one was started; nothing was deleted.`);
  }

  const app = new AppService({ store, events, platform: options.platform, version: options.version, dataDir: options.dataDir });
  const settings = new SettingsService(store, events);
  const provider = new ProviderService({
    store,
    events,
    keychain: options.platform.keychain,
    env: options.env ?? process.env,
    ...options.provider,
  });
  const workspaces = new WorkspacesService(store, events);
  const threadWorktrees = new ThreadWorktrees(store, options.dataDir);
  // `agent` is made below; a worktree is only ever reset or removed later, when it exists.
  const worktreeThreads = new WorktreeThreadsService({ store, worktrees: threadWorktrees, isRunning: (id) => agent.service.isRunning(id) });
  const threads = new ThreadsService(store, events, worktreeThreads);
  const terminals = new TerminalsService({ events, clients, ...options.terminals });
  const review = new ReviewService({ store, events, dataDir: options.dataDir, env: options.env, provider });
  const context = new ContextService({
    store,
    events,
    env: options.env ?? process.env,
    isPaused: () => app.isPaused(),
    screenCapture: options.platform.screenCapture,
  });
  const agent = createAgent({ store, events, provider, terminals, dataDir: options.dataDir, env: options.env, context, turnObserver: review.turnSnapshots });
  const skills = new SkillsService({ store, events });
  const code = new CodeService({ events, store, env: options.env, terminalCwd: (id) => terminals.get(id)?.cwd ?? null });
  const suggestions = new SuggestionsService({
    store,
    events,
    isPaused: () => app.isPaused(),
    onClipboardChange: (l) => context.onClipboardChange(l),
    drafting: {
      drafter: new AgentDrafter({ store, events, agent: agent.service, worktrees: threadWorktrees }),
      modelConfigured: () => modelConfigured(provider.resolve()),
    },
  });

  const handlers: Handlers = {
    ...app.handlers(),
    ...settings.handlers(),
    ...provider.handlers(),
    ...workspaces.handlers(),
    ...threads.handlers(),
    ...worktreeThreads.handlers(),
    ...terminals.handlers(),
    ...review.handlers(),
    ...context.handlers(),
    ...agent.service.handlers(),
    ...agent.plans.handlers(),
    ...mcpHandlers(agent.mcp, store),
    ...skills.handlers(),
    ...suggestions.handlers(),
    ...code.handlers(),
  };
  const router = new Router(handlers);

  let disposed = false;
  return {
    router,
    events,
    clients,
    store,
    app,
    context,
    notices,
    async dispose() {
      if (disposed) return;
      disposed = true;
      suggestions.dispose();
      await code.dispose();
      context.dispose();
      skills.dispose();
      await agent.dispose();
      await terminals.dispose();
      store.close();
    },
  };
}
