import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPatch } from '../../electron/core/agent/apply-patch';

/*
 * Runs every scenario in ../shared/apply-patch-scenarios as its README says: copy input/ to a temp
 * dir, apply patch.txt there, ignore whether it "succeeded", and compare the whole resulting tree
 * byte for byte with expected/ — including that no extra files or directories exist. Scenarios are discovered from
 * the folder, so new ones are picked up without touching this file.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scenariosDir = path.resolve(repoRoot, '../shared/apply-patch-scenarios');

const scenarios = readdirSync(scenariosDir)
  .filter((name) => statSync(path.join(scenariosDir, name)).isDirectory())
  .sort();

/** Every file and directory under `root`: relative path → bytes, or 'dir'. */
async function snapshotTree(root: string): Promise<Map<string, Buffer | 'dir'>> {
  const tree = new Map<string, Buffer | 'dir'>();
  if (!existsSync(root)) return tree;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full);
      if (entry.isDirectory()) {
        tree.set(relative, 'dir');
        await walk(full);
      } else {
        tree.set(relative, await readFile(full));
      }
    }
  };
  await walk(root);
  return tree;
}

describe('apply-patch scenarios', () => {
  const workDirs: string[] = [];
  afterEach(async () => {
    await Promise.all(workDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('finds the scenario folder', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(22);
  });

  it.each(scenarios)('%s', async (scenario) => {
    const scenarioDir = path.join(scenariosDir, scenario);
    const workDir = await mkdtemp(path.join(tmpdir(), `tandem-apply-patch-${scenario}-`));
    workDirs.push(workDir);
    const inputDir = path.join(scenarioDir, 'input');
    if (existsSync(inputDir)) await cp(inputDir, workDir, { recursive: true });

    const patch = await readFile(path.join(scenarioDir, 'patch.txt'), 'utf8');
    await applyPatch(patch, { cwd: workDir }); // the outcome is judged by the tree alone

    const actual = await snapshotTree(workDir);
    const expected = await snapshotTree(path.join(scenarioDir, 'expected'));

    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [file, bytes] of expected) {
      const actualBytes = actual.get(file);
      if (bytes === 'dir') {
        expect(actualBytes, `${file} is a directory`).toBe('dir');
        continue;
      }
      expect(Buffer.isBuffer(actualBytes), `${file} is a file`).toBe(true);
      // Compare as text first for a readable failure, then as bytes for exactness.
      expect((actualBytes as Buffer).toString('utf8'), file).toBe(bytes.toString('utf8'));
      expect((actualBytes as Buffer).equals(bytes), `${file} matches byte for byte`).toBe(true);
    }
  });
});
