/**
 * The `tandem` command. Each subcommand lives beside the feature it drives; this file only dispatches.
 */
import path from 'node:path';
import pkg from '../package.json';
import { runApplyPatchCommand } from './core/agent/apply-patch/cli';
import type { CommandIO } from './core/cli-io';
import { runContextCommand } from './core/context/cli';
import { runReviewCommand } from './core/review/ai-review/cli';
import { runExecCommand } from './core/agent/exec-command';
import { runServeCommand } from './core/serve/serve-command';
import { runEvalSuggestionsCommand } from './core/suggestions/cli';

interface Command {
  summary: string;
  run(args: string[], io: CommandIO): Promise<number>;
}

/** The built renderer sits next to the bundle: out/cli.cjs → out/renderer. */
const STATIC_DIR = path.join(__dirname, 'renderer');

const commands: Record<string, Command> = {
  serve: {
    summary: 'serve the UI to a browser on 127.0.0.1 (headless, over SSH, or without Electron)',
    run: (args, io) => runServeCommand(args, io, { staticDir: STATIC_DIR, version: pkg.version }),
  },
  exec: {
    summary: 'run one agent turn headless: tandem exec "PROMPT" [--cd DIR] [--sandbox MODE] [--json]',
    run: (args, io) => runExecCommand(args, io),
  },
  'apply-patch': {
    summary: 'apply a patch in the Codex apply_patch format (argument or stdin) in the current directory',
    run: (args, io) => runApplyPatchCommand(args, io),
  },
  'eval-suggestions': {
    summary: 'replay suggestion traces and score them: tandem eval-suggestions TRACE.jsonl… [--json]',
    run: (args, io) => runEvalSuggestionsCommand(args, io),
  },
  review: { summary: 'AI review of a change: tandem review [--uncommitted | --base BRANCH | --commit SHA] [--json]', run: (args, io) => runReviewCommand(args, io) },
  context: {
    summary: 'print the context Tandem would send right now (`tandem context snapshot [--json]`)',
    run: (args, io) => runContextCommand(args, io),
  },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Tandem ${pkg.version} — a desktop teammate for software engineers

Usage: tandem <command> [options]

Commands:
${lines.join('\n')}

Run \`tandem <command> --help\` for a command's options.
`;
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`tandem: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  return command.run(rest, io);
}

/** Runs the command line of this process and exits with its status. */
export function runCli(): void {
  const io: CommandIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
  main(process.argv.slice(2), io).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`tandem: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}

if (require.main === module) runCli();
