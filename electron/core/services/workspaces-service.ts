/** Folders the user opened. A path must exist and be a directory; git repos are recognised. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RpcError, type Workspace } from '../../../shared/contract';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';

export class WorkspacesService {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
  ) {}

  add(rawPath: string): Workspace {
    const expanded = rawPath === '~' || rawPath.startsWith('~/') ? path.join(os.homedir(), rawPath.slice(1)) : rawPath;
    if (!path.isAbsolute(expanded)) throw new RpcError('invalid_input', `Enter an absolute folder path (got "${rawPath}")`);
    let real: string;
    try {
      real = fs.realpathSync(expanded);
    } catch {
      throw new RpcError('not_found', `No folder at ${expanded}`);
    }
    if (!fs.statSync(real).isDirectory()) throw new RpcError('invalid_input', `${real} is a file, not a folder`);
    const existing = this.store.workspaces.byPath(real);
    if (existing) return existing;
    const ws = this.store.workspaces.add({ path: real, name: path.basename(real) || real, isGit: isGitRepo(real) });
    this.events.emit('workspaces.changed', this.store.workspaces.list());
    return ws;
  }

  remove(id: string): { removed: boolean } {
    const removed = this.store.workspaces.remove(id);
    if (removed) this.events.emit('workspaces.changed', this.store.workspaces.list());
    return { removed };
  }

  handlers(): Pick<Handlers, 'workspaces.list' | 'workspaces.add' | 'workspaces.remove'> {
    return {
      'workspaces.list': () => this.store.workspaces.list(),
      'workspaces.add': ({ path: p }) => this.add(p),
      'workspaces.remove': ({ id }) => this.remove(id),
    };
  }
}

/** A folder is a repo when it has a .git entry (a directory, or a file for worktrees and submodules). */
function isGitRepo(dir: string): boolean {
  return fs.existsSync(path.join(dir, '.git'));
}
