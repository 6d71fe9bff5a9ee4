import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runApplyPatchCommand } from '../../electron/core/agent/apply-patch';

/** Runs the command in `cwd` with real streams, feeding `stdin` when given. */
async function run(args: string[], cwd: string, stdin?: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const input = stdin === undefined ? Readable.from([]) : Readable.from([Buffer.from(stdin)]);
  const code = await runApplyPatchCommand(args, { stdin: input, stdout, stderr, cwd });
  stdout.end();
  stderr.end();
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

const patch = (...lines: string[]): string => ['*** Begin Patch', ...lines, '*** End Patch', ''].join('\n');

describe('tandem apply-patch', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await realpath(await mkdtemp(path.join(tmpdir(), 'tandem-apply-cli-')));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('applies a patch given as the argument and prints the summary', async () => {
    await writeFile(path.join(dir, 'modify.txt'), 'line1\nline2\n');
    await writeFile(path.join(dir, 'delete.txt'), 'obsolete\n');
    const result = await run(
      [patch('*** Add File: nested/new.txt', '+created', '*** Delete File: delete.txt', '*** Update File: modify.txt', '@@', '-line2', '+changed')],
      dir,
    );
    expect(result).toEqual({
      code: 0,
      stdout: 'Success. Updated the following files:\nA nested/new.txt\nM modify.txt\nD delete.txt\n',
      stderr: '',
    });
    expect(await readFile(path.join(dir, 'nested/new.txt'), 'utf8')).toBe('created\n');
    expect(await readFile(path.join(dir, 'modify.txt'), 'utf8')).toBe('line1\nchanged\n');
    expect(existsSync(path.join(dir, 'delete.txt'))).toBe(false);
  });

  it('reads the patch from stdin when there is no argument', async () => {
    const result = await run([], dir, patch('*** Add File: from-stdin.txt', '+piped'));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Success. Updated the following files:\nA from-stdin.txt\n');
    expect(await readFile(path.join(dir, 'from-stdin.txt'), 'utf8')).toBe('piped\n');
  });

  it('reads the patch from stdin when the argument is -', async () => {
    const result = await run(['-'], dir, patch('*** Add File: dash.txt', '+dash'));
    expect(result.code).toBe(0);
    expect(await readFile(path.join(dir, 'dash.txt'), 'utf8')).toBe('dash\n');
  });

  it('exits 1 with the reason when the patch does not apply', async () => {
    await writeFile(path.join(dir, 'modify.txt'), 'line1\nline2\n');
    const result = await run([patch('*** Update File: modify.txt', '@@', '-missing', '+changed')], dir);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'Failed to find expected lines in modify.txt:\nmissing\n' });
    expect(await readFile(path.join(dir, 'modify.txt'), 'utf8')).toBe('line1\nline2\n');
  });

  it('exits 1 for a malformed patch, naming the line', async () => {
    const result = await run(['*** Begin Patch\n*** Frobnicate File: foo\n*** End Patch'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Invalid patch hunk on line 2: '\*\*\* Frobnicate File: foo' is not a valid hunk header/);
  });

  it('lists the changes that stay applied after a failure', async () => {
    const result = await run([patch('*** Add File: created.txt', '+hello', '*** Delete File: missing.txt')], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Failed to delete file missing.txt: no such file\nThese changes were applied before the failure and remain:\nA created.txt\n',
    );
    expect(await readFile(path.join(dir, 'created.txt'), 'utf8')).toBe('hello\n');
  });

  it('prints usage for --help and exits 0', async () => {
    const result = await run(['--help'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tandem apply-patch \[PATCH \| -\]/);
  });

  it('exits 2 on empty stdin, extra arguments, or an unknown option', async () => {
    const empty = await run([], dir, '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^Error: standard input was empty/);

    const extra = await run(['one', 'two'], dir);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/^Error: apply-patch accepts exactly one PATCH argument \(got 2\)/);

    const option = await run(['--frobnicate'], dir);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^Error: unknown option '--frobnicate'/);
  });
});
