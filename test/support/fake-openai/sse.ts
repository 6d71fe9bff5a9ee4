// Writes a scripted reply onto an HTTP response as Server-Sent Events, applying the step's faults:
// delays between events, a cut after N events (connection reset or clean EOF), a malformed `data:` line.
import type { ServerResponse } from 'node:http';
import type { StreamShaping } from './script';

/** One SSE message: Responses events carry an `event:` line; Chat Completions chunks only `data:`. */
export interface SseFrame {
  event?: string;
  data: string;
}

const DEFAULT_MALFORMED_AFTER_EVENTS = 2;

/** Responses the fake dropped on purpose, so the server does not mistake the drop for a client hang-up. */
export const deliberatelyReset = new WeakSet<ServerResponse>();

export interface StreamOutcome {
  /** Frames actually written before the stream ended. */
  framesSent: number;
  /** How the stream ended. */
  ending: 'complete' | 'cut-reset' | 'cut-eof' | 'malformed' | 'client-gone';
}

export async function writeSse(
  res: ServerResponse,
  frames: SseFrame[],
  shaping: StreamShaping,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<StreamOutcome> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
  });
  res.flushHeaders();

  const malformedAt = shaping.malformedSse ? (shaping.malformedAfterEvents ?? DEFAULT_MALFORMED_AFTER_EVENTS) : Infinity;
  const cutAt = shaping.cutAfterEvents ?? Infinity;
  let sent = 0;
  for (const frame of frames) {
    if (sent === malformedAt) {
      // Valid SSE framing around a payload that is not JSON, as a buggy proxy or server might send.
      res.end(`${frame.event ? `event: ${frame.event}\n` : ''}data: ${frame.data.slice(0, Math.ceil(frame.data.length / 2))}\n\n`);
      return { framesSent: sent, ending: 'malformed' };
    }
    if (sent === cutAt) return cut(res, shaping, sent, signal);
    if (sent > 0 && shaping.delayMsBetweenEvents) await sleep(shaping.delayMsBetweenEvents, signal);
    if (signal.aborted || res.destroyed) return { framesSent: sent, ending: 'client-gone' };
    res.write(`${frame.event ? `event: ${frame.event}\n` : ''}data: ${frame.data}\n\n`);
    sent += 1;
  }
  if (sent === cutAt) return cut(res, shaping, sent, signal);
  res.end();
  return { framesSent: sent, ending: 'complete' };
}

/** Sends a non-streaming JSON body, honouring a cut (half the body, then reset or EOF) or `malformedSse`. */
export async function writeJson(
  res: ServerResponse,
  status: number,
  body: string,
  shaping: StreamShaping,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<StreamOutcome['ending']> {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  const half = body.slice(0, Math.ceil(body.length / 2));
  if (shaping.malformedSse) {
    res.end(half);
    return 'malformed';
  }
  if (shaping.cutAfterEvents !== undefined) {
    res.write(half);
    return (await cut(res, shaping, 0, signal)).ending;
  }
  res.end(body);
  return 'complete';
}

/**
 * A connection that drops right after a write can take the last events with it: the client's fetch stream
 * errors and discards chunks it has not read yet. A real drop happens after the client has seen what was
 * sent, so the fake waits this long before resetting.
 */
const SETTLE_BEFORE_RESET_MS = 100;

async function cut(res: ServerResponse, shaping: StreamShaping, sent: number, signal: AbortSignal): Promise<StreamOutcome> {
  if (shaping.cutMode === 'eof') {
    res.end();
    return { framesSent: sent, ending: 'cut-eof' };
  }
  await sleep(SETTLE_BEFORE_RESET_MS, signal);
  // Destroying the socket mid-body is what a dropped connection looks like to the client.
  deliberatelyReset.add(res);
  res.destroy();
  return { framesSent: sent, ending: 'cut-reset' };
}

/** Resolves after `ms`, or early when `signal` aborts (the client hung up or the server is closing). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
