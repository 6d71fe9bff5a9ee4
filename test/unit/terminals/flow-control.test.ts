import { afterEach, expect, test, vi } from 'vitest';
import { STALLED_VIEWER_MS, TerminalFlowControl } from '../../../electron/core/terminals/flow-control';

afterEach(() => {
  vi.useRealTimers();
});

function setup(now?: () => number) {
  const limits: Array<number | null> = [];
  const flow = new TerminalFlowControl((l) => limits.push(l), now);
  return { flow, limits };
}

test('the limit is what the viewer has acknowledged; output before it attached is not owed', () => {
  const { flow, limits } = setup();
  flow.sent(1_000); // before anyone viewed
  flow.attach('a');
  expect(limits).toEqual([1_000]);
  flow.sent(150_000);
  expect(flow.behindBy).toBe(150_000);
  flow.ack('a', 100_000);
  expect(limits).toEqual([1_000, 101_000]);
  flow.ack('a', 10_000_000); // never past what was sent
  expect(flow.limit).toBe(151_000);
  flow.dispose();
});

test('the slowest viewer sets the limit; clients that never view do not count; leaving lifts it', () => {
  const { flow, limits } = setup();
  flow.attach('fast');
  flow.attach('slow');
  flow.sent(150_000);
  flow.ack('fast', 150_000);
  expect(flow.limit).toBe(0);
  expect(flow.unackedBy('slow')).toBe(150_000);
  flow.detach('slow');
  expect(flow.limit).toBe(150_000);
  flow.detach('fast');
  expect(limits.at(-1)).toBeNull();
  flow.dispose();
});

test('a viewer silent for the stall timeout is no longer waited for, until it acks again', () => {
  vi.useFakeTimers();
  let now = 0;
  const { flow, limits } = setup(() => now);
  flow.attach('gone');
  flow.sent(200_000);
  expect(flow.limit).toBe(0);
  now += STALLED_VIEWER_MS;
  vi.advanceTimersByTime(STALLED_VIEWER_MS);
  expect(limits.at(-1)).toBeNull();
  // It comes back and acks a little: waited for again, from where it is.
  flow.ack('gone', 1_000);
  expect(limits.at(-1)).toBe(1_000);
  flow.dispose();
});

test('a viewer that keeps acking while far behind is not taken for stalled', () => {
  vi.useFakeTimers();
  let now = 0;
  const { flow } = setup(() => now);
  flow.attach('slow');
  flow.sent(500_000);
  for (let i = 0; i < 10; i++) {
    now += 1_000;
    vi.advanceTimersByTime(1_000);
    flow.ack('slow', 10_000);
  }
  expect(flow.limit).toBe(100_000);
  flow.dispose();
});
