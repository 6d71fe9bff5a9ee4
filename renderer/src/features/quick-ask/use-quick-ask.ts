/**
 * Asking from quick ask: a new thread (in the workspace the repo in focus belongs to, else none) and a
 * read-only turn — sandbox `read-only`, approval `never` — whose message carries the kept chips. The
 * answer streams from the agent's `item.delta` events; the thread stays, so it can be continued in the
 * main window with its context.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TurnContextChip } from '../../../../shared/contract';
import type { TandemClient } from '../../api/client';
import { describeError } from '../../api/describe-error';

export type AskPhase = 'idle' | 'asking' | 'answering' | 'done' | 'failed';

export interface QuickAnswer {
  phase: AskPhase;
  question: string;
  threadId: string | null;
  /** Agent messages of the turn, in order, as far as they have streamed. */
  text: string;
  error: string | null;
}

const IDLE: QuickAnswer = { phase: 'idle', question: '', threadId: null, text: '', error: null };

export function useQuickAsk(client: TandemClient, onAsked?: (threadId: string, question: string) => void) {
  const [answer, setAnswer] = useState<QuickAnswer>(IDLE);
  const stop = useRef<(() => void) | null>(null);

  const reset = useCallback(() => {
    stop.current?.();
    stop.current = null;
    setAnswer(IDLE);
  }, []);
  useEffect(() => () => stop.current?.(), []);

  const ask = useCallback(
    async (question: string, chips: TurnContextChip[], workspaceId: string | null) => {
      stop.current?.();
      setAnswer({ ...IDLE, phase: 'asking', question });
      const thread = await client.invoke('threads.create', { workspaceId });
      // Text per agent message, in the order they started: a turn that ran a tool has several.
      const messages = new Map<string, string>();
      const show = () => setAnswer((a) => (a.threadId === thread.id ? { ...a, phase: a.phase === 'asking' ? 'answering' : a.phase, text: [...messages.values()].join('\n\n') } : a));
      const offs = [
        client.on('item.started', ({ threadId, item }) => {
          if (threadId === thread.id && item.type === 'agentMessage' && !messages.has(item.id)) messages.set(item.id, item.text);
        }),
        client.on('item.delta', ({ threadId, itemId, delta }) => {
          if (threadId !== thread.id || delta.kind !== 'text') return;
          messages.set(itemId, (messages.get(itemId) ?? '') + delta.text);
          show();
        }),
        client.on('item.completed', ({ threadId, item }) => {
          if (threadId !== thread.id || item.type !== 'agentMessage') return;
          messages.set(item.id, item.text);
          show();
        }),
        client.on('turn.completed', ({ threadId, turn }) => {
          if (threadId !== thread.id) return;
          const failed = turn.status === 'failed';
          setAnswer((a) => ({ ...a, phase: failed ? 'failed' : 'done', error: failed ? (turn.error?.message ?? 'The answer failed.') : a.error }));
          off();
        }),
      ];
      const off = () => offs.forEach((f) => f());
      stop.current = off;
      setAnswer((a) => ({ ...a, threadId: thread.id }));
      onAsked?.(thread.id, question);
      try {
        await client.invoke('turn.start', {
          threadId: thread.id,
          text: question,
          context: { chips },
          sandbox: 'read-only',
          approvalPolicy: 'never',
        });
      } catch (err) {
        off();
        setAnswer((a) => ({ ...a, phase: 'failed', error: describeError(err) }));
      }
    },
    [client, onAsked],
  );

  return { answer, ask, reset };
}
