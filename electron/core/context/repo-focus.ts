/**
 * Which repo the user is working in, for the git chip. In order: the project folder an IDE's title
 * shows, a terminal window's folder, the editor's workspace name matched to a folder Tandem knows,
 * the project open in Tandem's UI, the folders of the latest terminal commands, and last the folder
 * the `tandem` command runs in. The git provider takes the first that is inside a repo.
 */
import path from 'node:path';
import type { ActiveWindowInfo } from '../../../shared/contract';

export interface RepoFocusSources {
  window: ActiveWindowInfo | null;
  /** The project open in the UI, when the caller named one. */
  workspaceHint: string | null;
  /** Folders of recent terminal commands, newest first. */
  terminalFolders: string[];
  /** Folders the user opened in Tandem. */
  knownFolders: string[];
  /** The CLI's working folder. */
  fallback: string | null;
}

export function repoCandidates(s: RepoFocusSources): string[] {
  const out: string[] = [];
  const add = (p: string | null | undefined) => {
    if (p && path.isAbsolute(p) && !out.includes(p)) out.push(p);
  };
  const derived = s.window?.derived;
  add(derived?.workspacePath);
  add(derived?.cwd);
  if (derived?.workspace) add(folderNamed(derived.workspace, [...s.knownFolders, ...s.terminalFolders, ...(s.fallback ? [s.fallback] : [])]));
  add(s.workspaceHint);
  for (const folder of s.terminalFolders.slice(0, 3)) add(folder);
  add(s.fallback);
  return out;
}

/** A folder called `name`: one of `folders`, or a folder above one of them. */
export function folderNamed(name: string, folders: string[]): string | null {
  for (const folder of folders) {
    let current = path.resolve(folder);
    for (;;) {
      if (path.basename(current) === name) return current;
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  return null;
}
