/**
 * The context engine's contract: what Tandem knows about the user's work right now (chips), the
 * privacy settings that shape it, and the ledger of what went out to a model.
 *
 * A snapshot is a list of chips. Each chip's `text` is exactly what would be sent — already redacted
 * and already filtered by the exclusions — so the UI can show it and the user can remove it.
 */
import { z } from 'zod';
import { event, method } from './define';

/** The providers, in the order their chips are shown. Each can be switched off in Settings. */
export const CONTEXT_PROVIDER_IDS = ['activeWindow', 'selection', 'clipboard', 'terminal', 'git', 'screenshot'] as const;
export type ContextProviderId = (typeof CONTEXT_PROVIDER_IDS)[number];

/** A chip's kind is the provider that made it. */
export type ContextChipKind = ContextProviderId;

export interface ContextImage {
  mimeType: 'image/png';
  /** `data:image/png;base64,…`, ready for an <img> or a model's image input. */
  dataUrl: string;
  width: number;
  height: number;
}

/** One piece of context, as shown in the quick-ask window and as sent to a model. */
export interface ContextChip {
  /** Unique within a snapshot and stable for the same source across snapshots (e.g. `terminal:t1:1712`). */
  id: string;
  kind: ContextChipKind;
  /** Short, for the chip itself: "Code — main.py", "Selection · 214 chars", "$ npm test → exit 1". */
  label: string;
  /** Exactly what goes to the model, after redaction and truncation. Empty when `error` is set. */
  text: string;
  /** True when `text` was cut to the provider's size limit. */
  truncated: boolean;
  /** Where it came from, for the expanded chip: "x11", "xclip primary", "git", "terminal feed", "import". */
  source: string;
  /** Why the provider gave nothing (timed out, failed, unavailable). Error chips are never sent. */
  error?: string;
  /** How many secrets were replaced by placeholders in `text`. */
  redactions?: number;
  /** The screenshot chip only. */
  image?: ContextImage;
}

/** What the active-window provider knows about the window in front. */
export interface ActiveWindowInfo {
  /** The window system's id (X11: `0x3a00007`). */
  windowId: string;
  /** Human name of the application: the WM_CLASS class, else the process name. */
  app: string;
  title: string;
  /** X11 WM_CLASS instance and class, when the window has them. */
  wmInstance: string | null;
  wmClass: string | null;
  /** Not every window has one (xmessage and remote clients do not). */
  pid: number | null;
  processName: string | null;
  /** What the title tells about a browser page, an editor file, a terminal's folder. */
  derived: DerivedWindowContext;
}

export interface DerivedWindowContext {
  category: 'browser' | 'editor' | 'terminal' | 'other';
  /** A full URL, only when the title reveals it (a bare URL title, a GitHub pull request, …). */
  url?: string;
  /** The site when the title names it but not the full URL (e.g. `github.com`). */
  site?: string;
  /** The browser page title without the browser's name. */
  pageTitle?: string;
  /** The file open in an editor, as the title shows it (often just the name). */
  file?: string;
  /** The editor's workspace or project name. */
  workspace?: string;
  /** The project folder, when the title shows it (JetBrains `proj [~/code/proj]`). */
  workspacePath?: string;
  /** A terminal window's current folder, from its title or its shell. */
  cwd?: string;
  /** A private or incognito browser window (excluded by default). */
  privateWindow?: boolean;
}

export interface ContextRedactionCount {
  /** e.g. `github-token`, `aws-access-key-id`, `env-secret`. */
  kind: string;
  count: number;
}

export interface ContextSnapshot {
  id: string;
  takenAt: number;
  durationMs: number;
  chips: ContextChip[];
  /** Every secret replaced in this snapshot, by kind. */
  redactions: ContextRedactionCount[];
  /** What was held back and why, in words for the user (never sent to a model). */
  excluded: string[];
  /** What this machine cannot provide (e.g. on Wayland), in plain words. */
  unavailable: string[];
  /** Tandem was paused: a user-asked snapshot still runs, nothing else does. */
  paused: boolean;
}

/** A built-in exclusion rule (password managers, private browser windows); each can be switched off. */
export interface BuiltinExclusion {
  id: string;
  label: string;
  enabled: boolean;
}

export interface ContextSettings {
  /** Per-provider on/off. The screenshot switch allows screenshots; one is only ever taken on request. */
  providers: Record<ContextProviderId, boolean>;
  /** Time each provider gets in a snapshot, in ms. */
  budgetMs: number;
  /**
   * The user's own exclusions. A plain entry matches an application by name (WM_CLASS, process name;
   * case-insensitive, `*` as a wildcard); `title:TEXT` matches windows whose title contains TEXT.
   */
  excludedApps: string[];
  builtinExclusions: BuiltinExclusion[];
}

export const DEFAULT_CONTEXT_BUDGET_MS = 50;

export const DEFAULT_CONTEXT_PROVIDERS: Record<ContextProviderId, boolean> = {
  activeWindow: true,
  selection: true,
  clipboard: true,
  terminal: true,
  git: true,
  screenshot: true,
};

const ExclusionEntry = z
  .string()
  .trim()
  .min(1, 'An exclusion cannot be empty')
  .max(200)
  .refine((s) => !/^title:\s*$/i.test(s), 'Write the text to match after "title:"');

export const ContextSettingsPatch = z
  .object({
    providers: z
      .object({ activeWindow: z.boolean(), selection: z.boolean(), clipboard: z.boolean(), terminal: z.boolean(), git: z.boolean(), screenshot: z.boolean() })
      .partial()
      .strict(),
    budgetMs: z.number().int().min(10, 'The budget must be at least 10 ms').max(2000, 'The budget can be at most 2000 ms'),
    excludedApps: z.array(ExclusionEntry).max(200),
    /** Built-in rule id → enabled. */
    builtinExclusions: z.record(z.string().min(1).max(64), z.boolean()),
  })
  .partial()
  .strict();
export type ContextSettingsPatch = z.infer<typeof ContextSettingsPatch>;

/** One part of the context that went out with a model request. */
export interface LedgerContextPart {
  kind: string;
  label: string;
  chars: number;
  /** The text exactly as sent (already redacted). */
  text?: string;
  redactions?: number;
}

/** One model request and the context that went with it. */
export interface LedgerEntry {
  id: string;
  createdAt: number;
  threadId: string | null;
  /** e.g. quick-ask, agent-turn, review. */
  purpose: string;
  provider: string;
  model: string;
  context: LedgerContextPart[];
  chars: number;
}

export interface LedgerExport {
  /** A suggested file name, e.g. `tandem-ledger-2025-01-31.json`. */
  fileName: string;
  /** The whole ledger as pretty JSON: `{ format, exportedAt, entries }`. */
  json: string;
  count: number;
}

export const contextMethods = {
  /** Collects context now. Chips also arrive one by one as `context.chip` events with this snapshotId. */
  'context.snapshot': method<ContextSnapshot>()(
    z
      .object({
        /** Only when the user asked for one in the quick-ask window. */
        includeScreenshot: z.boolean().default(false),
        /** Chosen by the caller so it can match `context.chip` events to this call. */
        snapshotId: z.string().trim().min(1).max(64).regex(/^[\w-]+$/, 'Use letters, digits, - and _').optional(),
        /** The project open in the UI, used for git when the window in front does not name one. */
        workspacePath: z.string().trim().min(1).max(4096).optional(),
      })
      .strict(),
  ),
  'context.settings.get': method<ContextSettings>()(z.object({}).strict()),
  'context.settings.update': method<ContextSettings>()(ContextSettingsPatch),
  'ledger.list': method<LedgerEntry[]>()(z.object({ limit: z.number().int().min(1).max(5000).default(500) }).strict()),
  'ledger.export': method<LedgerExport>()(z.object({}).strict()),
  'ledger.clear': method<{ cleared: number }>()(z.object({}).strict()),
};

export const contextEvents = {
  /** A provider answered during a snapshot; chips arrive in the order providers finish. */
  'context.chip': event<{ snapshotId: string; chip: ContextChip }>(),
  /** The window in front changed (not sent while paused). An excluded window comes without its title. */
  'context.activeWindow': event<{ window: ActiveWindowInfo | null; excluded: string | null }>(),
  'context.settings.changed': event<ContextSettings>(),
  'ledger.recorded': event<LedgerEntry>(),
  'ledger.cleared': event<{ cleared: number }>(),
};
