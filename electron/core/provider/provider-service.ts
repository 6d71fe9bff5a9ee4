/**
 * Which model Tandem talks to, and with what key. The config lives in settings; the key lives in the
 * keychain (never SQLite, never the contract). Environment variables OPENAI_API_KEY and OPENAI_BASE_URL
 * are honoured as the SDK does, below anything the user set in Settings.
 */
import type { ConnectionTestResult, LocalServer, ProviderConfig, ProviderKind, WireApi } from '../../../shared/contract';
import type { Keychain } from '../platform';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';
import { testConnection } from './connection-test';
import { DEFAULT_LOCAL_TARGETS, detectLocalServers } from './local-probe';

export const API_KEY_SECRET = 'openai-api-key';
const CONFIG_KEY = 'provider';
export const DEFAULT_MODEL = 'gpt-5.1';

interface StoredConfig {
  kind?: ProviderKind;
  baseUrl?: string | null;
  model?: string;
  wireApi?: WireApi;
}

/** Everything a model client needs, key included. Stays inside the core. */
export interface ResolvedProvider {
  kind: ProviderKind;
  baseUrl: string | undefined;
  apiKey: string | null;
  model: string;
  wireApi: WireApi;
}

export interface ProviderUpdateInput {
  kind?: ProviderKind;
  baseUrl?: string | null;
  model?: string;
  wireApi?: WireApi;
  apiKey?: string | null;
}

export interface ProviderServiceOptions {
  store: Store;
  events: EventBus;
  keychain: Keychain;
  env: NodeJS.ProcessEnv;
  localTargets: typeof DEFAULT_LOCAL_TARGETS;
}

export class ProviderService {
  private readonly opts: ProviderServiceOptions;

  constructor(opts: Omit<ProviderServiceOptions, 'localTargets'> & { localTargets?: ProviderServiceOptions['localTargets'] }) {
    this.opts = { ...opts, localTargets: opts.localTargets ?? DEFAULT_LOCAL_TARGETS };
  }

  private stored(): StoredConfig {
    return this.opts.store.settings.get<StoredConfig>(CONFIG_KEY) ?? {};
  }

  private envBaseUrl(): string | undefined {
    return this.opts.env.OPENAI_BASE_URL?.trim() || undefined;
  }

  private key(): { value: string | null; source: ProviderConfig['keySource'] } {
    const stored = this.opts.keychain.get(API_KEY_SECRET);
    if (stored) return { value: stored, source: this.opts.keychain.kind === 'keychain' ? 'keychain' : 'file' };
    const env = this.opts.env.OPENAI_API_KEY?.trim();
    if (env) return { value: env, source: 'env' };
    return { value: null, source: null };
  }

  /** The config with the key, for the model client. A draft overrides the saved values (Test connection). */
  resolve(draft: ProviderUpdateInput = {}): ResolvedProvider {
    const s = { ...this.stored(), ...withoutUndefined(draft) };
    const kind: ProviderKind = s.kind ?? (this.envBaseUrl() ? 'compatible' : 'openai');
    const apiKey = draft.apiKey !== undefined ? draft.apiKey : this.key().value;
    return {
      kind,
      // Like the SDK: an explicit base URL, else OPENAI_BASE_URL, else OpenAI's own endpoint.
      baseUrl: s.baseUrl ?? this.envBaseUrl(),
      apiKey,
      model: s.model ?? DEFAULT_MODEL,
      wireApi: s.wireApi ?? (kind === 'openai' ? 'responses' : 'chat'),
    };
  }

  get(): ProviderConfig {
    const r = this.resolve();
    const key = this.key();
    return {
      kind: r.kind,
      baseUrl: r.baseUrl ?? null,
      model: r.model,
      wireApi: r.wireApi,
      hasKey: key.value !== null,
      keySource: key.source,
      keyStorage: this.opts.keychain.kind,
      baseUrlFromEnv: this.stored().baseUrl == null && this.envBaseUrl() !== undefined,
    };
  }

  update(input: ProviderUpdateInput): ProviderConfig {
    const { apiKey, ...config } = input;
    this.opts.store.settings.set(CONFIG_KEY, { ...this.stored(), ...withoutUndefined(config) });
    if (apiKey === null) this.opts.keychain.delete(API_KEY_SECRET);
    else if (apiKey !== undefined) this.opts.keychain.set(API_KEY_SECRET, apiKey);
    const next = this.get();
    this.opts.events.emit('provider.changed', next);
    return next;
  }

  test(draft: ProviderUpdateInput): Promise<ConnectionTestResult> {
    return testConnection(this.resolve(draft));
  }

  detectLocal(): Promise<LocalServer[]> {
    return detectLocalServers(this.opts.localTargets);
  }

  handlers(): Pick<Handlers, 'provider.get' | 'provider.update' | 'provider.test' | 'provider.detectLocal'> {
    return {
      'provider.get': () => this.get(),
      'provider.update': (input) => this.update(input),
      'provider.test': (input) => this.test(input),
      'provider.detectLocal': () => this.detectLocal(),
    };
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
