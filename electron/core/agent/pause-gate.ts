/**
 * Pausing a running turn. `request` asks it to stop; the turn loop calls `wait` at each step boundary
 * (before a model call or a tool call), which parks there until `release` or the turn's abort signal.
 * So a pause never cuts a model reply or a command short: what the turn produced is kept, and resuming
 * simply lets the loop go on from where it stood.
 */
import type { TurnPauseState } from '../../../shared/contract';

export class PauseGate {
  private requested = false;
  private parked: (() => void) | null = null;

  /** Called whenever `state` changes. */
  constructor(private readonly onChange: (state: TurnPauseState, previous: TurnPauseState) => void) {}

  get state(): TurnPauseState {
    if (!this.requested) return 'running';
    return this.parked ? 'paused' : 'pausing';
  }

  get isRequested(): boolean {
    return this.requested;
  }

  /** Asks the turn to stop at its next step boundary (no-op when already asked). */
  request(): void {
    if (this.requested) return;
    this.requested = true;
    this.onChange('pausing', 'running');
  }

  /** Lets the turn go on (no-op when it was not asked to pause). */
  release(): void {
    if (!this.requested) return;
    const previous = this.state;
    this.requested = false;
    const parked = this.parked;
    this.parked = null;
    parked?.();
    this.onChange('running', previous);
  }

  /** At a step boundary: resolves at once unless a pause was asked for, else when released or aborted. */
  wait(signal: AbortSignal): Promise<void> {
    if (!this.requested || signal.aborted || this.parked) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        signal.removeEventListener('abort', wake);
        if (this.parked === wake) this.parked = null;
        resolve();
      };
      signal.addEventListener('abort', wake, { once: true });
      this.parked = wake;
      this.onChange('paused', 'pausing');
    });
  }
}
