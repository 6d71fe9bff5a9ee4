/** Finds a stack trace in any text: Python, JVM, Go, Rust or JavaScript, whichever is there. */
import { parseGoPanic } from './go';
import { parseJavaStack } from './java';
import { parseNodeStack } from './node';
import { parsePythonTraceback } from './python';
import { parseRustPanic } from './rust';
import type { StackTrace } from './types';

export type { StackFrame, StackTrace, TraceLanguage } from './types';

const DETECTORS = [parsePythonTraceback, parseJavaStack, parseGoPanic, parseRustPanic, parseNodeStack];

export function detectStackTrace(text: string): StackTrace | null {
  for (const detect of DETECTORS) {
    const trace = detect(text);
    if (trace) return trace;
  }
  return null;
}

export { parseGoPanic, parseJavaStack, parseNodeStack, parsePythonTraceback, parseRustPanic };
