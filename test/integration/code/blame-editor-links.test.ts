// Blame from real git history, "open in my editor" with a real process, and `path:line` references
// resolved against real folders.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodeHarness, TempFolder, type CodeHarness } from './harness';

describe('blame', () => {
  let repo: TempFolder;
  let code: CodeHarness;

  beforeAll(() => {
    repo = TempFolder.repo();
    repo.write('src/app.ts', 'line 1\nline 2\nline 3\n');
    repo.git('add', '-A');
    repo.gitWith({ GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_AUTHOR_DATE: '2024-01-02T03:04:05Z' }, 'commit', '-q', '-m', 'Start the app');
    repo.write('src/app.ts', 'line 1\nline 2 changed by Grace\nline 3\n');
    repo.gitWith({ GIT_AUTHOR_NAME: 'Grace', GIT_AUTHOR_EMAIL: 'grace@example.com' }, 'commit', '-q', '-am', 'Fix line two');
    repo.write('src/app.ts', 'line 1\nline 2 changed by Grace\nline 3 not committed\n');
    repo.write('untracked.ts', 'new\n');
    code = createCodeHarness({ watch: false });
  });

  afterAll(async () => {
    await code.dispose();
    repo.remove();
  });

  it('names the author of each line of a range, uncommitted lines included', async () => {
    const blame = await code.call('code.blame', { root: repo.root, path: 'src/app.ts', startLine: 1, endLine: 3 });
    const who = blame.lines.map((l) => blame.commits[l.commitId]!.author);
    expect(who).toEqual(['Ada', 'Grace', 'Not Committed Yet']);
    const ada = blame.commits[blame.lines[0]!.commitId]!;
    expect(ada).toMatchObject({ summary: 'Start the app', authorEmail: 'ada@example.com', authorTime: Date.parse('2024-01-02T03:04:05Z') });
    expect(blame.lines[2]!.commitId).toBe('0'.repeat(40));
  });

  it('blames only the lines asked for', async () => {
    const blame = await code.call('code.blame', { root: repo.root, path: 'src/app.ts', startLine: 2, endLine: 2 });
    expect(blame.lines).toEqual([{ line: 2, commitId: expect.any(String), originalLine: 2 }]);
  });

  it('explains why a file has no blame', async () => {
    await expect(code.call('code.blame', { root: repo.root, path: 'untracked.ts', startLine: 1, endLine: 1 })).rejects.toThrow(/not committed yet/);
    await expect(code.call('code.blame', { root: repo.root, path: 'src/app.ts', startLine: 1, endLine: 6000 })).rejects.toThrow(/at most 5000 lines/);
    const plain = new TempFolder();
    plain.write('x.txt', 'x\n');
    await expect(code.call('code.blame', { root: plain.root, path: 'x.txt', startLine: 1, endLine: 1 })).rejects.toThrow(/not a git repository/);
    plain.remove();
  });
});

describe('open in my editor', () => {
  let folder: TempFolder;
  let bin: TempFolder;

  beforeAll(() => {
    folder = new TempFolder();
    folder.write('src/main.rs', 'fn main() {}\n');
    bin = new TempFolder('tandem-fake-editor-');
  });

  afterAll(() => {
    folder.remove();
    bin.remove();
  });

  /** An executable named like a real editor that records its arguments. */
  function fakeEditor(name: string): string {
    const record = bin.abs(`${name}.args`);
    const script = bin.write(name, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`);
    fs.chmodSync(script, 0o755);
    return record;
  }

  it('starts VS Code at the line and column when nothing else is configured', async () => {
    const record = fakeEditor('code');
    const code = createCodeHarness({ watch: false, env: { PATH: `${bin.root}:${process.env.PATH}` } });
    try {
      const opened = await code.call('code.openInEditor', { root: folder.root, path: 'src/main.rs', line: 12, column: 5 });
      expect(opened.kind).toBe('launched');
      await expect.poll(() => fs.existsSync(record)).toBe(true);
      await expect.poll(() => fs.readFileSync(record, 'utf8')).toBe(`-g\n${folder.abs('src/main.rs')}:12:5\n`);
    } finally {
      await code.dispose();
    }
  });

  it('uses $VISUAL with its own line syntax (JetBrains)', async () => {
    const record = fakeEditor('idea');
    const code = createCodeHarness({ watch: false, env: { PATH: process.env.PATH, VISUAL: bin.abs('idea') } });
    try {
      await code.call('code.openInEditor', { root: folder.root, path: 'src/main.rs', line: 3 });
      await expect.poll(() => (fs.existsSync(record) ? fs.readFileSync(record, 'utf8') : '')).toBe(`--line\n3\n--column\n1\n${folder.abs('src/main.rs')}\n`);
    } finally {
      await code.dispose();
    }
  });

  it('hands a terminal editor ($EDITOR=vim) to a Tandem terminal instead of starting it blind', async () => {
    const code = createCodeHarness({ watch: false, env: { PATH: process.env.PATH, EDITOR: 'vim' } });
    try {
      const opened = await code.call('code.openInEditor', { root: folder.root, path: 'src/main.rs', line: 7, column: 2 });
      expect(opened).toMatchObject({ kind: 'terminal', shell: 'vim', args: ['+call cursor(7, 2)', folder.abs('src/main.rs')], cwd: folder.root, label: 'vim main.rs' });
    } finally {
      await code.dispose();
    }
  });

  it('says which editors it tried when none starts', async () => {
    const code = createCodeHarness({ watch: false, env: { PATH: bin.root, VISUAL: 'no-such-editor-xyz' } });
    try {
      fs.rmSync(bin.abs('code'), { force: true });
      await expect(code.call('code.openInEditor', { root: folder.root, path: 'src/main.rs' })).rejects.toThrow(/tried no-such-editor-xyz \(not found\), code \(not found\)/);
    } finally {
      await code.dispose();
    }
  });
});

describe('resolving references', () => {
  let project: TempFolder;
  let other: TempFolder;
  let code: CodeHarness;
  const tscOutput = fs.readFileSync(path.resolve(__dirname, '../../fixtures/links/tsc.txt'), 'utf8');

  beforeAll(() => {
    // The files the captured tsc output talks about, in a real folder.
    project = TempFolder.repo();
    project.write('src/main.ts', 'x\n');
    project.write('src/user.ts', 'x\n');
    project.write('packages/api/handler.go', 'package api\n');
    other = new TempFolder();
    other.write('lib/util.py', 'x\n');
    code = createCodeHarness({ watch: false });
    code.store.workspaces.add({ path: other.root, name: 'other', isGit: false });
  });

  afterAll(async () => {
    await code.dispose();
    project.remove();
    other.remove();
  });

  it('resolves captured compiler output against the folder it ran in', async () => {
    const { links } = await code.call('code.resolveLink', { text: tscOutput, baseDir: project.root });
    expect(links.map((l) => [l.path, l.line, l.column, l.root])).toEqual([
      ['src/main.ts', 2, 25, project.root],
      ['src/main.ts', 4, 23, project.root],
      ['src/user.ts', 7, 24, project.root],
    ]);
    expect(tscOutput.slice(links[0]!.start!, links[0]!.end!)).toBe('src/main.ts(2,25)');
  });

  it('tries the git work tree above a sub-folder, then Tandem folders, and drops what does not exist', async () => {
    const text = 'at packages/api/handler.go:3 and lib/util.py:9:1 and ghost/nothing.ts:1';
    const { links } = await code.call('code.resolveLink', { text, baseDir: project.abs('src') });
    expect(links.map((l) => `${l.root === project.root ? 'project' : 'other'}:${l.path}:${l.line}`)).toEqual(['project:packages/api/handler.go:3', 'other:lib/util.py:9']);
  });

  it('resolves absolute paths and single references', async () => {
    const abs = project.abs('src/user.ts');
    const { links } = await code.call('code.resolveLink', { path: abs, line: 4 });
    expect(links).toEqual([{ start: null, end: null, text: abs, line: 4, column: null, root: project.root, path: 'src/user.ts', absolutePath: abs }]);
    const none = await code.call('code.resolveLink', { path: 'src/user.ts' });
    expect(none.links).toEqual([]);
  });

  it('refuses input with both text and path', async () => {
    await expect(code.call('code.resolveLink', { text: 'a', path: 'b' } as never)).rejects.toThrow(/either text or path/);
  });
});
