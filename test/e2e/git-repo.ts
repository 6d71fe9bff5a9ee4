/** A real git repository with one commit, in a temp folder, for tests that open a folder. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function makeGitRepo(parent: string, name: string): string {
  const dir = path.join(parent, name);
  fs.mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(dir, 'README.md'), `# ${name}\n`);
  git('add', '.');
  git('-c', 'user.name=Tandem Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'init');
  return dir;
}
