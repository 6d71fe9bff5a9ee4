import { describe, expect, test } from 'vitest';
import { shellKindOf } from '../../../electron/core/terminals/host/shell-resolver';
import { planLaunch, type IntegrationScripts } from '../../../electron/core/terminals/shell-integration/injection';

const scripts: IntegrationScripts = { dir: '/s', bash: '/s/tandem.bash', zshDotDir: '/s/zsh', fish: "/s/it's/tandem.fish" };

describe('shellKindOf', () => {
  test('recognises shells by file name', () => {
    expect(['/bin/bash', '/usr/local/bin/bash5', '/bin/zsh', '/opt/homebrew/bin/fish', 'C:\\x\\pwsh.exe', 'powershell.exe', '/bin/dash', '/usr/bin/nu'].map((p) => shellKindOf(p.replace(/\\/g, '/')))).toEqual([
      'bash',
      'bash',
      'zsh',
      'fish',
      'pwsh',
      'powershell',
      'sh',
      'other',
    ]);
  });
});

describe('planLaunch', () => {
  const base = { args: null, env: { HOME: '/home/me' }, scripts, nonce: 'n', platform: 'linux' as const };

  test('bash gets --init-file and the nonce; login on macOS', () => {
    expect(planLaunch({ ...base, kind: 'bash' })).toEqual({ args: ['--init-file', '/s/tandem.bash'], env: { TANDEM_SHELL_NONCE: 'n' }, integration: { state: 'injected', reason: null } });
    expect(planLaunch({ ...base, kind: 'bash', platform: 'darwin' }).env).toEqual({ TANDEM_SHELL_NONCE: 'n', TANDEM_SHELL_LOGIN: '1' });
    expect(planLaunch({ ...base, kind: 'bash', args: ['-l'] }).env.TANDEM_SHELL_LOGIN).toBe('1');
  });

  test('zsh gets ZDOTDIR and remembers the user’s', () => {
    expect(planLaunch({ ...base, kind: 'zsh' }).env).toEqual({ TANDEM_SHELL_NONCE: 'n', ZDOTDIR: '/s/zsh', TANDEM_USER_ZDOTDIR: '/home/me', TANDEM_ZDOTDIR_UNSET: '1' });
    expect(planLaunch({ ...base, kind: 'zsh', env: { HOME: '/home/me', ZDOTDIR: '/home/me/.config/zsh' } }).env).toEqual({
      TANDEM_SHELL_NONCE: 'n',
      ZDOTDIR: '/s/zsh',
      TANDEM_USER_ZDOTDIR: '/home/me/.config/zsh',
    });
  });

  test('fish sources the script with a quoted path', () => {
    expect(planLaunch({ ...base, kind: 'fish' }).args).toEqual(['--init-command', "source '/s/it\\'s/tandem.fish'"]);
  });

  test('custom arguments, other shells and missing scripts turn integration off and say why', () => {
    expect(planLaunch({ ...base, kind: 'bash', args: ['-c', 'ls'] })).toEqual({ args: ['-c', 'ls'], env: {}, integration: { state: 'off', reason: 'The shell was started with custom arguments.' } });
    expect(planLaunch({ ...base, kind: 'pwsh' }).integration.reason).toMatch(/PowerShell/);
    expect(planLaunch({ ...base, kind: 'sh' }).integration).toEqual({ state: 'off', reason: 'Shell integration is available for bash, zsh and fish, not sh.' });
    expect(planLaunch({ ...base, kind: 'bash', scripts: null }).integration.state).toBe('off');
  });
});
