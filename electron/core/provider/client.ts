/**
 * Builds the `openai` SDK client for a provider config. Everything that talks to a model goes through
 * here, so the rules below hold everywhere:
 * - The base URL and key come only from Tandem's resolved config (which already folded in
 *   OPENAI_BASE_URL and OPENAI_API_KEY); the SDK is not left to read other OPENAI_* variables, so an
 *   OPENAI_ADMIN_KEY or OPENAI_ORG_ID in the environment cannot ride along to a local server.
 * - With no key (a local server that needs none), no Authorization header is sent at all, rather than a
 *   made-up key.
 */
import OpenAI from 'openai';

/** OpenAI's own endpoint, used when the config names no base URL. */
export const OPENAI_API_BASE_URL = 'https://api.openai.com/v1';

export interface ModelClientOptions {
  /** undefined means OpenAI's own endpoint. */
  baseUrl: string | undefined;
  apiKey: string | null;
  timeoutMs?: number;
  maxRetries?: number;
}

export function createModelClient(options: ModelClientOptions): OpenAI {
  const hasKey = options.apiKey !== null && options.apiKey !== '';
  return new OpenAI({
    baseURL: options.baseUrl ?? OPENAI_API_BASE_URL,
    // The SDK refuses to start without a key; the placeholder is never sent because the header is removed.
    apiKey: hasKey ? options.apiKey : 'no-key',
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    ...(hasKey ? {} : { defaultHeaders: { Authorization: null } }),
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  });
}
