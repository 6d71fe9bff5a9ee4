/**
 * Finds model servers running on this machine, so a first start without an OpenAI key can offer them.
 * Each known server is asked for its model list (GET /models) in parallel with a short timeout: a server
 * that is up answers in milliseconds, and nobody should wait on ports where nothing listens.
 *
 * This uses fetch rather than the openai SDK on purpose: the probe must not send a key, retry, or wait
 * the SDK's minutes-long default timeout, and it only needs one small JSON list.
 */
import { z } from 'zod';
import type { LocalServer } from '../../../shared/contract';

export interface LocalTarget {
  name: LocalServer['name'];
  /** The OpenAI-compatible base URL, ending in /v1. */
  baseUrl: string;
}

export const DEFAULT_LOCAL_TARGETS: readonly LocalTarget[] = [
  { name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1' },
  { name: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1' },
];

export const DEFAULT_PROBE_TIMEOUT_MS = 400;

/** OpenAI's list shape; Ollama has sent `data: null` when no model is pulled yet. */
const ModelList = z.object({
  data: z.array(z.object({ id: z.string() })).nullable(),
});

/** The targets that answered with a model list, in the order given. */
export async function detectLocalServers(
  targets: readonly LocalTarget[] = DEFAULT_LOCAL_TARGETS,
  timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
): Promise<LocalServer[]> {
  const answers = await Promise.all(targets.map((target) => probe(target, timeoutMs)));
  return answers.filter((server): server is LocalServer => server !== null);
}

async function probe(target: LocalTarget, timeoutMs: number): Promise<LocalServer | null> {
  try {
    const response = await fetch(`${target.baseUrl.replace(/\/+$/, '')}/models`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return null;
    const list = ModelList.safeParse(await response.json());
    // Something else on the port (another app, an HTML page) is not a model server.
    if (!list.success) return null;
    return { name: target.name, baseUrl: target.baseUrl, models: (list.data.data ?? []).map((model) => model.id) };
  } catch {
    // Refused, timed out, or not JSON: nothing usable there.
    return null;
  }
}
