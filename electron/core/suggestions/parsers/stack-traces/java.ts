/**
 * JVM stack traces: `Exception in thread "main" java.lang.X: msg` (or a bare `pkg.XException: msg`),
 * `\tat pkg.Class.method(File.java:12)` frames, and `Caused by:` sections. The root cause is where it
 * really broke, so its frames choose the top frame.
 */
import { cleanLines } from '../text';
import type { StackFrame, StackTrace } from './types';

const ERROR_LINE = /^(?:Exception in thread "[^"]*" )?((?:[A-Za-z_$][\w$]*\.)*[A-Z][\w$]*(?:Exception|Error|Throwable)(?::.*)?)$/;
const FRAME = /^\s+at ([\w$.<>/-]+)\((.*?)\)\s*$/;
const CAUSED_BY = /^Caused by: (.*)$/;
/** The JDK, the language runtimes and the build and test tools that wrap user code. */
const EXTERNAL_CLASS = /^(?:[\w.]+\/)?(java|javax|jdk|sun|com\.sun|kotlin|kotlinx|scala|org\.junit|junit|org\.apache\.maven|org\.gradle|worker\.org\.gradle)\./;

export function parseJavaStack(text: string): StackTrace | null {
  const lines = cleanLines(text);
  const first = lines.findIndex((l, i) => FRAME.test(l) && i > 0 && ERROR_LINE.test(lines[i - 1]!.trim()));
  if (first === -1) return null;
  const outer = ERROR_LINE.exec(lines[first - 1]!.trim())![1]!;

  const frames: StackFrame[] = [];
  let rootCause: string | null = null;
  let rootFrames: StackFrame[] = [];
  for (const line of lines.slice(first)) {
    const frame = FRAME.exec(line);
    if (frame) {
      const f = toFrame(frame[1]!, frame[2]!);
      frames.push(f);
      if (rootCause !== null) rootFrames.push(f);
      continue;
    }
    const cause = CAUSED_BY.exec(line.trim());
    if (cause) {
      rootCause = cause[1]!;
      rootFrames = [];
      continue;
    }
    if (/^\s+\.\.\. \d+ more\s*$/.test(line)) continue;
    break;
  }
  const error = rootCause ? `${outer} (caused by ${rootCause})` : outer;
  const top = rootFrames.find((f) => f.inProject) ?? frames.find((f) => f.inProject) ?? null;
  return { language: 'java', error, frames, top };
}

function toFrame(method: string, where: string): StackFrame {
  const loc = /^(.+?):(\d+)$/.exec(where);
  return {
    file: loc ? loc[1]! : where,
    line: loc ? Number(loc[2]) : null,
    function: method,
    inProject: loc !== null && !EXTERNAL_CLASS.test(method),
  };
}
