import { describe, expect, it } from 'vitest';
import { RealClock, SimulatedClock } from '../../../electron/core/suggestions/clock';

describe('SimulatedClock', () => {
  it('runs due timers in order of due time, reading each timer\'s time while it runs', () => {
    const clock = new SimulatedClock(100);
    const ran: [string, number][] = [];
    clock.setTimeout(() => ran.push(['b', clock.now()]), 50);
    clock.setTimeout(() => ran.push(['a', clock.now()]), 10);
    clock.setTimeout(() => ran.push(['c', clock.now()]), 50);
    const cancelled = clock.setTimeout(() => ran.push(['x', clock.now()]), 20);
    clock.clearTimeout(cancelled);
    clock.advanceTo(140);
    expect(ran).toEqual([['a', 110]]);
    expect(clock.now()).toBe(140);
    clock.advanceBy(100);
    expect(ran).toEqual([
      ['a', 110],
      ['b', 150],
      ['c', 150],
    ]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('runs timers that timers set on the way', () => {
    const clock = new SimulatedClock();
    const ran: number[] = [];
    clock.setTimeout(() => {
      ran.push(clock.now());
      clock.setTimeout(() => ran.push(clock.now()), 5);
    }, 5);
    clock.advanceTo(100);
    expect(ran).toEqual([5, 10]);
  });

  it('refuses to go back in time', () => {
    const clock = new SimulatedClock(10);
    expect(() => clock.advanceTo(5)).toThrow('cannot go back in time');
  });
});

describe('RealClock', () => {
  it('fires after the delay and can be cancelled', async () => {
    const clock = new RealClock();
    const fired: string[] = [];
    const start = clock.now();
    clock.setTimeout(() => fired.push('kept'), 20);
    clock.clearTimeout(clock.setTimeout(() => fired.push('cancelled'), 10));
    await new Promise((r) => setTimeout(r, 60));
    expect(fired).toEqual(['kept']);
    expect(clock.now() - start).toBeGreaterThanOrEqual(20);
  });
});
