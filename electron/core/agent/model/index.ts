/** Builds the ModelClient for the configured provider: the Responses API or Chat Completions. */
import { createModelClient } from '../../provider/client';
import type { ResolvedProvider } from '../../provider/provider-service';
import { ChatModelClient } from './chat-client';
import { ResponsesModelClient } from './responses-client';
import type { ModelClient } from './types';

/** A model call that sends nothing back for this long is given up (and retried). */
export const MODEL_REQUEST_TIMEOUT_MS = 10 * 60 * 1000;

export function createAgentModelClient(provider: ResolvedProvider, options: { timeoutMs?: number } = {}): ModelClient {
  // Retries are ours (retry.ts), so each can be shown; the SDK's own logging would write malformed
  // stream payloads to the console, which is not where a user of `tandem exec --json` wants them.
  const sdk = createModelClient({
    baseUrl: provider.baseUrl,
    apiKey: provider.apiKey,
    maxRetries: 0,
    timeoutMs: options.timeoutMs ?? MODEL_REQUEST_TIMEOUT_MS,
  }).withOptions({ logLevel: 'off' });
  return provider.wireApi === 'chat' ? new ChatModelClient(sdk) : new ResponsesModelClient(sdk);
}

export type { ModelClient, ModelEvent, ModelRequest, ConversationEntry, ToolDefinition, ImageInput } from './types';
export { ModelError } from './errors';
export { DEFAULT_RETRY_POLICY, streamWithRetries, type RetryPolicy, type RetryNotice } from './retry';
