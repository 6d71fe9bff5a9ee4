import { chmod, mkdir, mkdtemp, readFile, readdir, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPatch, type ApplyPatchResult } from '../../../electron/core/agent/apply-patch';

const patch = (...lines: string[]): string => ['*** Begin Patch', ...lines, '*** End Patch'].join('\n');

let dir: string;
beforeEach(async () => {
  dir = await realpath(await mkdtemp(path.join(tmpdir(), 'tandem-apply-')));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = (name: string): string => path.join(dir, name);
const read = (name: string): Promise<string> => readFile(file(name), 'utf8');

function failed(result: ApplyPatchResult): Extract<ApplyPatchResult, { status: 'failed' }> {
  if (result.status !== 'failed') throw new Error(`expected a failure, got ${result.status}`);
  return result;
}

describe('applyPatch', () => {
  it('applies add, update, move and delete, and reports each change with its diff', async () => {
    await writeFile(file('modify.txt'), 'one\ntwo\nthree\n');
    await writeFile(file('gone.txt'), 'bye\n');
    await mkdir(file('old'));
    await writeFile(file('old/name.txt'), 'old content\n');

    const result = await applyPatch(
      patch(
        '*** Add File: nested/new.txt',
        '+created',
        '*** Update File: modify.txt',
        '@@',
        ' one',
        '-two',
        '+2',
        '+2b',
        '*** Update File: old/name.txt',
        '*** Move to: renamed/name.txt',
        '@@',
        '-old content',
        '+new content',
        '*** Delete File: gone.txt',
      ),
      { cwd: dir },
    );

    expect(result.status).toBe('applied');
    if (result.status !== 'applied') return;
    expect(await read('nested/new.txt')).toBe('created\n');
    expect(await read('modify.txt')).toBe('one\n2\n2b\nthree\n');
    expect(await read('renamed/name.txt')).toBe('new content\n');
    expect(existsSync(file('old/name.txt'))).toBe(false);
    expect(existsSync(file('gone.txt'))).toBe(false);

    expect(result.changes.map(({ diff: _diff, ...rest }) => rest)).toEqual([
      { kind: 'add', path: file('nested/new.txt'), displayPath: 'nested/new.txt', additions: 1, deletions: 0 },
      { kind: 'update', path: file('modify.txt'), displayPath: 'modify.txt', additions: 2, deletions: 1 },
      {
        kind: 'move',
        path: file('old/name.txt'),
        newPath: file('renamed/name.txt'),
        displayPath: 'old/name.txt',
        displayNewPath: 'renamed/name.txt',
        additions: 1,
        deletions: 1,
      },
      { kind: 'delete', path: file('gone.txt'), displayPath: 'gone.txt', additions: 0, deletions: 1 },
    ]);
    expect(result.changes[0]?.diff).toBe('--- /dev/null\n+++ b/nested/new.txt\n@@ -0,0 +1,1 @@\n+created\n');
    expect(result.changes[1]?.diff).toBe(
      '--- a/modify.txt\n+++ b/modify.txt\n@@ -1,3 +1,4 @@\n one\n-two\n+2\n+2b\n three\n',
    );
    expect(result.changes[2]?.diff).toContain('--- a/old/name.txt\n+++ b/renamed/name.txt\n');
    expect(result.changes[3]?.diff).toBe('--- a/gone.txt\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-bye\n');
    expect(result.summary).toBe(
      'Success. Updated the following files:\nA nested/new.txt\nM modify.txt\nM renamed/name.txt\nD gone.txt',
    );
  });

  it('keeps the permissions of a moved file', async () => {
    await writeFile(file('run.sh'), 'echo hi\n');
    await chmod(file('run.sh'), 0o755);
    const result = await applyPatch(patch('*** Update File: run.sh', '*** Move to: bin/run.sh', '@@', '-echo hi', '+echo hello'), {
      cwd: dir,
    });
    expect(result.status).toBe('applied');
    expect((await stat(file('bin/run.sh'))).mode & 0o777).toBe(0o755);
  });

  it('resolves absolute paths as they are', async () => {
    const elsewhere = await realpath(await mkdtemp(path.join(tmpdir(), 'tandem-apply-abs-')));
    try {
      const target = path.join(elsewhere, 'abs.txt');
      const result = await applyPatch(patch(`*** Add File: ${target}`, '+absolute'), { cwd: dir });
      expect(result.status).toBe('applied');
      expect(await readFile(target, 'utf8')).toBe('absolute\n');
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  describe('failures', () => {
    it('returns parse errors without touching anything', async () => {
      const result = failed(await applyPatch('*** Begin Patch\n*** Frobnicate File: foo\n*** End Patch', { cwd: dir }));
      expect(result.error.code).toBe('invalid-hunk');
      expect(result.changes).toEqual([]);
      expect(await readdir(dir)).toEqual([]);
    });

    it('keeps hunks applied before the failing one, and says which', async () => {
      const result = failed(
        await applyPatch(patch('*** Add File: created.txt', '+hello', '*** Update File: missing.txt', '@@', '-old', '+new'), {
          cwd: dir,
        }),
      );
      expect(result.error).toMatchObject({
        code: 'file-not-found',
        message: 'Failed to read file to update missing.txt: no such file',
      });
      expect(result.changes.map((c) => c.displayPath)).toEqual(['created.txt']);
      expect(await read('created.txt')).toBe('hello\n');
    });

    it('leaves a file untouched when one of its chunks does not match', async () => {
      await writeFile(file('a.txt'), 'a\nb\n');
      const result = failed(await applyPatch(patch('*** Update File: a.txt', '@@', '-a', '+A', '@@', '-zzz', '+Z'), { cwd: dir }));
      expect(result.error).toMatchObject({ code: 'context-not-found', message: 'Failed to find expected lines in a.txt:\nzzz' });
      expect(await read('a.txt')).toBe('a\nb\n');
    });

    it('refuses to delete a directory', async () => {
      await mkdir(file('dir'));
      await writeFile(file('dir/foo.txt'), 'stable\n');
      const result = failed(await applyPatch(patch('*** Delete File: dir'), { cwd: dir }));
      expect(result.error).toMatchObject({ code: 'not-a-file', message: 'Failed to delete dir: it is a directory, not a file' });
      expect(await read('dir/foo.txt')).toBe('stable\n');
    });

    it('reports a missing file to delete', async () => {
      const result = failed(await applyPatch(patch('*** Delete File: missing.txt'), { cwd: dir }));
      expect(result.error).toMatchObject({ code: 'file-not-found', message: 'Failed to delete file missing.txt: no such file' });
    });

    it('refuses to update a binary file and leaves its bytes alone', async () => {
      const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a, 0xff, 0xfe]);
      await writeFile(file('image.png'), bytes);
      const result = failed(await applyPatch(patch('*** Update File: image.png', '@@', '-PNG', '+JPG'), { cwd: dir }));
      expect(result.error.code).toBe('not-text');
      expect(result.error.message).toBe(
        'Failed to update image.png: it is not a UTF-8 text file (binary files cannot be patched)',
      );
      expect((await readFile(file('image.png'))).equals(bytes)).toBe(true);
    });

    it('refuses to update a file that is not valid UTF-8', async () => {
      await writeFile(file('latin1.txt'), Buffer.from('caf\xe9\n', 'latin1'));
      const result = failed(await applyPatch(patch('*** Update File: latin1.txt', '@@', '+more'), { cwd: dir }));
      expect(result.error.code).toBe('not-text');
    });

    it('refuses to add a file where a directory stands', async () => {
      await mkdir(file('taken'));
      const result = failed(await applyPatch(patch('*** Add File: taken', '+x'), { cwd: dir }));
      expect(result.error).toMatchObject({ code: 'not-a-file', message: 'Failed to write file taken: it is a directory' });
    });
  });

  describe('canWrite', () => {
    it('is asked about every path, including both ends of a move', async () => {
      await writeFile(file('a.txt'), 'a\n');
      const asked: string[] = [];
      const result = await applyPatch(
        patch('*** Add File: b.txt', '+b', '*** Update File: a.txt', '*** Move to: c.txt', '@@', '-a', '+A'),
        {
          cwd: dir,
          canWrite: (p) => {
            asked.push(p);
            return true;
          },
        },
      );
      expect(result.status).toBe('applied');
      expect(asked).toEqual([file('b.txt'), file('a.txt'), file('c.txt')]);
    });

    it('fails the whole patch, writing nothing, when any path is refused', async () => {
      const outside = path.resolve(dir, '..', 'tandem-escape.txt');
      const result = failed(
        await applyPatch(patch('*** Add File: inside.txt', '+ok', '*** Add File: ../tandem-escape.txt', '+no'), {
          cwd: dir,
          canWrite: (p) => p.startsWith(`${dir}${path.sep}`),
        }),
      );
      expect(result.error).toMatchObject({
        code: 'write-denied',
        message: `Patch rejected: writing to these paths is not allowed: ${outside}`,
      });
      expect(existsSync(file('inside.txt'))).toBe(false);
      expect(existsSync(outside)).toBe(false);
    });

    it('returns the paths that need approval, writing nothing', async () => {
      const result = await applyPatch(patch('*** Add File: inside.txt', '+ok', '*** Add File: /etc/tandem-test.conf', '+x'), {
        cwd: dir,
        canWrite: async (p) => (p.startsWith(dir) ? true : 'needsApproval'),
      });
      expect(result).toEqual({ status: 'needsApproval', paths: ['/etc/tandem-test.conf'] });
      expect(existsSync(file('inside.txt'))).toBe(false);
    });

    it('is asked about the real target of a path that goes through a symlink', async () => {
      const outside = await realpath(await mkdtemp(path.join(tmpdir(), 'tandem-outside-')));
      try {
        await symlink(outside, file('innocent'));
        const asked: string[] = [];
        const result = failed(
          await applyPatch(patch('*** Add File: innocent/planted.txt', '+gotcha'), {
            cwd: dir,
            canWrite: (p) => {
              asked.push(p);
              return p.startsWith(`${dir}${path.sep}`);
            },
          }),
        );
        expect(asked).toEqual([file('innocent/planted.txt'), path.join(outside, 'planted.txt')]);
        expect(result.error.code).toBe('write-denied');
        expect(result.error.message).toContain(`which leads to ${path.join(outside, 'planted.txt')}`);
        expect(existsSync(path.join(outside, 'planted.txt'))).toBe(false);
      } finally {
        await rm(outside, { recursive: true, force: true });
      }
    });
  });
});
