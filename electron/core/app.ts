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

export interface CoreOptions {
  dataDir: string;
  version: string;
  platform: Platform;
  /** Environment read for OPENAI_API_KEY / OPENAI_BASE_URL; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Overrides for tests (e.g. where to probe for local model servers). */
  provider?: Partial<Pick<ProviderServiceOptions, 'localTargets'>>;
}

export interface Core {
  readonly router: Router;
  readonly events: EventBus;
  /** Connected windows and browser tabs; transports report connects and disconnects here. */
  readonly clients: ClientRegistry;
  readonly store: Store;
  readonly app: AppService;
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
  const threads = new ThreadsService(store, events);

  const handlers: Handlers = {
    ...app.handlers(),
    ...settings.handlers(),
    ...provider.handlers(),
    ...workspaces.handlers(),
    ...threads.handlers(),
  };
  const router = new Router(handlers);

  let disposed = false;
  return {
    router,
    events,
    clients,
    store,
    app,
    notices,
    async dispose() {
      if (disposed) return;
      disposed = true;
      store.close();
    },
  };
}
