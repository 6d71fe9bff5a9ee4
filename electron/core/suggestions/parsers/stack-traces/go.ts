/**
 * Go panics: `panic: …`, then per goroutine a function line followed by `\t/path/file.go:24 +0x1d0`,
 * most recent call first. Frames under GOROOT (runtime, testing) and the module cache are not the
 * user's code.
 */
import { cleanLines } from '../text';
import type { StackFrame, StackTrace } from './types';

const PANIC = /^panic: (.*?)(?: \[recovered\])?$/;
const LOCATION = /^\t(.+\.go):(\d+)(?: \+0x[0-9a-f]+)?$/;
const EXTERNAL = /(\/usr\/(?:local\/)?(?:lib\/)?go(?:-[\d.]+)?\/src\/|\/go\/pkg\/mod\/|\/libexec\/src\/|[\\/]Go[\\/]src[\\/]|^\$GOROOT)/;

export function parseGoPanic(text: string): StackTrace | null {
  const lines = cleanLines(text);
  const start = lines.findIndex((l) => PANIC.test(l));
  if (start === -1) return null;
  const error = `panic: ${PANIC.exec(lines[start]!)![1]!}`;

  const frames: StackFrame[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const loc = LOCATION.exec(lines[i]!);
    if (!loc) continue;
    const fn = lines[i - 1]!.replace(/\(.*\)$/, '').trim();
    const file = loc[1]!;
    frames.push({ file, line: Number(loc[2]), function: fn, inProject: !EXTERNAL.test(file) });
  }
  if (frames.length === 0) return null;
  const top = frames.find((f) => f.inProject) ?? null;
  return { language: 'go', error, frames, top };
}
