/**
 * "Compact conversation" in the command palette while a thread is open: asks the core for a handoff
 * summary that replaces the thread's history in what the model sees (`thread.compact`). Greyed out
 * while a turn runs or when there is nothing to compact.
 */
import { useMemo } from 'react';
import { describeError } from '../../api/describe-error';
import { useStores } from '../../stores/react';
import { useRegisterCommands } from '../commands/react';
import type { Command } from '../commands/registry';
import type { ThreadStream } from './agent-stream';
import { canCompact } from './compaction-view';

export function useCompactCommand(threadId: string, stream: ThreadStream): void {
  const { agent, toasts } = useStores();
  const enabled = canCompact(stream);
  const commands = useMemo<Command[]>(
    () => [
      {
        id: 'thread.compact',
        title: 'Compact conversation',
        category: 'Thread',
        keywords: 'summarize summary context window tokens shrink',
        enabled,
        run: async () => {
          try {
            await agent.getState().compact(threadId);
          } catch (error) {
            toasts.getState().show('error', `Couldn’t compact the conversation: ${describeError(error)}`);
          }
        },
      },
    ],
    [agent, toasts, threadId, enabled],
  );
  useRegisterCommands('agent.compaction', commands);
}
