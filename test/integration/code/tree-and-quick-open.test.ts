// The tree, the file list and quick open against real folders: a git repository with thousands of
// files, ignore rules at several levels, and every kind of git status; and a plain folder.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodeHarness, TempFolder, type CodeHarness } from './harness';

const MODULES = 60;
const FILES_PER_MODULE = 50; // 3,000 tracked source files

describe('a git repository with thousands of files', () => {
  let repo: TempFolder;
  let code: CodeHarness;

  beforeAll(() => {
    repo = TempFolder.repo();
    repo.write('.gitignore', 'node_modules/\nbuild/\n*.log\n!docs/keep.log\n');
    repo.write('README.md', '# demo\n');
    for (let m = 0; m < MODULES; m++) {
      for (let f = 0; f < FILES_PER_MODULE; f++) repo.write(`src/module${m}/file${f}.ts`, `export const v${m}_${f} = ${f};\n`);
    }
    // A nested .gitignore: only this module's generated/ folder is ignored.
    repo.write('src/module1/.gitignore', 'generated/\n');
    repo.write('src/module1/generated/out.ts', 'ignored\n');
    repo.write('src/module2/generated/kept.ts', 'not ignored here\n');
    repo.write('docs/keep.log', 'kept by a negated rule\n');
    repo.write('docs/guide.md', 'guide\n');
    repo.write('conflict.txt', 'base\n');
    repo.write('gone.txt', 'will be deleted\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'initial');

    // Ignored content that must never show: dependencies, build output, logs.
    for (let i = 0; i < 500; i++) repo.write(`node_modules/pkg${i % 20}/index${i}.js`, 'x');
    repo.write('build/app.js', 'x');
    repo.write('debug.log', 'x');
    repo.write('src/module3/trace.log', 'x');

    // One of each status.
    repo.git('checkout', '-q', '-b', 'other');
    repo.write('conflict.txt', 'theirs\n');
    repo.git('commit', '-q', '-am', 'theirs');
    repo.git('checkout', '-q', 'main');
    repo.write('conflict.txt', 'ours\n');
    repo.git('commit', '-q', '-am', 'ours');
    try {
      repo.git('merge', '-q', 'other');
    } catch {
      // The conflict is the point.
    }
    repo.write('src/module0/file0.ts', 'export const changed = true;\n'); // modified
    repo.write('src/module0/brand-new.ts', 'staged\n');
    repo.git('add', 'src/module0/brand-new.ts'); // added
    repo.write('notes/todo.md', 'untracked\n'); // untracked
    fs.rmSync(repo.abs('gone.txt')); // deleted

    code = createCodeHarness({ watch: false });
  });

  afterAll(async () => {
    await code.dispose();
    repo.remove();
  });

  it('lists exactly what git tracks plus new files git does not ignore', async () => {
    const page = await code.call('code.list', { root: repo.root, limit: 50_000 });
    expect(page.git).toBe(true);
    const paths = new Set(page.paths);
    expect(page.total).toBe(MODULES * FILES_PER_MODULE + 9);
    expect(paths.has('src/module0/brand-new.ts')).toBe(true);
    expect(paths.has('notes/todo.md')).toBe(true);
    expect(paths.has('docs/keep.log')).toBe(true);
    expect(paths.has('src/module2/generated/kept.ts')).toBe(true);
    for (const p of paths) expect(p).not.toMatch(/^node_modules\/|^build\/|debug\.log|trace\.log|module1\/generated|^gone\.txt$/);
    // Sorted, and paged without gaps.
    expect([...page.paths].sort()).toEqual(page.paths);
    const first = await code.call('code.list', { root: repo.root, limit: 1000 });
    const second = await code.call('code.list', { root: repo.root, offset: first.nextOffset!, limit: 1000 });
    expect(first.nextOffset).toBe(1000);
    expect(second.paths[0]).toBe(page.paths[1000]);
  });

  it('shows folders first in natural order, with git decorations on files and folders', async () => {
    const rootTree = await code.call('code.tree', { root: repo.root });
    expect(rootTree.entries.map((e) => `${e.kind}:${e.name}:${e.decoration ?? ''}`)).toEqual([
      'dir:docs:',
      'dir:notes:untracked',
      'dir:src:modified',
      'file:.gitignore:',
      'file:conflict.txt:conflicted',
      'file:README.md:',
    ]);
    const module0 = await code.call('code.tree', { root: repo.root, dir: 'src/module0' });
    const byName = Object.fromEntries(module0.entries.map((e) => [e.name, e.decoration]));
    expect(byName['file0.ts']).toBe('modified');
    expect(byName['brand-new.ts']).toBe('added');
    expect(byName['file1.ts']).toBeNull();
    // Natural order: file2 before file10.
    const names = module0.entries.map((e) => e.name);
    expect(names.indexOf('file2.ts')).toBeLessThan(names.indexOf('file10.ts'));
    const src = await code.call('code.tree', { root: repo.root, dir: 'src' });
    expect(src.entries).toHaveLength(MODULES);
    expect(src.entries.find((e) => e.name === 'module0')!.decoration).toBe('modified');
  });

  it('refuses a folder that is not in the listing', async () => {
    await expect(code.call('code.tree', { root: repo.root, dir: 'node_modules' })).rejects.toThrow(/No folder "node_modules"/);
  });

  it('finds files fast by fuzzy name, best match first', async () => {
    const result = await code.call('code.quickOpen', { root: repo.root, query: 'module12/file7', limit: 10 });
    expect(result.total).toBe(MODULES * FILES_PER_MODULE + 9);
    expect(result.matches[0]!.path).toBe('src/module12/file7.ts');
    const byName = await code.call('code.quickOpen', { root: repo.root, query: 'brandnew', limit: 5 });
    expect(byName.matches[0]!.path).toBe('src/module0/brand-new.ts');
    const readme = await code.call('code.quickOpen', { root: repo.root, query: 'readme', limit: 5 });
    expect(readme.matches[0]!.path).toBe('README.md');
    expect(readme.matches[0]!.positions).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('ranks recently opened files up', async () => {
    const plain = await code.call('code.quickOpen', { root: repo.root, query: 'file3.ts', limit: 5 });
    const recent = 'src/module42/file3.ts';
    expect(plain.matches[0]!.path).not.toBe(recent);
    const boosted = await code.call('code.quickOpen', { root: repo.root, query: 'file3.ts', limit: 5, recent: [recent] });
    expect(boosted.matches[0]!.path).toBe(recent);
  });

  it('works from a folder inside the repository', async () => {
    const sub = repo.abs('src/module0');
    const tree = await code.call('code.tree', { root: sub });
    expect(tree.git).toBe(true);
    expect(tree.entries.find((e) => e.name === 'file0.ts')!.decoration).toBe('modified');
    const list = await code.call('code.list', { root: sub });
    expect(list.total).toBe(FILES_PER_MODULE + 1);
  });
});

describe('a plain folder (no git)', () => {
  let folder: TempFolder;
  let code: CodeHarness;

  beforeAll(() => {
    folder = new TempFolder();
    folder.write('.gitignore', 'dist/\n*.tmp\n');
    folder.write('src/main.py', 'print(1)\n');
    folder.write('src/cache.tmp', 'x');
    folder.write('src/sub/.gitignore', '!keep.tmp\nlocal/\n');
    folder.write('src/sub/keep.tmp', 'negated by the nested file');
    folder.write('src/sub/local/x.txt', 'ignored by the nested file');
    folder.write('dist/bundle.js', 'x');
    folder.write('node_modules/a/index.js', 'x');
    folder.write('.git-not/readme.txt', 'a folder that only looks like .git');
    fs.symlinkSync(folder.root, folder.abs('src/loop')); // a link back to the top: never followed
    code = createCodeHarness({ watch: false });
  });

  afterAll(async () => {
    await code.dispose();
    folder.remove();
  });

  it('walks it with the same ignore rules git would apply', async () => {
    const page = await code.call('code.list', { root: folder.root });
    expect(page.git).toBe(false);
    expect(page.paths).toEqual(['.git-not/readme.txt', '.gitignore', 'src/main.py', 'src/sub/.gitignore', 'src/sub/keep.tmp']);
    const tree = await code.call('code.tree', { root: folder.root });
    expect(tree.entries.every((e) => e.decoration === null)).toBe(true);
  });
});

describe('bad input', () => {
  const code = createCodeHarness({ watch: false });
  afterAll(() => code.dispose());

  it('refuses relative roots, paths that climb out, missing folders and files as roots', async () => {
    await expect(code.call('code.tree', { root: 'relative/path' })).rejects.toThrow(/absolute/);
    await expect(code.call('code.read', { root: '/tmp', path: '../etc/passwd', startLine: 1, endLine: 2 })).rejects.toThrow(/\.\./);
    await expect(code.call('code.read', { root: '/tmp', path: '/etc/passwd', startLine: 1, endLine: 2 })).rejects.toThrow(/relative/);
    await expect(code.call('code.tree', { root: '/definitely/not/here' })).rejects.toThrow(/No folder at/);
    await expect(code.call('code.tree', { root: '/etc/hostname' })).rejects.toThrow(/is a file/);
    await expect(code.call('code.read', { root: '/tmp', path: 'x', startLine: 5, endLine: 2 })).rejects.toThrow(/ends before it starts/);
  });
});
