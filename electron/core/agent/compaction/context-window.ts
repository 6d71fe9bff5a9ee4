/**
 * How many tokens a model takes, and when Tandem compacts: known windows for common models, a per-model
 * setting that wins over them (`agent.contextWindows` in settings), and a cautious default for models
 * Tandem does not know (most are local models, whose servers often run with small windows).
 */
import type { ModelContextWindow, ModelContextWindowUpdate } from '../../../../shared/contract';
import type { Store } from '../../store';

/** Compact when the next request would pass 90 % of the window: the rest is room for the reply. */
export const DEFAULT_COMPACTION_THRESHOLD = 0.9;
/** For models not in the table below. */
export const DEFAULT_CONTEXT_WINDOW = 32_768;

const SETTINGS_KEY = 'agent.contextWindows';

/** Input windows, first match wins (so longer prefixes come first). Names are matched without a vendor prefix. */
const KNOWN_WINDOWS: readonly [RegExp, number][] = [
  [/^gpt-5(\.\d+)?-?codex/, 272_000],
  [/^gpt-5/, 272_000],
  [/^codex-mini/, 200_000],
  [/^gpt-4\.1/, 1_047_576],
  [/^gpt-4o/, 128_000],
  [/^gpt-4-turbo/, 128_000],
  [/^o[134](-|$)/, 200_000],
  [/^gpt-oss/, 131_072],
  [/^claude/, 200_000],
  [/^gemini-(1\.5|2|3)/, 1_048_576],
  [/^(llama-?3\.[123]|llama3\.[123])/, 131_072],
  [/^qwen(2\.5|3)/, 32_768],
  [/^deepseek/, 65_536],
];

interface StoredWindow {
  contextWindow?: number;
  threshold?: number;
}

/** The window Tandem knows for a model, or null. */
export function knownContextWindow(model: string): number | null {
  const name = model.trim().toLowerCase().replace(/^.*\//, '');
  for (const [pattern, tokens] of KNOWN_WINDOWS) if (pattern.test(name)) return tokens;
  return null;
}

export function resolveContextWindow(store: Store, model: string): ModelContextWindow {
  const saved = storedWindows(store)[model] ?? {};
  const known = knownContextWindow(model);
  const contextWindow = saved.contextWindow ?? known ?? DEFAULT_CONTEXT_WINDOW;
  return {
    model,
    contextWindow,
    threshold: saved.threshold ?? DEFAULT_COMPACTION_THRESHOLD,
    source: saved.contextWindow !== undefined ? 'setting' : known !== null ? 'known' : 'default',
  };
}

/** Saves a model's window and threshold; null clears one (back to the known value / the default). */
export function saveContextWindow(store: Store, update: ModelContextWindowUpdate): ModelContextWindow {
  const all = storedWindows(store);
  const next: StoredWindow = { ...all[update.model] };
  if (update.contextWindow === null) delete next.contextWindow;
  else next.contextWindow = update.contextWindow;
  if (update.threshold === null) delete next.threshold;
  else next.threshold = update.threshold;
  if (Object.keys(next).length) all[update.model] = next;
  else delete all[update.model];
  store.settings.set(SETTINGS_KEY, all);
  return resolveContextWindow(store, update.model);
}

function storedWindows(store: Store): Record<string, StoredWindow> {
  const value = store.settings.get<Record<string, StoredWindow>>(SETTINGS_KEY);
  return value && typeof value === 'object' ? { ...value } : {};
}
