import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverAgentsFiles, foldersFromRootTo, formatAgentsFiles } from '../../../electron/core/agent/instructions/agents-md';
import { makeTempDir } from '../../support/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let home: string;
let repo: string;
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

beforeEach(() => {
  tmp = makeTempDir();
  home = path.join(tmp.dir, 'home');
  repo = path.join(tmp.dir, 'work', 'repo');
  fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'a', 'b'), { recursive: true });
  fs.mkdirSync(home);
});
afterEach(() => tmp.cleanup());

describe('AGENTS.md discovery', () => {
  it('user file first (~/.tandem over ~/.codex), then repo root down to the cwd', async () => {
    write(path.join(home, '.codex/AGENTS.md'), 'codex user');
    write(path.join(home, '.tandem/AGENTS.md'), 'tandem user');
    write(path.join(tmp.dir, 'work/AGENTS.md'), 'above the repo: ignored');
    write(path.join(repo, 'AGENTS.md'), 'root');
    write(path.join(repo, 'a/b/AGENTS.md'), 'nearest');
    const files = await discoverAgentsFiles({ cwd: path.join(repo, 'a/b'), homeDir: home });
    expect(files.map((f) => [f.scope, f.text])).toEqual([
      ['user', 'tandem user'],
      ['project', 'root'],
      ['project', 'nearest'],
    ]);
  });

  it('outside a repository, only the cwd is searched', async () => {
    const plain = path.join(tmp.dir, 'plain', 'sub');
    fs.mkdirSync(plain, { recursive: true });
    write(path.join(tmp.dir, 'plain/AGENTS.md'), 'parent');
    write(path.join(plain, 'AGENTS.md'), 'here');
    expect(await foldersFromRootTo(plain)).toEqual([plain]);
    expect((await discoverAgentsFiles({ cwd: plain, homeDir: home })).map((f) => f.text)).toEqual(['here']);
  });

  it('project files share a budget; what does not fit is cut and says so', async () => {
    write(path.join(repo, 'AGENTS.md'), 'x'.repeat(30));
    write(path.join(repo, 'a/AGENTS.md'), 'é'.repeat(20));
    write(path.join(repo, 'a/b/AGENTS.md'), 'never reached');
    const files = await discoverAgentsFiles({ cwd: path.join(repo, 'a/b'), homeDir: home, projectMaxBytes: 41 });
    expect(files.map((f) => [f.text, f.truncated])).toEqual([
      ['x'.repeat(30), false],
      ['é'.repeat(5), true],
    ]);
    const text = formatAgentsFiles(files);
    expect(text).toContain('[Truncated: only the first 10 of 40 bytes fit; read the file for the rest.]');
    expect(text.indexOf('x'.repeat(30))).toBeLessThan(text.indexOf('é'));
  });

  it('empty files are skipped and nothing found means no section', async () => {
    write(path.join(repo, 'AGENTS.md'), '  \n');
    expect(await discoverAgentsFiles({ cwd: repo, homeDir: home })).toEqual([]);
    expect(formatAgentsFiles([])).toBe('');
  });
});
