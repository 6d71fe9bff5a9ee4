/**
 * Delay before reconnect attempt `attempt` (1-based): exponential from BASE to MAX, with "full jitter"
 * on the upper half so many tabs do not reconnect in lockstep after the server restarts.
 */
export const RECONNECT_BASE_MS = 500;
export const RECONNECT_MAX_MS = 10_000;

export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
