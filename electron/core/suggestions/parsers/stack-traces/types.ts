/** A stack trace found in text: a crash in a command's output, or one the user copied or selected. */

export type TraceLanguage = 'python' | 'node' | 'java' | 'go' | 'rust';

export interface StackFrame {
  /** As printed: a path, a basename (Java), a URL (browsers) or a pseudo-file like `<anonymous>`. */
  file: string;
  line: number | null;
  column?: number;
  function?: string;
  /** False for the language's own library, installed dependencies and pseudo-files. */
  inProject: boolean;
}

export interface StackTrace {
  language: TraceLanguage;
  /** The exception or panic, on one line (`TypeError: Cannot read properties of undefined (reading 'trim')`). */
  error: string;
  frames: StackFrame[];
  /** The frame most likely to be the user's own code where it broke; null when every frame is library code. */
  top: StackFrame | null;
}
