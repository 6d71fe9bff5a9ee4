import { applyPatch } from './apply';
import { formatChangeList } from './summary';

/** The streams and directory `tandem apply-patch` works with (process.* in the real command). */
export interface ApplyPatchCommandIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

const USAGE = `Usage: tandem apply-patch [PATCH | -]

Applies a patch in the Codex apply_patch format to files under the current directory.
The patch is taken from the PATCH argument, or read from standard input when PATCH is
omitted or is "-".

  *** Begin Patch
  *** Update File: src/app.ts
  @@ function main()
  -  console.log('hi');
  +  console.log('hello');
  *** End Patch

Prints the files it changed and exits 0; prints the reason and exits 1 when the patch
cannot be applied (hunks before the failing one stay applied); exits 2 on bad usage.
See docs/apply-patch.md for the full format.`;

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/** Runs `tandem apply-patch ARGS` and resolves to the process exit code. */
export async function runApplyPatchCommand(args: string[], io: ApplyPatchCommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (args.length > 1) {
    io.stderr.write(`Error: apply-patch accepts exactly one PATCH argument (got ${args.length}).\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const [argument] = args;
  if (argument !== undefined && argument !== '-' && argument.startsWith('-')) {
    io.stderr.write(`Error: unknown option '${argument}'.\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }

  let patch: string;
  if (argument === undefined || argument === '-') {
    if ((io.stdin as { isTTY?: boolean }).isTTY) {
      // Waiting on a terminal for a patch nobody is typing would look like a hang.
      io.stderr.write(`Error: no patch given: pass it as an argument or pipe it to standard input.\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    patch = await readAll(io.stdin);
    if (patch.trim() === '') {
      io.stderr.write(`Error: standard input was empty: no patch to apply.\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
  } else {
    patch = argument;
  }

  const result = await applyPatch(patch, { cwd: io.cwd });
  switch (result.status) {
    case 'applied':
      io.stdout.write(`${result.summary}\n`);
      return EXIT_OK;
    case 'failed': {
      io.stderr.write(`${result.error.message}\n`);
      const applied = formatChangeList(result.changes);
      if (applied.length > 0) {
        io.stderr.write(`These changes were applied before the failure and remain:\n${applied.join('\n')}\n`);
      }
      return EXIT_FAILED;
    }
    case 'needsApproval':
      // Unreachable without a canWrite callback; kept so a future option cannot fail silently.
      io.stderr.write(`Approval needed to write: ${result.paths.join(', ')}\n`);
      return EXIT_FAILED;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}
