/**
 * Rust panics: `thread 'main' (123) panicked at src/main.rs:10:11:` then the message (Rust 1.73+), or
 * the older `thread 'main' panicked at 'msg', src/main.rs:10:11`. With RUST_BACKTRACE=1 the
 * backtrace's `at ./src/lib.rs:9:9` lines are the frames; the panic location is the top frame.
 */
import { cleanLines } from '../text';
import type { StackFrame, StackTrace } from './types';

const PANIC_NEW = /^thread '(.+?)'(?: \(\d+\))? panicked at (.+?):(\d+):(\d+):$/;
const PANIC_OLD = /^thread '(.+?)'(?: \(\d+\))? panicked at '(.*)', (.+?):(\d+):(\d+)$/;
const BACKTRACE_FN = /^\s*\d+: (.+)$/;
const BACKTRACE_AT = /^\s+at (.+?):(\d+):(\d+)$/;
const EXTERNAL = /(^\/rustc\/|\/\.cargo\/registry\/|\/library\/(?:std|core|alloc)\/)/;

export function parseRustPanic(text: string): StackTrace | null {
  const lines = cleanLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fresh = PANIC_NEW.exec(line);
    const old = fresh ? null : PANIC_OLD.exec(line);
    if (!fresh && !old) continue;

    const file = fresh ? fresh[2]! : old![3]!;
    const at: StackFrame = {
      file,
      line: Number(fresh ? fresh[3] : old![4]),
      column: Number(fresh ? fresh[4] : old![5]),
      inProject: !EXTERNAL.test(file),
    };
    let message = old ? old[2]! : '';
    if (fresh) {
      const body: string[] = [];
      for (const next of lines.slice(i + 1)) {
        if (next.trim() === '' || /^(note|stack backtrace):/.test(next)) break;
        body.push(next.trim());
      }
      message = body.join(' ');
    }
    const frames = backtrace(lines.slice(i + 1));
    return { language: 'rust', error: `panicked: ${message}`.trim(), frames: frames.length > 0 ? frames : [at], top: at.inProject ? at : (frames.find((f) => f.inProject) ?? null) };
  }
  return null;
}

function backtrace(lines: string[]): StackFrame[] {
  const start = lines.findIndex((l) => l.startsWith('stack backtrace:'));
  if (start === -1) return [];
  const frames: StackFrame[] = [];
  let fn: string | undefined;
  for (const line of lines.slice(start + 1)) {
    const f = BACKTRACE_FN.exec(line);
    if (f) {
      fn = f[1]!.trim();
      continue;
    }
    const at = BACKTRACE_AT.exec(line);
    if (at) {
      const file = at[1]!.replace(/^\.\//, '');
      frames.push({ file, line: Number(at[2]), column: Number(at[3]), function: fn, inProject: !EXTERNAL.test(at[1]!) });
      continue;
    }
    break;
  }
  return frames;
}
