import { z } from 'zod';
import { event, method } from './define';

export type ThreadStatus = 'idle' | 'running' | 'waitingForApproval' | 'done' | 'failed';

export interface Thread {
  id: string;
  workspaceId: string | null;
  title: string;
  status: ThreadStatus;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
}

/** One entry of a thread's append-only item log (userMessage, agentMessage, commandExecution, …). */
export interface ThreadItem {
  id: string;
  threadId: string;
  turnId: string | null;
  seq: number;
  type: string;
  /** The item's completed body, as the agent recorded it. */
  data: unknown;
  createdAt: number;
}

const Id = z.string().min(1).max(64);

export const threadMethods = {
  'threads.list': method<Thread[]>()(z.object({ workspaceId: Id.nullable().optional(), includeArchived: z.boolean().optional() }).strict()),
  'threads.create': method<Thread>()(z.object({ workspaceId: Id.nullable().optional(), title: z.string().trim().min(1).max(200).optional() }).strict()),
  'threads.get': method<{ thread: Thread; items: ThreadItem[] }>()(z.object({ id: Id }).strict()),
  'threads.rename': method<Thread>()(z.object({ id: Id, title: z.string().trim().min(1, 'A title cannot be empty').max(200) }).strict()),
  'threads.archive': method<Thread>()(z.object({ id: Id, archived: z.boolean().default(true) }).strict()),
};

export const threadEvents = {
  'threads.changed': event<Thread>(),
};
