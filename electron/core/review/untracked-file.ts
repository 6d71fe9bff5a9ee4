/**
 * An untracked file shown as added, built from the file itself: `git diff` does not see untracked
 * files, and marking them intent-to-add would write to the user's index. The result has the same
 * shape git would print for a new file (one hunk of added lines, "no newline" marker, binary and
 * symlink handling the way git does them).
 */
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DiffFile } from '../../../shared/contract/review';
import { buildFile, buildHunk, fingerprint, formatHunkHeader, makeFileId } from './diff-model';

/** Larger untracked files are listed without their content (a forgotten log or dump, usually). */
export const MAX_UNTRACKED_FILE_BYTES = 16 * 1024 * 1024;
/** Git's own test: a NUL in the first 8000 bytes makes a file binary. */
const BINARY_SNIFF_BYTES = 8000;
const NO_NEWLINE_MARKER = '\\ No newline at end of file';

/**
 * The model of one untracked path, or null when it vanished since it was listed. `nested` marks a
 * folder holding its own repository (git lists it as `dir/`). `area` is 'range' when the file is
 * part of a read-only source (a worktree against its base).
 */
export async function untrackedFileModel(
  root: string,
  relPath: string,
  options: { nested?: boolean; area?: 'untracked' | 'range' } = {},
): Promise<DiffFile | null> {
  const abs = path.join(root, relPath);
  const area = options.area ?? 'untracked';
  const id = makeFileId(area, relPath, null);
  let stat: Stats;
  try {
    stat = await fs.lstat(abs);
  } catch {
    return null;
  }
  const base = { id, area, lossyText: false };
  const record = (mode: string) => ({ oldMode: '000000', newMode: mode, status: 'A', score: null, path: relPath, oldPath: null });

  if (options.nested || stat.isDirectory()) {
    return buildFile({ ...base, record: record('160000'), hunks: [], binary: false, version: fingerprint(`nested\0${relPath}`) });
  }
  let content: Buffer;
  let mode: string;
  if (stat.isSymbolicLink()) {
    content = Buffer.from(await fs.readlink(abs), 'utf8');
    mode = '120000';
  } else {
    mode = stat.mode & 0o100 ? '100755' : '100644';
    if (stat.size > MAX_UNTRACKED_FILE_BYTES) {
      const version = fingerprint(`large\0${mode}\0${stat.size}\0${stat.mtimeMs}\0${stat.ino}`);
      return buildFile({ ...base, record: record(mode), hunks: [], binary: false, tooLarge: true, version });
    }
    try {
      content = await fs.readFile(abs);
    } catch {
      return null;
    }
  }
  const version = fingerprint(Buffer.concat([Buffer.from(`${mode}\0`), content]));
  if (content.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return buildFile({ ...base, record: record(mode), hunks: [], binary: true, version });
  }
  const text = content.toString('utf8');
  if (text.length === 0) return buildFile({ ...base, record: record(mode), hunks: [], binary: false, version });

  const lines = text.split('\n');
  const endsWithNewline = lines[lines.length - 1] === '';
  if (endsWithNewline) lines.pop();
  const raw = lines.map((l) => `+${l}`);
  if (!endsWithNewline) raw.push(NO_NEWLINE_MARKER);
  const shape = { oldStart: 1, oldLines: 0, newStart: 1, newLines: lines.length };
  const hunk = buildHunk(id, { ...shape, lines: raw }, formatHunkHeader(shape));
  return buildFile({ ...base, record: record(mode), hunks: [hunk], binary: false, lossyText: text.includes('\uFFFD'), version });
}
