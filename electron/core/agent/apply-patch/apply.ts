import { chmod, lstat, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PatchError } from './errors';
import { binaryFileDiff, diffFile, type FileDiff } from './file-diff';
import { parsePatch, type AddFileHunk, type DeleteFileHunk, type Hunk, type ParsedPatch, type UpdateFileHunk } from './parser';
import { affectedPaths, realTargetPath, resolvePatchPath } from './paths';
import { formatSummary } from './summary';
import { updateText } from './update-text';

/** A caller's verdict on writing one absolute path. */
export type WritePermission = boolean | 'needsApproval';

export interface ApplyPatchOptions {
  /** Directory that relative paths in the patch are resolved against. */
  cwd: string;
  /**
   * Asked, before anything is written, about every path the patch would write, delete or move.
   * When a symlink makes a path land elsewhere, the real target is asked about too, and both must
   * be allowed. `false` anywhere fails the whole patch; otherwise `'needsApproval'` anywhere
   * returns a `needsApproval` result. Either way nothing is written. Omitted: everything is allowed.
   */
  canWrite?: (absPath: string) => WritePermission | Promise<WritePermission>;
}

export interface FileChange {
  kind: 'add' | 'delete' | 'update' | 'move';
  /** Absolute path of the file added, deleted, updated, or moved away from. */
  path: string;
  /** Absolute destination of a move. */
  newPath?: string;
  /** `path` as the patch wrote it. */
  displayPath: string;
  /** `newPath` as the patch wrote it. */
  displayNewPath?: string;
  /** Unified diff of the change (from `/dev/null` for an added file, to it for a deleted one). */
  diff: string;
  additions: number;
  deletions: number;
}

export type ApplyPatchResult =
  | { status: 'applied'; changes: FileChange[]; summary: string }
  /** Nothing was written: these absolute paths need the user's approval first. */
  | { status: 'needsApproval'; paths: string[] }
  /**
   * The patch failed. Hunks are applied in order, each one whole or not at all, so `changes` lists
   * the hunks that were applied before the failing one — they stay applied, as with Codex.
   */
  | { status: 'failed'; changes: FileChange[]; error: PatchError };

/** Parses and applies a patch in `options.cwd`. Never throws for a bad patch or a failed write. */
export async function applyPatch(patchText: string, options: ApplyPatchOptions): Promise<ApplyPatchResult> {
  const cwd = path.resolve(options.cwd);
  let parsed: ParsedPatch;
  try {
    parsed = parsePatch(patchText);
  } catch (error) {
    return { status: 'failed', changes: [], error: asPatchError(error) };
  }

  if (options.canWrite) {
    const verdict = await checkPermissions(parsed, cwd, options.canWrite);
    if (verdict) return verdict;
  }

  const changes: FileChange[] = [];
  for (const hunk of parsed.hunks) {
    try {
      changes.push(await applyHunk(hunk, cwd));
    } catch (error) {
      return { status: 'failed', changes, error: asPatchError(error) };
    }
  }
  return { status: 'applied', changes, summary: formatSummary(changes) };
}

async function checkPermissions(
  parsed: ParsedPatch,
  cwd: string,
  canWrite: NonNullable<ApplyPatchOptions['canWrite']>,
): Promise<ApplyPatchResult | undefined> {
  const denied: string[] = [];
  const needApproval: string[] = [];
  const seen = new Set<string>();
  for (const { path: target } of affectedPaths(parsed, cwd)) {
    if (seen.has(target)) continue;
    seen.add(target);
    const real = await realTargetPath(target);
    const verdicts = await Promise.all([target, ...(real === target ? [] : [real])].map((p) => canWrite(p)));
    if (verdicts.includes(false)) denied.push(real === target ? target : `${target} (which leads to ${real})`);
    else if (verdicts.includes('needsApproval')) needApproval.push(target);
  }
  if (denied.length > 0) {
    return {
      status: 'failed',
      changes: [],
      error: new PatchError('write-denied', `Patch rejected: writing to these paths is not allowed: ${denied.join(', ')}`),
    };
  }
  return needApproval.length > 0 ? { status: 'needsApproval', paths: needApproval } : undefined;
}

function applyHunk(hunk: Hunk, cwd: string): Promise<FileChange> {
  switch (hunk.type) {
    case 'add':
      return addFile(hunk, cwd);
    case 'delete':
      return deleteFile(hunk, cwd);
    case 'update':
      return updateFile(hunk, cwd);
  }
}

async function addFile(hunk: AddFileHunk, cwd: string): Promise<FileChange> {
  const target = resolvePatchPath(cwd, hunk.path);
  // Add File overwrites an existing file (as Codex does); the diff then shows what it replaced.
  const previous = await readExisting(target, hunk.path);
  await writeFileCreatingParents(target, hunk.contents, hunk.path);
  const diff =
    previous === undefined
      ? diffFile(hunk.path, hunk.path, null, hunk.contents)
      : previous.text === null
        ? binaryFileDiff(hunk.path, hunk.path)
        : diffFile(hunk.path, hunk.path, previous.text, hunk.contents);
  return { kind: 'add', path: target, displayPath: hunk.path, ...diff };
}

async function deleteFile(hunk: DeleteFileHunk, cwd: string): Promise<FileChange> {
  const target = resolvePatchPath(cwd, hunk.path);
  const info = await lstat(target).catch((error: unknown) => {
    throw fileError(error, `Failed to delete file ${hunk.path}`);
  });
  if (info.isDirectory()) {
    throw new PatchError('not-a-file', `Failed to delete ${hunk.path}: it is a directory, not a file`);
  }
  const previous = info.isFile() ? await readExisting(target, hunk.path) : undefined;
  await unlink(target).catch((error: unknown) => {
    throw fileError(error, `Failed to delete file ${hunk.path}`);
  });
  const previousText = previous?.text;
  const diff: FileDiff =
    typeof previousText === 'string' ? diffFile(hunk.path, hunk.path, previousText, null) : binaryFileDiff(hunk.path, null);
  return { kind: 'delete', path: target, displayPath: hunk.path, ...diff };
}

async function updateFile(hunk: UpdateFileHunk, cwd: string): Promise<FileChange> {
  const source = resolvePatchPath(cwd, hunk.path);
  const original = await readTextForUpdate(source, hunk.path);
  const updated = updateText(original, hunk.chunks, hunk.path);
  const destination = hunk.movePath === undefined ? source : resolvePatchPath(cwd, hunk.movePath);

  if (destination === source) {
    await writeFile(source, updated).catch((error: unknown) => {
      throw fileError(error, `Failed to write file ${hunk.path}`);
    });
    return { kind: 'update', path: source, displayPath: hunk.path, ...diffFile(hunk.path, hunk.path, original, updated) };
  }

  const displayNewPath = hunk.movePath ?? hunk.path;
  const { mode } = await stat(source);
  await writeFileCreatingParents(destination, updated, displayNewPath);
  // Keep the moved file's permissions (an executable script stays executable).
  await chmod(destination, mode & 0o7777).catch(() => undefined);
  await unlink(source).catch((error: unknown) => {
    throw fileError(error, `Failed to remove original ${hunk.path}`);
  });
  return {
    kind: 'move',
    path: source,
    newPath: destination,
    displayPath: hunk.path,
    displayNewPath,
    ...diffFile(hunk.path, displayNewPath, original, updated),
  };
}

/** Reads a file to update: it must exist, be a regular file, and be UTF-8 text. */
async function readTextForUpdate(target: string, displayPath: string): Promise<string> {
  const info = await stat(target).catch((error: unknown) => {
    throw fileError(error, `Failed to read file to update ${displayPath}`);
  });
  if (!info.isFile()) {
    throw new PatchError('not-a-file', `Failed to update ${displayPath}: it is a directory or special file, not a regular file`);
  }
  const bytes = await readFile(target).catch((error: unknown) => {
    throw fileError(error, `Failed to read file to update ${displayPath}`);
  });
  const text = decodeText(bytes);
  if (text === null) {
    throw new PatchError('not-text', `Failed to update ${displayPath}: it is not a UTF-8 text file (binary files cannot be patched)`);
  }
  return text;
}

/** The current state of a path about to be overwritten: absent, text, or binary (`text: null`). */
async function readExisting(target: string, displayPath: string): Promise<{ text: string | null } | undefined> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return undefined;
  if (info.isDirectory()) {
    throw new PatchError('not-a-file', `Failed to write file ${displayPath}: it is a directory`);
  }
  const bytes = await readFile(target).catch(() => undefined);
  return { text: bytes === undefined ? null : decodeText(bytes) };
}

async function writeFileCreatingParents(target: string, contents: string, displayPath: string): Promise<void> {
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new PatchError('not-a-file', `Failed to write file ${displayPath}: it is a directory`);
  }
  await mkdir(path.dirname(target), { recursive: true }).catch((error: unknown) => {
    throw fileError(error, `Failed to create parent directories for ${displayPath}`);
  });
  await writeFile(target, contents).catch((error: unknown) => {
    throw fileError(error, `Failed to write file ${displayPath}`);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as a string, or null when they are not text: invalid UTF-8, or containing NUL (as git decides). */
function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

const ERRNO_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent path is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
};

function fileError(error: unknown, context: string): PatchError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code && ERRNO_REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  const kind = code === 'ENOENT' ? 'file-not-found' : code === 'EISDIR' ? 'not-a-file' : 'io';
  return new PatchError(kind, `${context}: ${reason}`);
}

function asPatchError(error: unknown): PatchError {
  if (error instanceof PatchError) return error;
  return new PatchError('io', error instanceof Error ? error.message : String(error));
}
