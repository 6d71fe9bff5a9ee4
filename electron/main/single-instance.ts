/**
 * One Tandem per user session. A second launch hands its intent to the first and exits: plain
 * `tandem` brings the main window forward, `tandem --quick-ask` (what a desktop shortcut runs where
 * the global hotkey cannot be registered) opens quick-ask. Intents that arrive before the windows
 * exist wait until they do.
 */

export type LaunchIntent = 'main' | 'quick-ask';

export const QUICK_ASK_FLAG = '--quick-ask';

export function launchIntent(argv: readonly string[]): LaunchIntent {
  return argv.includes(QUICK_ASK_FLAG) ? 'quick-ask' : 'main';
}

/** The parts of Electron's app used here. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  quit(): void;
}

export class SingleInstance {
  private handler: ((intent: LaunchIntent) => void) | null = null;
  private pending: LaunchIntent | null = null;

  private constructor() {}

  /** Null when another Tandem runs: this one then quits and must not start anything. */
  static claim(app: SingleInstanceApp): SingleInstance | null {
    if (!app.requestSingleInstanceLock()) {
      app.quit();
      return null;
    }
    const instance = new SingleInstance();
    app.on('second-instance', (_event, argv) => instance.receive(launchIntent(argv)));
    return instance;
  }

  /** Starts delivering intents of later launches (and the one that came early, if any). */
  deliverTo(handler: (intent: LaunchIntent) => void): void {
    this.handler = handler;
    const pending = this.pending;
    this.pending = null;
    if (pending) handler(pending);
  }

  private receive(intent: LaunchIntent): void {
    if (this.handler) this.handler(intent);
    // Only the latest matters: the user wants what they asked for last.
    else this.pending = intent;
  }
}
