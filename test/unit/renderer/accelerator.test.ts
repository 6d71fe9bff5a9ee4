import { describe, expect, it } from 'vitest';
import { Accelerator } from '../../../shared/contract';
import { acceleratorFromKey } from '../../../renderer/src/features/settings/accelerator';

const press = (key: string, code: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key,
  code,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('hotkey recorder', () => {
  it('records the primary modifier as CommandOrControl on each platform', () => {
    expect(acceleratorFromKey(press(' ', 'Space', { ctrl: true, shift: true }), false)).toEqual({ accelerator: 'CommandOrControl+Shift+Space' });
    expect(acceleratorFromKey(press(' ', 'Space', { meta: true, shift: true }), true)).toEqual({ accelerator: 'CommandOrControl+Shift+Space' });
    expect(acceleratorFromKey(press('t', 'KeyT', { ctrl: true, meta: true }), true)).toEqual({ accelerator: 'CommandOrControl+Control+T' });
  });

  it('uses the physical key, so Shift and Alt do not change it', () => {
    expect(acceleratorFromKey(press('!', 'Digit1', { ctrl: true, shift: true }), false)).toEqual({ accelerator: 'CommandOrControl+Shift+1' });
    expect(acceleratorFromKey(press('å', 'KeyA', { alt: true, meta: true }), true)).toEqual({ accelerator: 'CommandOrControl+Alt+A' });
  });

  it('waits while only modifiers are held, and refuses a bare key', () => {
    expect(acceleratorFromKey(press('Control', 'ControlLeft', { ctrl: true }), false)).toEqual({ pending: true });
    expect(acceleratorFromKey(press('k', 'KeyK'), false)).toMatchObject({ error: expect.stringContaining('modifier') });
  });

  it('produces accelerators the contract accepts', () => {
    for (const [k, code] of [
      [' ', 'Space'],
      ['ArrowUp', 'ArrowUp'],
      ['F12', 'F12'],
      ['`', 'Backquote'],
      ['/', 'Slash'],
    ] as const) {
      const result = acceleratorFromKey(press(k, code, { ctrl: true, alt: true }), false);
      expect(result).toHaveProperty('accelerator');
      if ('accelerator' in result) expect(Accelerator.safeParse(result.accelerator).success).toBe(true);
    }
  });
});
