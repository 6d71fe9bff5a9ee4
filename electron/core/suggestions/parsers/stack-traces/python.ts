/**
 * Python tracebacks: `Traceback (most recent call last):`, `File "…", line N, in fn` frames (oldest
 * first), then the exception line. With chained exceptions the last traceback is the one that escaped.
 */
import { cleanLines } from '../text';
import type { StackFrame, StackTrace } from './types';

const HEADER = /^\s*Traceback \(most recent call last\):\s*$/;
const FRAME = /^\s*File "(.+?)", line (\d+)(?:, in (.+))?\s*$/;
const EXTERNAL = /(\/lib\/python\d[\d.]*\/|site-packages|dist-packages|^<)/;

export function parsePythonTraceback(text: string): StackTrace | null {
  const lines = cleanLines(text);
  let start = -1;
  lines.forEach((l, i) => {
    if (HEADER.test(l)) start = i;
  });
  if (start === -1) return null;

  const frames: StackFrame[] = [];
  let error: string | null = null;
  for (const line of lines.slice(start + 1)) {
    const m = FRAME.exec(line);
    if (m) {
      const file = m[1]!;
      frames.push({ file, line: Number(m[2]), function: m[3]?.trim(), inProject: !EXTERNAL.test(file) });
      continue;
    }
    // Source lines and carets under a frame are indented; the exception line is not.
    if (frames.length > 0 && line.trim() !== '' && !/^\s/.test(line)) {
      error = line.trim();
      break;
    }
  }
  if (frames.length === 0 || error === null) return null;
  const top = [...frames].reverse().find((f) => f.inProject) ?? null;
  return { language: 'python', error, frames, top };
}
