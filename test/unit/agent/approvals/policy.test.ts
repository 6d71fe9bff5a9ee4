import { describe, expect, it } from 'vitest';
import { evaluateCommand, type CommandEvaluationInput, type CommandRule } from '../../../../electron/core/agent/approvals';

const rule = (prefix: string[], decision: CommandRule['decision'], source: CommandRule['source'] = 'user', reason: string | null = null): CommandRule => ({
  prefix,
  decision,
  reason,
  source,
  file: 'rules.json',
});

const evaluate = (overrides: Partial<CommandEvaluationInput>) =>
  evaluateCommand({ command: 'npm test', policy: 'on-request', sandboxMode: 'workspace-write', sandboxEnforced: true, rules: [], ...overrides });

describe('evaluateCommand', () => {
  describe('on-request (the default)', () => {
    it('runs any command in the sandbox unasked', () => {
      expect(evaluate({ command: 'rm -rf build && npm install' })).toMatchObject({ decision: 'allow', sandboxed: true });
    });

    it('asks when the model wants to leave the sandbox, with its justification', () => {
      const verdict = evaluate({ command: 'git push', requestedEscalation: true, justification: 'push the fix to the review branch' });
      expect(verdict).toMatchObject({ decision: 'prompt', sandboxed: false });
      expect(verdict.reason).toBe('The model asks to run `git push` outside the sandbox: push the fix to the review branch');
    });

    it('lets a user rule approve leaving the sandbox, but not a repository rule', () => {
      expect(evaluate({ command: 'git push', requestedEscalation: true, rules: [rule(['git', 'push'], 'allow', 'user')] })).toMatchObject({ decision: 'allow', sandboxed: false });
      expect(evaluate({ command: 'git push', requestedEscalation: true, rules: [rule(['git', 'push'], 'allow', 'repo')] })).toMatchObject({ decision: 'prompt', sandboxed: false });
    });
  });

  describe('untrusted', () => {
    it('runs known-safe read-only commands in the sandbox unasked', () => {
      expect(evaluate({ policy: 'untrusted', command: 'git status && ls -la' })).toMatchObject({ decision: 'allow', sandboxed: true });
    });

    it('asks for anything else, saying why', () => {
      const verdict = evaluate({ policy: 'untrusted', command: 'ls > files.txt' });
      expect(verdict).toMatchObject({ decision: 'prompt', sandboxed: true });
      expect(verdict.reason).toBe('`ls > files.txt` is not a known read-only command (it has output redirected to a file (> files.txt)), and the approval policy is "untrusted".');
    });

    it('lets allow rules spare the question; a repository rule only inside an enforced sandbox', () => {
      expect(evaluate({ policy: 'untrusted', rules: [rule(['npm', 'test'], 'allow', 'repo')] })).toMatchObject({ decision: 'allow', sandboxed: true });
      expect(evaluate({ policy: 'untrusted', sandboxMode: 'danger-full-access', rules: [rule(['npm', 'test'], 'allow', 'repo')] })).toMatchObject({ decision: 'prompt' });
      expect(evaluate({ policy: 'untrusted', sandboxMode: 'danger-full-access', rules: [rule(['npm', 'test'], 'allow', 'user')] })).toMatchObject({ decision: 'allow', sandboxed: false });
    });

    it('still asks for unsafe commands under full access', () => {
      expect(evaluate({ policy: 'untrusted', sandboxMode: 'danger-full-access' })).toMatchObject({ decision: 'prompt', sandboxed: false });
      expect(evaluate({ policy: 'untrusted', sandboxMode: 'danger-full-access', command: 'cat x' })).toMatchObject({ decision: 'allow', sandboxed: false });
    });
  });

  describe('never', () => {
    it('runs in the sandbox and never asks', () => {
      expect(evaluate({ policy: 'never', command: 'make install' })).toMatchObject({ decision: 'allow', sandboxed: true });
    });

    it('refuses what would need a question', () => {
      expect(evaluate({ policy: 'never', requestedEscalation: true }).decision).toBe('forbid');
      expect(evaluate({ policy: 'never', requestedEscalation: true }).reason).toMatch(/no command can run outside the sandbox/);
      expect(evaluate({ policy: 'never', rules: [rule(['npm'], 'prompt')] }).decision).toBe('forbid');
    });
  });

  describe('rules', () => {
    it('forbid beats prompt beats allow, whichever file they come from', () => {
      const rules = [rule(['git'], 'allow', 'user'), rule(['git', 'push'], 'prompt', 'user'), rule(['git', 'push', '--force'], 'forbid', 'repo', 'history is shared')];
      const forced = evaluate({ command: 'git push --force', rules, policy: 'untrusted' });
      expect(forced.decision).toBe('forbid');
      expect(forced.matchedRule).toBe(rules[2]);
      expect(forced.reason).toBe('`git push --force` is forbidden by a rule (the repository rules: history is shared); it was not run.');
      expect(evaluate({ command: 'git push', rules }).decision).toBe('prompt');
      expect(evaluate({ command: 'git fetch', rules, policy: 'untrusted' }).decision).toBe('allow');
    });

    it('a forbidden command never runs: not with full access, not when the model asks, not under never', () => {
      const rules = [rule(['rm', '-rf'], 'forbid')];
      for (const overrides of [
        { sandboxMode: 'danger-full-access' as const },
        { requestedEscalation: true, justification: 'trust me' },
        { policy: 'never' as const },
        { sandboxEnforced: false },
      ]) {
        expect(evaluate({ command: 'cd build && rm -rf .', rules, ...overrides }).decision).toBe('forbid');
      }
    });

    it('a prompt rule asks even for commands the sandbox would allow', () => {
      const verdict = evaluate({ command: 'npm publish', rules: [rule(['npm', 'publish'], 'prompt', 'user', 'releases are manual')] });
      expect(verdict).toMatchObject({ decision: 'prompt', sandboxed: true });
      expect(verdict.reason).toBe('A rule asks for approval before `npm publish` (your rules: releases are manual).');
    });
  });

  describe('without an enforceable sandbox (Windows, no bwrap)', () => {
    const unenforced = { sandboxEnforced: false, sandboxUnavailableReason: 'bubblewrap (bwrap) is not installed.' };

    it('asks before every command, even known-safe ones', () => {
      for (const policy of ['on-request', 'untrusted'] as const) {
        const verdict = evaluate({ ...unenforced, policy, command: 'ls' });
        expect(verdict).toMatchObject({ decision: 'prompt', sandboxed: false });
        expect(verdict.reason).toBe('bubblewrap (bwrap) is not installed. Every command needs approval.');
      }
    });

    it('runs what the user\'s own rules allow, refuses the rest under never, and lets full access run', () => {
      expect(evaluate({ ...unenforced, rules: [rule(['npm', 'test'], 'allow', 'user')] })).toMatchObject({ decision: 'allow', sandboxed: false });
      expect(evaluate({ ...unenforced, rules: [rule(['npm', 'test'], 'allow', 'repo')] }).decision).toBe('prompt');
      expect(evaluate({ ...unenforced, policy: 'never' }).decision).toBe('forbid');
      expect(evaluate({ ...unenforced, sandboxMode: 'danger-full-access' })).toMatchObject({ decision: 'allow', sandboxed: false });
    });
  });

  it('refuses an empty command', () => {
    expect(evaluate({ command: '' }).decision).toBe('forbid');
    expect(evaluate({ command: [] }).decision).toBe('forbid');
  });
});
