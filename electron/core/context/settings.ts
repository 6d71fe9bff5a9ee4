/**
 * The context settings (per-provider switches, budget, exclusions), kept under one key of the
 * settings table. Stored sparsely — only what the user changed — so new defaults (a new built-in
 * exclusion, a new provider) reach existing users.
 */
import {
  CONTEXT_PROVIDER_IDS,
  DEFAULT_CONTEXT_BUDGET_MS,
  DEFAULT_CONTEXT_PROVIDERS,
  RpcError,
  type ContextProviderId,
  type ContextSettings,
  type ContextSettingsPatch,
} from '../../../shared/contract';
import { BUILTIN_EXCLUSIONS, builtinExclusionSettings } from './privacy/exclusions';

export const CONTEXT_SETTINGS_KEY = 'context.settings';

interface StoredContextSettings {
  providers?: Partial<Record<ContextProviderId, boolean>>;
  budgetMs?: number;
  excludedApps?: string[];
  disabledBuiltins?: string[];
}

/** The part of the settings repository this needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

export function resolveContextSettings(stored: StoredContextSettings | undefined): ContextSettings {
  const providers = { ...DEFAULT_CONTEXT_PROVIDERS };
  for (const id of CONTEXT_PROVIDER_IDS) {
    const v = stored?.providers?.[id];
    if (typeof v === 'boolean') providers[id] = v;
  }
  const budget = stored?.budgetMs;
  return {
    providers,
    budgetMs: typeof budget === 'number' && Number.isInteger(budget) && budget >= 10 && budget <= 2000 ? budget : DEFAULT_CONTEXT_BUDGET_MS,
    excludedApps: Array.isArray(stored?.excludedApps) ? stored.excludedApps.filter((e) => typeof e === 'string') : [],
    builtinExclusions: builtinExclusionSettings(new Set(stored?.disabledBuiltins ?? [])),
  };
}

export class ContextSettingsStore {
  constructor(private readonly kv: KeyValueStore) {}

  get(): ContextSettings {
    return resolveContextSettings(this.kv.get<StoredContextSettings>(CONTEXT_SETTINGS_KEY));
  }

  update(patch: ContextSettingsPatch): ContextSettings {
    const stored: StoredContextSettings = { ...(this.kv.get<StoredContextSettings>(CONTEXT_SETTINGS_KEY) ?? {}) };
    if (patch.providers) stored.providers = { ...stored.providers, ...patch.providers };
    if (patch.budgetMs !== undefined) stored.budgetMs = patch.budgetMs;
    if (patch.excludedApps) stored.excludedApps = dedupe(patch.excludedApps);
    if (patch.builtinExclusions) {
      const known = new Set(BUILTIN_EXCLUSIONS.map((r) => r.id));
      const unknown = Object.keys(patch.builtinExclusions).filter((id) => !known.has(id));
      if (unknown.length) {
        throw new RpcError('invalid_input', `Unknown built-in exclusion "${unknown[0]}" (known: ${[...known].join(', ')})`);
      }
      const disabled = new Set(stored.disabledBuiltins ?? []);
      for (const [id, enabled] of Object.entries(patch.builtinExclusions)) {
        if (enabled) disabled.delete(id);
        else disabled.add(id);
      }
      stored.disabledBuiltins = [...disabled].sort();
    }
    this.kv.set(CONTEXT_SETTINGS_KEY, stored);
    return resolveContextSettings(stored);
  }
}

/** Trimmed, without case-insensitive repeats, in the order given. */
function dedupe(entries: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of entries) {
    const e = raw.trim();
    if (!e || seen.has(e.toLowerCase())) continue;
    seen.add(e.toLowerCase());
    out.push(e);
  }
  return out;
}
