import { realpath, readlink } from 'node:fs/promises';
import path from 'node:path';
import { parsePatch, type ParsedPatch } from './parser';

/*
 * Which files a patch touches, resolved against the working directory. Pure (no filesystem) so that
 * the agent's sandbox check can decide — apply, ask for approval, or refuse — before anything runs.
 */

export type PathOperation = 'add' | 'delete' | 'update' | 'move-from' | 'move-to';

export interface AffectedPath {
  /** Absolute, normalised path. */
  path: string;
  /** The path as written in the patch. */
  patchPath: string;
  operation: PathOperation;
  /** The patch wrote an absolute path. */
  absoluteInPatch: boolean;
  /** The path lies outside `cwd` (absolute elsewhere, or `..` climbing out). */
  outsideCwd: boolean;
}

/** Resolves a path from the patch against `cwd`. Absolute paths are kept as they are. */
export function resolvePatchPath(cwd: string, patchPath: string): string {
  return path.resolve(cwd, patchPath);
}

/** True when `target` is `root` itself or inside it (lexically). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * Every path the patch writes (adds, deletes, updates, moves from and to), in patch order.
 * Throws the parser's {@link PatchError} for text that is not a valid patch.
 */
export function affectedPaths(patch: string | ParsedPatch, cwd: string): AffectedPath[] {
  const parsed = typeof patch === 'string' ? parsePatch(patch) : patch;
  const root = path.resolve(cwd);
  const describe = (patchPath: string, operation: PathOperation): AffectedPath => {
    const resolved = resolvePatchPath(root, patchPath);
    return {
      path: resolved,
      patchPath,
      operation,
      absoluteInPatch: path.isAbsolute(patchPath),
      outsideCwd: !isInside(root, resolved),
    };
  };

  const result: AffectedPath[] = [];
  for (const hunk of parsed.hunks) {
    if (hunk.type === 'update' && hunk.movePath !== undefined) {
      result.push(describe(hunk.path, 'move-from'), describe(hunk.movePath, 'move-to'));
    } else {
      result.push(describe(hunk.path, hunk.type));
    }
  }
  return result;
}

const MAX_LINK_HOPS = 40;

/**
 * Where a write to `target` would really land once symlinks are followed, for paths that may not
 * exist yet: the deepest existing ancestor is resolved and the rest appended. A dangling symlink is
 * followed to the file it would create.
 */
export async function realTargetPath(target: string, hops = 0): Promise<string> {
  try {
    return await realpath(target);
  } catch {
    if (hops >= MAX_LINK_HOPS) return target;
    try {
      const link = await readlink(target);
      return await realTargetPath(path.resolve(path.dirname(target), link), hops + 1);
    } catch {
      // Not a symlink: the path itself does not exist yet.
    }
    const parent = path.dirname(target);
    if (parent === target) return target;
    return path.join(await realTargetPath(parent, hops + 1), path.basename(target));
  }
}
