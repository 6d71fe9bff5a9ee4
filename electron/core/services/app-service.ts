/** App-wide state: info for the UI, the global pause, the hotkey (through the shell's registrar). */
import os from 'node:os';
import { RpcError, type AppInfo, type HotkeyStatus } from '../../../shared/contract';
import type { Platform } from '../platform';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';

const PAUSED_KEY = 'app.paused';

/** What the browser can do instead of a global hotkey; the web page binds this shortcut itself. */
export const WEB_MODE_HOTKEY: HotkeyStatus = {
  accelerator: 'CommandOrControl+Shift+Space',
  supported: false,
  registered: false,
  error: 'A browser page cannot register a system-wide hotkey.',
  hint: 'In this page, press Ctrl+Shift+Space (⌘⇧Space on macOS) to open Quick Ask. The desktop app registers it globally.',
};

export interface AppServiceOptions {
  store: Store;
  events: EventBus;
  platform: Platform;
  version: string;
  dataDir: string;
}

export class AppService {
  constructor(private readonly opts: AppServiceOptions) {}

  isPaused(): boolean {
    return this.opts.store.settings.get<boolean>(PAUSED_KEY) ?? false;
  }

  setPaused(paused: boolean): { paused: boolean } {
    if (paused !== this.isPaused()) {
      this.opts.store.settings.set(PAUSED_KEY, paused);
      this.opts.platform.onPausedChanged?.(paused);
      this.opts.events.emit('app.paused', { paused });
    }
    return { paused };
  }

  hotkeyStatus(): HotkeyStatus {
    return this.opts.platform.hotkey?.status() ?? WEB_MODE_HOTKEY;
  }

  info(): AppInfo {
    return {
      name: 'Tandem',
      version: this.opts.version,
      mode: this.opts.platform.mode,
      platform: os.platform(),
      dataDir: this.opts.dataDir,
      hotkey: this.hotkeyStatus(),
      paused: this.isPaused(),
    };
  }

  handlers(): Pick<Handlers, 'app.info' | 'app.setPaused' | 'app.show' | 'hotkey.set'> {
    return {
      'app.info': () => this.info(),
      'app.show': (navigation) => {
        this.opts.events.emit('app.navigate', navigation);
        return { shown: true };
      },
      'app.setPaused': ({ paused }) => this.setPaused(paused),
      'hotkey.set': ({ accelerator }) => {
        const registrar = this.opts.platform.hotkey;
        if (!registrar) throw new RpcError('unavailable', WEB_MODE_HOTKEY.error ?? 'No global hotkey in this mode');
        const status = registrar.set(accelerator);
        this.opts.events.emit('hotkey.changed', status);
        return status;
      },
    };
  }
}
