// Live updates: the real native watcher sees a file created, renamed, edited and deleted, and git
// operations change the decorations; ignored folders stay silent.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodeHarness, TempFolder, type CodeHarness } from './harness';

describe('watching a repository', () => {
  let repo: TempFolder;
  let code: CodeHarness;

  beforeAll(async () => {
    repo = TempFolder.repo();
    repo.write('.gitignore', 'node_modules/\n');
    repo.write('src/a.ts', 'export const a = 1;\n');
    repo.write('node_modules/dep/index.js', 'x');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'initial');
    code = createCodeHarness();
    const tree = await code.call('code.tree', { root: repo.root });
    expect(tree.live).toBe(true);
  });

  afterAll(async () => {
    await code.dispose();
    repo.remove();
  });

  it('reports a created file, and the tree and quick open include it', async () => {
    const change = code.waitForChange((c) => c.created.includes('src/new-file.ts'));
    repo.write('src/new-file.ts', 'export const b = 2;\n');
    const c = await change;
    expect(c.root).toBe(repo.root);
    expect(c.status).toBe(true);
    const tree = await code.call('code.tree', { root: repo.root, dir: 'src' });
    expect(tree.entries.find((e) => e.name === 'new-file.ts')).toMatchObject({ kind: 'file', decoration: 'untracked' });
    const found = await code.call('code.quickOpen', { root: repo.root, query: 'newfile', limit: 3 });
    expect(found.matches[0]!.path).toBe('src/new-file.ts');
  });

  it('reports a rename as one rename', async () => {
    const change = code.waitForChange((c) => c.renamed.length > 0);
    fs.renameSync(repo.abs('src/new-file.ts'), repo.abs('src/renamed.ts'));
    const c = await change;
    expect(c.renamed).toEqual([{ from: 'src/new-file.ts', to: 'src/renamed.ts' }]);
    expect(c.created).toEqual([]);
    expect(c.deleted).toEqual([]);
    const list = await code.call('code.list', { root: repo.root });
    expect(list.paths).toContain('src/renamed.ts');
    expect(list.paths).not.toContain('src/new-file.ts');
  });

  it('reports an edit of a file as changed, with its new decoration', async () => {
    const change = code.waitForChange((c) => c.changed.includes('src/a.ts'));
    fs.appendFileSync(repo.abs('src/a.ts'), 'export const c = 3;\n');
    await change;
    const tree = await code.call('code.tree', { root: repo.root, dir: 'src' });
    expect(tree.entries.find((e) => e.name === 'a.ts')!.decoration).toBe('modified');
  });

  it('reports a deleted file', async () => {
    const change = code.waitForChange((c) => c.deleted.includes('src/renamed.ts'));
    fs.rmSync(repo.abs('src/renamed.ts'));
    await change;
    const tree = await code.call('code.tree', { root: repo.root, dir: 'src' });
    expect(tree.entries.map((e) => e.name)).toEqual(['a.ts']);
  });

  it('refreshes decorations when the index changes from outside (git add in a terminal)', async () => {
    const change = code.waitForChange((c) => c.status);
    repo.git('add', 'src/a.ts');
    await change;
    // "modified" either way: staged or not, the file differs from HEAD.
    const tree = await code.call('code.tree', { root: repo.root, dir: 'src' });
    expect(tree.entries.find((e) => e.name === 'a.ts')!.decoration).toBe('modified');
    const commit = code.waitForChange((c) => c.status);
    repo.git('commit', '-q', '-m', 'edit a');
    await commit;
    await expect.poll(async () => (await code.call('code.tree', { root: repo.root, dir: 'src' })).entries[0]!.decoration).toBeNull();
  });

  it('stays quiet about ignored folders', async () => {
    const before = code.changes.length;
    for (let i = 0; i < 20; i++) repo.write(`node_modules/dep/gen${i}.js`, 'x');
    // A visible change afterwards proves the watcher was running during the ignored writes.
    const marker = code.waitForChange((c) => c.created.includes('marker.txt'));
    repo.write('marker.txt', 'x');
    await marker;
    const since = code.changes.slice(before);
    for (const c of since) {
      for (const p of [...c.created, ...c.changed, ...c.deleted]) expect(p).not.toMatch(/^node_modules\//);
    }
  });

  it('picks up a new ignore rule: files it ignores leave the listing', async () => {
    repo.write('out/artifact.bin', 'x');
    await code.waitForChange((c) => c.created.includes('out/artifact.bin'));
    const change = code.waitForChange((c) => c.deleted.includes('out/artifact.bin'));
    fs.appendFileSync(repo.abs('.gitignore'), 'out/\n');
    await change;
  });
});
