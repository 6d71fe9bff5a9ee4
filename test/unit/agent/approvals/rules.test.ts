import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  analyzeCommand,
  appendUserRule,
  loadRules,
  matchRules,
  parseRulesFile,
  repoRulesPath,
  userRulesPath,
  type CommandRule,
} from '../../../../electron/core/agent/approvals';
import { makeTempDir } from '../../../support/temp-dir';

const rule = (prefix: string[], decision: CommandRule['decision'], source: CommandRule['source'] = 'user'): CommandRule => ({
  prefix,
  decision,
  reason: null,
  source,
  file: source === 'user' ? '/data/rules.json' : '/repo/.tandem/rules.json',
});

describe('parseRulesFile', () => {
  it('reads prefixes written as arrays or strings', () => {
    const { rules, problem } = parseRulesFile(
      JSON.stringify({
        version: 1,
        rules: [
          { prefix: ['git', 'push'], decision: 'prompt', reason: 'pushes are shared' },
          { prefix: 'npm test', decision: 'allow' },
          { prefix: 'rm -rf', decision: 'forbid' },
        ],
      }),
      '/r.json',
      'repo',
    );
    expect(problem).toBeNull();
    expect(rules).toEqual([
      { prefix: ['git', 'push'], decision: 'prompt', reason: 'pushes are shared', source: 'repo', file: '/r.json' },
      { prefix: ['npm', 'test'], decision: 'allow', reason: null, source: 'repo', file: '/r.json' },
      { prefix: ['rm', '-rf'], decision: 'forbid', reason: null, source: 'repo', file: '/r.json' },
    ]);
  });

  it.each([
    ['{ not json', /is not valid JSON/],
    ['[]', /\(top level\)/],
    ['{"rules":[{"prefix":[],"decision":"allow"}]}', /rules\.0\.prefix: .*at least one word/],
    ['{"rules":[{"prefix":"ls","decision":"maybe"}]}', /rules\.0\.decision/],
    ['{"rules":[{"prefix":"npm test && rm -rf /","decision":"allow"}]}', /not a plain command prefix/],
    ['{"rules":[{"prefix":"ls","decision":"allow","extra":1}]}', /rules\.0/],
    ['{"version":2,"rules":[]}', /version/],
  ])('reports a broken file clearly and yields no rules: %s', (text, message) => {
    const { rules, problem } = parseRulesFile(text, '/r.json', 'user');
    expect(rules).toEqual([]);
    expect(problem?.file).toBe('/r.json');
    expect(problem?.message).toMatch(message);
    expect(problem?.message).toMatch(/its rules are ignored/);
  });
});

describe('matchRules', () => {
  const match = (rules: CommandRule[], command: string | string[]) => matchRules(rules, analyzeCommand(command));

  it('matches argv-token prefixes, not string prefixes', () => {
    const rules = [rule(['git', 'push'], 'forbid')];
    expect(match(rules, 'git push origin main').forbid).toBe(rules[0]);
    expect(match(rules, 'git pushy').forbid).toBeNull();
    expect(match(rules, 'git status').forbid).toBeNull();
    expect(match(rules, ['git', 'push']).forbid).toBe(rules[0]);
  });

  it('forbid and prompt rules see wrapped, nested and path-qualified commands', () => {
    const rules = [rule(['git', 'push'], 'forbid')];
    for (const command of [
      '/usr/bin/git push',
      'env GIT_TRACE=1 git push',
      'ls && git push',
      "bash -c 'git push'",
      'echo $(git push)',
      'sudo git push',
      'timeout 60 git push',
      ['sh', '-c', 'cd x; git push -f'],
    ]) {
      expect(match(rules, command).forbid, String(command)).toBe(rules[0]);
    }
  });

  it('allow rules need every command of a plain script to match, exactly as typed', () => {
    const rules = [rule(['npm', 'test'], 'allow'), rule(['npm', 'run', 'lint'], 'allow')];
    expect(match(rules, 'npm test -- --watch=false').allowed?.rule).toBe(rules[0]);
    expect(match(rules, 'npm test && npm run lint').allowed).not.toBeNull();
    expect(match(rules, 'npm test && npm publish').allowed).toBeNull();
    expect(match(rules, 'npm test > out.txt').allowed).toBeNull();
    expect(match(rules, 'npm test $(rm -rf x)').allowed).toBeNull();
    expect(match(rules, 'FOO=1 npm test').allowed).toBeNull();
    expect(match([rule(['git', 'status'], 'allow')], './git status').allowed).toBeNull();
    expect(match([rule(['git', 'status'], 'allow')], '/usr/bin/git status').allowed).toBeNull();
  });

  it('tells user allow rules from repository allow rules', () => {
    const rules = [rule(['npm', 'test'], 'allow', 'repo'), rule(['make'], 'allow', 'user')];
    expect(match(rules, 'npm test').allowed?.byUserRules).toBe(false);
    expect(match(rules, 'make').allowed?.byUserRules).toBe(true);
    expect(match(rules, 'make && npm test').allowed?.byUserRules).toBe(false);
  });

  it('reports every decision that applies (precedence is the policy\'s job)', () => {
    const rules = [rule(['git'], 'allow'), rule(['git', 'push'], 'prompt'), rule(['git', 'push', '--force'], 'forbid', 'repo')];
    const result = match(rules, 'git push --force');
    expect(result.forbid).toBe(rules[2]);
    expect(result.prompt).toBe(rules[1]);
    expect(result.allowed?.rule).toBe(rules[0]);
  });
});

describe('rules files on disk', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('merges the user file and every workspace root, and reports broken ones without failing', async () => {
    const dataDir = path.join(temp.dir, 'data');
    const repoA = path.join(temp.dir, 'a');
    const repoB = path.join(temp.dir, 'b');
    const repoC = path.join(temp.dir, 'c');
    fs.mkdirSync(dataDir);
    for (const repo of [repoA, repoB, repoC]) fs.mkdirSync(path.join(repo, '.tandem'), { recursive: true });
    fs.writeFileSync(userRulesPath(dataDir), JSON.stringify({ rules: [{ prefix: 'make', decision: 'allow' }] }));
    fs.writeFileSync(repoRulesPath(repoA), JSON.stringify({ rules: [{ prefix: ['git', 'push'], decision: 'forbid' }] }));
    fs.writeFileSync(repoRulesPath(repoB), '{"rules": [ oops');
    // repoC has a .tandem folder but no rules file: nothing to report.

    const loaded = await loadRules({ userRulesFile: userRulesPath(dataDir), workspaceRoots: [repoA, repoB, repoC] });
    expect(loaded.rules.map((r) => [r.source, r.decision, r.prefix.join(' ')])).toEqual([
      ['user', 'allow', 'make'],
      ['repo', 'forbid', 'git push'],
    ]);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]!.file).toBe(repoRulesPath(repoB));
    expect(loaded.problems[0]!.message).toMatch(/is not valid JSON/);
  });

  it('appends "always allow" rules atomically, once, keeping the user\'s own entries as written', async () => {
    const file = path.join(temp.dir, 'data', 'rules.json');
    expect(await appendUserRule(file, { prefix: ['npm', 'test'] })).toBe(true);
    expect(await appendUserRule(file, { prefix: ['npm', 'test'] })).toBe(false);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ version: 1, rules: [{ prefix: ['npm', 'test'], decision: 'allow' }] });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    fs.writeFileSync(file, JSON.stringify({ rules: [{ prefix: 'cargo build', decision: 'allow', reason: 'mine' }] }, null, 2));
    // Concurrent appends are serialised: neither is lost.
    await Promise.all([appendUserRule(file, { prefix: ['make'] }), appendUserRule(file, { prefix: ['cargo', 'test'] }), appendUserRule(file, { prefix: ['cargo', 'build'] })]);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).rules).toEqual([
      { prefix: 'cargo build', decision: 'allow', reason: 'mine' },
      { prefix: ['make'], decision: 'allow' },
      { prefix: ['cargo', 'test'], decision: 'allow' },
    ]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['rules.json']);
  });

  it('never overwrites a broken rules file', async () => {
    const file = path.join(temp.dir, 'rules.json');
    fs.writeFileSync(file, '{ "rules": [ my notes');
    await expect(appendUserRule(file, { prefix: ['make'] })).rejects.toThrow(/is not valid JSON .*fix it before Tandem adds rules/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{ "rules": [ my notes');
    await expect(appendUserRule(file, { prefix: [] })).rejects.toThrow(/one or more non-empty words/);
  });
});
