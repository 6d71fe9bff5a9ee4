import { z } from 'zod';
import { event, method } from './define';

export type AppMode = 'electron' | 'web';

export interface HotkeyStatus {
  /** Electron accelerator, e.g. "CommandOrControl+Shift+Space". */
  accelerator: string;
  /** False in web mode: the browser cannot own a global hotkey. */
  supported: boolean;
  registered: boolean;
  /** Why registration failed, in words a user can act on. */
  error: string | null;
  /** What to do about it (e.g. bind a desktop shortcut to `tandem --quick-ask` on Wayland). */
  hint: string | null;
}

export interface AppInfo {
  name: 'Tandem';
  version: string;
  mode: AppMode;
  /** process.platform of the machine running the core. */
  platform: string;
  dataDir: string;
  hotkey: HotkeyStatus;
  paused: boolean;
}

/** Accelerators as Electron spells them: modifiers and one key joined by "+". */
export const Accelerator = z
  .string()
  .trim()
  .min(1, 'Enter a shortcut')
  .max(64)
  .regex(
    /^((CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+)+([A-Za-z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|Plus|[`\-=[\]\\;',./])$/,
    'Use modifiers and one key, like CommandOrControl+Shift+Space',
  );

export const AppNavigation = z
  .object({
    view: z.enum(['main', 'settings', 'quick-ask']),
    threadId: z.string().min(1).max(64).optional(),
    review: z.object({ path: z.string().min(1).max(4096), base: z.string().min(1).max(256) }).strict().optional(),
  })
  .strict();
export type AppNavigation = z.infer<typeof AppNavigation>;

export const appMethods = {
  /** Asks the main window to show a view (emits `app.navigate`; the desktop shell brings the window forward). */
  'app.show': method<{ shown: true }>()(AppNavigation),
  'app.info': method<AppInfo>()(z.object({}).strict()),
  /** Pause or resume everything Tandem does unasked (suggestions, watchers). Also in the tray menu. */
  'app.setPaused': method<{ paused: boolean }>()(z.object({ paused: z.boolean() }).strict()),
  'hotkey.set': method<HotkeyStatus>()(z.object({ accelerator: Accelerator }).strict()),
};

export const appEvents = {
  'app.paused': event<{ paused: boolean }>(),
  'hotkey.changed': event<HotkeyStatus>(),
  /**
   * The shell or another window asks the main window to show a view (tray "Open Tandem", the hotkey in
   * web mode, the overlay opening a suggestion's thread): with `threadId`, that thread; with `review`,
   * the review panel on that worktree against its base.
   */
  'app.navigate': event<AppNavigation>(),
};
