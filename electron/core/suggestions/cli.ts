/** `tandem eval-suggestions TRACE.jsonl… [--json]`: replay recorded traces and score the suggestions. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommandIO } from '../cli-io';
import { buildReport, formatReport } from './eval/report';
import { replayTrace, type ReplayResult } from './eval/replay';
import { parseTrace, TraceError } from './eval/trace';

const USAGE = `Usage: tandem eval-suggestions TRACE.jsonl… [--json]

Replays recorded signal traces through Tandem's suggestion triggers and policy on a simulated
clock, prints what surfaced when and why, checks the traces' expectations, and reports precision,
recall, false-alarm rate and interruptions per hour. See docs/suggestions.md for the trace format.

  --json   print the full report as JSON instead of text

Exits 0 after a complete run, 1 when a trace cannot be read or is invalid, 2 on bad usage.`;

export async function runEvalSuggestionsCommand(args: string[], io: Pick<CommandIO, 'stdout' | 'stderr' | 'cwd'>): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = args.find((a) => a.startsWith('-') && a !== '--json');
  if (unknown) {
    io.stderr.write(`Error: unknown option '${unknown}'.\n\n${USAGE}\n`);
    return 2;
  }
  const files = args.filter((a) => !a.startsWith('-'));
  if (files.length === 0) {
    io.stderr.write(`Error: give at least one trace file.\n\n${USAGE}\n`);
    return 2;
  }

  const results: ReplayResult[] = [];
  for (const file of files) {
    const full = path.resolve(io.cwd, file);
    let text: string;
    try {
      text = await readFile(full, 'utf8');
    } catch (err) {
      io.stderr.write(`Error: cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}\n`);
      return 1;
    }
    try {
      results.push(replayTrace(parseTrace(text, file)));
    } catch (err) {
      if (err instanceof TraceError) {
        io.stderr.write(`Error: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
  }

  const report = buildReport(results);
  io.stdout.write(args.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return 0;
}
