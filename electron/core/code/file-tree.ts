/**
 * The folder structure implied by a flat, sorted file list: which folders and files sit directly in
 * each folder. Built once per listing (about 50 ms for 100,000 files); each `code.tree` call is then
 * a map lookup and a sort of one folder's entries.
 */
import type { GitDecoration, TreeEntry } from '../../../shared/contract/code';

interface Folder {
  dirs: Set<string>;
  files: string[];
}

/** "file2" before "file10", case folded, as file managers and editors sort. */
const natural = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export class FileTree {
  private readonly folders = new Map<string, Folder>();

  constructor(
    paths: readonly string[],
    private readonly submodules: ReadonlySet<string>,
  ) {
    this.folders.set('', { dirs: new Set(), files: [] });
    for (const p of paths) {
      const slash = p.lastIndexOf('/');
      const parent = slash < 0 ? '' : p.slice(0, slash);
      this.folder(parent).files.push(p.slice(slash + 1));
    }
  }

  has(dir: string): boolean {
    return this.folders.has(dir);
  }

  /** Folders first, then files, each in natural order. Null when `dir` is not a folder of the listing. */
  entries(dir: string, decorations: ReadonlyMap<string, GitDecoration>): TreeEntry[] | null {
    const folder = this.folders.get(dir);
    if (!folder) return null;
    const join = (name: string) => (dir ? `${dir}/${name}` : name);
    const dirs = [...folder.dirs].sort(natural.compare).map(
      (name): TreeEntry => ({ name, path: join(name), kind: 'dir', decoration: decorations.get(join(name)) ?? null }),
    );
    const files = [...folder.files].sort(natural.compare).map((name): TreeEntry => {
      const p = join(name);
      return { name, path: p, kind: this.submodules.has(p) ? 'submodule' : 'file', decoration: decorations.get(p) ?? null };
    });
    return [...dirs, ...files];
  }

  /** Creates the folder and registers it (and its parents) in their parents. */
  private folder(dir: string): Folder {
    let folder = this.folders.get(dir);
    if (folder) return folder;
    folder = { dirs: new Set(), files: [] };
    this.folders.set(dir, folder);
    const slash = dir.lastIndexOf('/');
    const parent = slash < 0 ? '' : dir.slice(0, slash);
    this.folder(parent).dirs.add(dir.slice(slash + 1));
    return folder;
  }
}
