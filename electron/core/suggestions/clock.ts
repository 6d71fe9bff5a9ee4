/**
 * Time, as the suggestion pipeline sees it. The pipeline never reads Date.now or calls setTimeout
 * itself: it is handed a Clock. The app hands it the real one; the evaluation harness and the tests
 * hand it a simulated one, so an hour of recorded signals replays in milliseconds with exactly the
 * same decisions every time.
 */

export interface ClockTimer {
  readonly id: number;
}

export interface Clock {
  /** Milliseconds: epoch time on the real clock, time since the start of a trace on a simulated one. */
  now(): number;
  setTimeout(callback: () => void, ms: number): ClockTimer;
  clearTimeout(timer: ClockTimer): void;
}

/** The wall clock. Its timers never keep the process alive on their own. */
export class RealClock implements Clock {
  private nextId = 1;
  private readonly handles = new Map<number, ReturnType<typeof setTimeout>>();

  now(): number {
    return Date.now();
  }

  setTimeout(callback: () => void, ms: number): ClockTimer {
    const id = this.nextId++;
    const handle = setTimeout(() => {
      this.handles.delete(id);
      callback();
    }, Math.max(0, ms));
    handle.unref?.();
    this.handles.set(id, handle);
    return { id };
  }

  clearTimeout(timer: ClockTimer): void {
    const handle = this.handles.get(timer.id);
    if (handle !== undefined) clearTimeout(handle);
    this.handles.delete(timer.id);
  }
}

interface PendingTimer {
  id: number;
  due: number;
  callback: () => void;
}

/**
 * A clock that only moves when told to. `advanceTo` runs every timer that falls due on the way, in
 * order of due time (then creation order), with `now()` reading each timer's due time while it runs —
 * the same order the real clock would have produced.
 */
export class SimulatedClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: PendingTimer[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): ClockTimer {
    const timer: PendingTimer = { id: this.nextId++, due: this.current + Math.max(0, ms), callback };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimeout(timer: ClockTimer): void {
    this.timers = this.timers.filter((t) => t.id !== timer.id);
  }

  /** How many timers are waiting (the tests use it to prove the pipeline leaves none behind). */
  get pendingTimers(): number {
    return this.timers.length;
  }

  advanceTo(time: number): void {
    if (time < this.current) throw new Error(`The simulated clock cannot go back in time (from ${this.current} to ${time})`);
    for (;;) {
      const next = this.nextDue(time);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = next.due;
      next.callback();
    }
    this.current = time;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  private nextDue(limit: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (t.due > limit) continue;
      if (!best || t.due < best.due || (t.due === best.due && t.id < best.id)) best = t;
    }
    return best;
  }
}
