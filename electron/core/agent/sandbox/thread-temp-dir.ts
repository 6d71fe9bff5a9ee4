/*
 * Each thread's own temp dir: /tmp inside its sandboxed commands, kept between commands (a model
 * often writes `/tmp/out.txt` in one command and reads it in the next) and private to the thread.
 * It lives under Tandem's data dir, not the host /tmp, so it survives a reboot mid-thread and is
 * removed with the thread.
 */
import { mkdir, realpath, rm } from 'node:fs/promises';
import path from 'node:path';

const SAFE_THREAD_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function threadTempDirPath(dataDir: string, threadId: string): string {
  if (!SAFE_THREAD_ID.test(threadId)) throw new Error(`Not a valid thread id for a temp dir: ${JSON.stringify(threadId)}`);
  return path.join(dataDir, 'sandbox', 'tmp', threadId);
}

/** Creates the dir (owner-only) if needed and returns its real path, as the sandbox needs it. */
export async function ensureThreadTempDir(dataDir: string, threadId: string): Promise<string> {
  const dir = threadTempDirPath(dataDir, threadId);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return realpath(dir);
}

export async function removeThreadTempDir(dataDir: string, threadId: string): Promise<void> {
  await rm(threadTempDirPath(dataDir, threadId), { recursive: true, force: true });
}
