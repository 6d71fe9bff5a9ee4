/**
 * What /proc says about a window's process: its name, and for a terminal emulator the folder its
 * shell is in. Linux only; anything unreadable (another user's process, a window from another
 * machine whose pid means nothing here, a kernel without /proc/PID/task/PID/children) gives null.
 */
import fs from 'node:fs/promises';

export async function processName(pid: number): Promise<string | null> {
  try {
    return (await fs.readFile(`/proc/${pid}/comm`, 'utf8')).trim() || null;
  } catch {
    return null;
  }
}

/**
 * The working folder of the newest child of `pid` — for a terminal emulator, the shell in its most
 * recently opened tab.
 */
export async function newestChildCwd(pid: number): Promise<string | null> {
  let children: number[];
  try {
    children = (await fs.readFile(`/proc/${pid}/task/${pid}/children`, 'utf8'))
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return null;
  }
  let best: { start: number; pid: number } | null = null;
  for (const child of children) {
    const start = await startTime(child);
    if (start !== null && (!best || start >= best.start)) best = { start, pid: child };
  }
  if (!best) return null;
  try {
    return await fs.readlink(`/proc/${best.pid}/cwd`);
  } catch {
    return null;
  }
}

/** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. */
async function startTime(pid: number): Promise<number | null> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const n = Number(fields[19]);
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}
