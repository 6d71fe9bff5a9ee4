/**
 * How many tokens the next request of a turn will take. Before the first model call it is the estimate
 * (token-estimate.ts). After a call, the server's own count of that call's input is the better base: the
 * next request is that count plus the estimate of what was added since (the model's output, tool
 * results). Of that and the plain estimate, the larger wins — a server's count may leave parts out (some
 * do not count tool definitions), and compacting early is harmless where overflowing is not.
 */
import type { TokenUsage } from '../../../../shared/contract';

export class ContextMeter {
  /** The last request measured: its estimate, and what the server reported for it once known. */
  private last: { estimated: number; reported: number | null } | null = null;

  /** Tokens of a request whose plain estimate is `estimated`. Remembers it as the last request. */
  measure(estimated: number): number {
    const base = this.last;
    this.last = { estimated, reported: null };
    // Shrinking means the history was replaced (compaction): the old count says nothing about it.
    if (!base || base.reported === null || estimated < base.estimated) return estimated;
    return Math.max(estimated, base.reported + (estimated - base.estimated));
  }

  /** The server's usage for the request measured last. */
  record(usage: TokenUsage | null): void {
    if (this.last && usage && usage.inputTokens > 0) this.last.reported = usage.inputTokens;
  }

  /** The history was replaced: counts of earlier requests no longer apply. */
  reset(): void {
    this.last = null;
  }
}
