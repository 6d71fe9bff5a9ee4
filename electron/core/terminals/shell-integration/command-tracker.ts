/**
 * Turns shell-integration marks in a terminal's output into command records.
 *
 *   OSC 133;A        prompt starts          OSC 633;E;<line>;<nonce>  the command line (escaped)
 *   OSC 133;B        input starts           OSC 7;file://host/path    the current directory
 *   OSC 133;C        command output starts
 *   OSC 133;D;<code> command finished    OSC 633;P;Integration=off:<why>  the script cannot work here
 *
 * (VS Code's OSC 633 A–D are accepted as aliases.) A command is C → D; its output is everything in
 * between. The command line is only trusted with the terminal's nonce, so a program that prints a
 * fake sequence cannot put words in the user's mouth.
 */
import type { TerminalCommand } from '../../../../shared/contract/terminals';
import { toPlainText } from './plain-text';

/** The plain-text output kept per command. */
export const MAX_OUTPUT_TAIL_CHARS = 8_192;
/** Raw output kept while a command runs (escape sequences take room); the tail is made from it. */
const RAW_TAIL_CHARS = 64 * 1024;

export type CommandRecord = Omit<TerminalCommand, 'id' | 'seq'>;

export interface CommandTrackerSink {
  command(record: CommandRecord): void;
  cwd(cwd: string): void;
  /** The first prompt mark arrived: integration works in this shell. */
  active(): void;
  /** The integration script found it cannot work here (e.g. bash older than 4.4). */
  unavailable(reason: string): void;
}

interface Running {
  command: string | null;
  cwd: string | null;
  startedAt: number;
  outputStart: number;
}

export class CommandTracker {
  private isActive = false;
  private currentCwd: string | null;
  private pendingCommand: string | null = null;
  private running: Running | null = null;
  private rawTail: string[] = [];
  private rawTailSize = 0;
  private rawTotal = 0;

  constructor(
    private readonly terminalId: string,
    private readonly nonce: string,
    private readonly sink: CommandTrackerSink,
    initialCwd: string | null,
    private readonly now: () => number = Date.now,
  ) {
    this.currentCwd = initialCwd;
  }

  get cwd(): string | null {
    return this.currentCwd;
  }

  text(text: string): void {
    if (!this.running) return;
    this.rawTotal += text.length;
    this.rawTail.push(text);
    this.rawTailSize += text.length;
    while (this.rawTailSize - (this.rawTail[0]?.length ?? 0) >= RAW_TAIL_CHARS) {
      this.rawTailSize -= this.rawTail.shift()!.length;
    }
  }

  osc(payload: string, start: number, end: number): void {
    const semi = payload.indexOf(';');
    const code = semi < 0 ? payload : payload.slice(0, semi);
    const rest = semi < 0 ? '' : payload.slice(semi + 1);
    if (code === '7') this.onCwd(rest);
    else if (code === '133' || code === '633') this.onMark(code, rest, start, end);
  }

  /** The shell exited: a command still running (e.g. `exit 3`) ends with the shell's exit code. */
  end(exitCode: number | null, streamEnd: number): void {
    if (this.running) this.finish(exitCode, streamEnd);
  }

  private onMark(code: string, rest: string, start: number, end: number): void {
    const [kind = '', ...params] = rest.split(';');
    switch (kind) {
      case 'A':
        if (!this.isActive) {
          this.isActive = true;
          this.sink.active();
        }
        // A prompt without a D for the running command: the shell never reported how it ended.
        if (this.running) this.finish(null, start);
        this.pendingCommand = null;
        break;
      case 'B':
        break;
      case 'P': {
        const property = params.join(';');
        if (code === '633' && property.startsWith('Integration=off:')) this.sink.unavailable(property.slice('Integration=off:'.length));
        break;
      }
      case 'E':
        if (code === '633' && params.length >= 2 && params[1] === this.nonce) this.pendingCommand = unescapeValue(params[0]!);
        break;
      case 'C':
        if (this.running) this.finish(null, start);
        this.running = { command: this.pendingCommand, cwd: this.currentCwd, startedAt: this.now(), outputStart: end };
        this.pendingCommand = null;
        this.rawTail = [];
        this.rawTailSize = 0;
        this.rawTotal = 0;
        break;
      case 'D': {
        // D without C: an empty line or Ctrl-C at the prompt, not a command.
        if (!this.running) break;
        const parsed = params[0] !== undefined && /^-?\d{1,10}$/.test(params[0]) ? Number(params[0]) : null;
        this.finish(parsed, start);
        break;
      }
    }
  }

  private finish(exitCode: number | null, outputEnd: number): void {
    const run = this.running!;
    this.running = null;
    const raw = this.rawTail.join('');
    this.rawTail = [];
    this.rawTailSize = 0;
    let output = toPlainText(raw).replace(/\s+$/, '');
    let truncated = this.rawTotal > raw.length;
    if (output.length > MAX_OUTPUT_TAIL_CHARS) {
      output = output.slice(output.length - MAX_OUTPUT_TAIL_CHARS);
      truncated = true;
    }
    if (truncated) {
      // Start at a whole line.
      const nl = output.indexOf('\n');
      if (nl >= 0 && nl < output.length - 1) output = output.slice(nl + 1);
    }
    this.sink.command({
      terminalId: this.terminalId,
      command: run.command,
      cwd: run.cwd,
      startedAt: run.startedAt,
      endedAt: this.now(),
      exitCode,
      output,
      outputTruncated: truncated,
      outputRange: { start: run.outputStart, end: Math.max(run.outputStart, outputEnd) },
    });
  }

  private onCwd(uri: string): void {
    const cwd = parseFileUri(uri);
    if (cwd === null || cwd === this.currentCwd) return;
    this.currentCwd = cwd;
    this.sink.cwd(cwd);
  }
}

/** `file://host/some%20path` → "/some path"; null for anything else. */
export function parseFileUri(uri: string): string | null {
  if (!uri.startsWith('file://')) return null;
  const slash = uri.indexOf('/', 'file://'.length);
  if (slash < 0) return null;
  try {
    const path = decodeURIComponent(uri.slice(slash));
    // Windows paths arrive as /C:/Users/…
    return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
  } catch {
    return null;
  }
}

/** Undoes the shells' escaping of OSC 633 values: "\\" is a backslash, "\xHH" a char (; and controls). */
export function unescapeValue(value: string): string {
  return value.replace(/\\(\\|x([0-9a-fA-F]{2}))/g, (_m, ch: string, hex: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : ch));
}
