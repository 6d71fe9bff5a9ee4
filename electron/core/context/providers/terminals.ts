/**
 * The last commands run in Tandem's terminals: command line, folder, exit code and the tail of the
 * output — so "why did this fail?" needs no pasting. Records come from the terminals feature's shell
 * integration as `terminal.command` events; the provider reads them through a `TerminalCommandSource`
 * so it can be fed directly in tests and benchmarks.
 */
import type { TerminalCommand } from '../../../../shared/contract';
import type { EventBus } from '../../transport/event-bus';
import type { ContextProvider, ProviderResult } from './types';

export interface TerminalCommandSource {
  /** The newest finished commands, newest first. */
  recent(limit: number): TerminalCommand[];
}

/** Keeps the latest commands from the EventBus. Owned by the context service; dispose unsubscribes. */
export class TerminalCommandFeed implements TerminalCommandSource {
  static readonly CAPACITY = 50;
  private readonly records: TerminalCommand[] = [];
  private readonly unsubscribe: () => void;

  constructor(events: EventBus) {
    this.unsubscribe = events.subscribe((event, payload) => {
      if (event === 'terminal.command') this.push(payload as TerminalCommand);
    });
  }

  push(record: TerminalCommand): void {
    this.records.push(record);
    if (this.records.length > TerminalCommandFeed.CAPACITY) this.records.shift();
  }

  recent(limit: number): TerminalCommand[] {
    return this.records.slice(-limit).reverse();
  }

  /** Folders of recent commands, newest first, without repeats (for finding the repo in focus). */
  recentFolders(limit: number): string[] {
    const out: string[] = [];
    for (const r of this.recent(TerminalCommandFeed.CAPACITY)) {
      if (r.cwd && !out.includes(r.cwd)) out.push(r.cwd);
      if (out.length >= limit) break;
    }
    return out;
  }

  dispose(): void {
    this.unsubscribe();
    this.records.length = 0;
  }
}

export interface TerminalProviderOptions {
  /** How many commands become chips. */
  maxCommands?: number;
  now?: () => number;
}

const OUTPUT_MAX_CHARS = 4000;
// Strips what a shell-integration tail may still carry: CSI, OSC and single-char escapes.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export class TerminalProvider implements ContextProvider {
  readonly id = 'terminal' as const;

  constructor(
    private readonly source: TerminalCommandSource,
    private readonly opts: TerminalProviderOptions = {},
  ) {}

  async collect(): Promise<ProviderResult> {
    const now = (this.opts.now ?? Date.now)();
    // A command typed with a leading space (or otherwise unknown) was kept out of history on
    // purpose: its output stays out of the context too.
    const records = this.source.recent((this.opts.maxCommands ?? 3) * 4).filter((r) => r.command !== null);
    const chips = records.slice(0, this.opts.maxCommands ?? 3).map((r) => {
      const output = r.output.replace(ANSI, '').replace(/\r\n?/g, '\n').trimEnd();
      return {
        id: `terminal:${r.id}`,
        label: commandLabel(r),
        header: commandHeader(r, now),
        text: output,
        source: 'terminal feed',
        maxChars: OUTPUT_MAX_CHARS,
        keep: 'end' as const,
        truncated: r.outputTruncated,
      };
    });
    return { chips };
  }
}

function commandLabel(r: TerminalCommand): string {
  // Status first: the snapshot shortens long labels from the end.
  const status = r.exitCode === null ? '' : r.exitCode === 0 ? 'exit 0 · ' : `Failed (exit ${r.exitCode}) · `;
  return `${status}$ ${(r.command ?? '').replace(/\s+/g, ' ').trim()}`;
}

function commandHeader(r: TerminalCommand, now: number): string {
  const lines = [`Command: ${r.command}`];
  if (r.cwd) lines.push(`Folder: ${r.cwd}`);
  lines.push(`Exit code: ${r.exitCode === null ? 'unknown' : r.exitCode === 0 ? '0 (succeeded)' : `${r.exitCode} (failed)`}`);
  lines.push(`Finished ${ago(now - r.endedAt)}, after ${duration(r.endedAt - r.startedAt)}`);
  lines.push(r.outputTruncated ? 'Output (last part):' : 'Output:');
  return lines.join('\n');
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
}

function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, ms)} ms`;
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
