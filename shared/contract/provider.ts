import { z } from 'zod';
import { event, method } from './define';

/** Which HTTP API the model server speaks. OpenAI: Responses. Most local servers: Chat Completions. */
export const WireApi = z.enum(['responses', 'chat']);
export type WireApi = z.infer<typeof WireApi>;

export const ProviderKind = z.enum(['openai', 'compatible']);
export type ProviderKind = z.infer<typeof ProviderKind>;

/** Where the API key came from; the key itself never crosses the contract. */
export type KeySource = 'keychain' | 'file' | 'env' | null;

export interface ProviderConfig {
  kind: ProviderKind;
  /** null means the default for the kind (OpenAI's own endpoint). */
  baseUrl: string | null;
  model: string;
  wireApi: WireApi;
  hasKey: boolean;
  keySource: KeySource;
  /** Where a key typed in Settings is stored: the OS keychain in the app, a 0600 file in serve mode. */
  keyStorage: 'keychain' | 'file';
  /** True when OPENAI_BASE_URL is set and was used as the base URL. */
  baseUrlFromEnv: boolean;
}

export type ConnectionTestKind =
  | 'ok'
  | 'bad_key'
  | 'forbidden'
  | 'unreachable'
  | 'model_not_found'
  | 'wrong_api'
  | 'rate_limited'
  | 'server_error'
  | 'no_key'
  | 'unknown';

export interface ConnectionTestResult {
  ok: boolean;
  kind: ConnectionTestKind;
  /** One plain sentence for the user. */
  message: string;
  httpStatus: number | null;
  latencyMs: number;
}

export interface LocalServer {
  name: 'Ollama' | 'LM Studio';
  baseUrl: string;
  models: string[];
}

const BaseUrl = z
  .string()
  .trim()
  .url('Enter a full URL, like http://127.0.0.1:11434/v1')
  .refine((u) => /^https?:\/\//i.test(u), 'Only http and https URLs are supported');

export const ProviderUpdate = z
  .object({
    kind: ProviderKind,
    baseUrl: BaseUrl.nullable(),
    model: z.string().trim().min(1, 'Enter a model name').max(200),
    wireApi: WireApi,
    /** A new key; null removes the stored key; absent leaves it as it is. */
    apiKey: z.string().trim().min(1).max(500).nullable(),
  })
  .partial()
  .strict();

export const providerMethods = {
  'provider.get': method<ProviderConfig>()(z.object({}).strict()),
  'provider.update': method<ProviderConfig>()(ProviderUpdate),
  /** Makes one real, tiny request with the saved config (or the draft given) and classifies the outcome. */
  'provider.test': method<ConnectionTestResult>()(ProviderUpdate),
  /** Probes Ollama (127.0.0.1:11434) and LM Studio (127.0.0.1:1234). */
  'provider.detectLocal': method<LocalServer[]>()(z.object({}).strict()),
};

export const providerEvents = {
  'provider.changed': event<ProviderConfig>(),
};
