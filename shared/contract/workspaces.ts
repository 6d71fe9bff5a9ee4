import { z } from 'zod';
import { event, method } from './define';

/** A folder the user opened in Tandem, usually a git repo. */
export interface Workspace {
  id: string;
  path: string;
  name: string;
  isGit: boolean;
  addedAt: number;
}

export const workspaceMethods = {
  'workspaces.list': method<Workspace[]>()(z.object({}).strict()),
  'workspaces.add': method<Workspace>()(z.object({ path: z.string().trim().min(1, 'Enter a folder path').max(4096) }).strict()),
  'workspaces.remove': method<{ removed: boolean }>()(z.object({ id: z.string().min(1).max(64) }).strict()),
};

export const workspaceEvents = {
  'workspaces.changed': event<Workspace[]>(),
};
