import { describe, expect, it } from 'vitest';
import type { RpcResult } from '../../../shared/contract';
import { TrayController, type TrayApi, type TrayMenuItem } from '../../../electron/main/tray';
import type { Rect } from '../../../electron/main/window-placement';

/** A tray whose "menus" are the templates themselves. */
class FakeTray implements TrayApi<TrayMenuItem[], string> {
  menu: TrayMenuItem[] | null = null;
  image = '';
  toolTip = '';
  bounds: Rect = { x: 1800, y: 0, width: 24, height: 24 };
  clickListener: (() => void) | null = null;
  destroyed = false;
  setContextMenu(menu: TrayMenuItem[] | null) {
    this.menu = menu;
  }
  setToolTip(toolTip: string) {
    this.toolTip = toolTip;
  }
  setImage(image: string) {
    this.image = image;
  }
  getBounds() {
    return this.bounds;
  }
  on(_event: 'click', listener: () => void) {
    this.clickListener = listener;
  }
  destroy() {
    this.destroyed = true;
  }
  item(id: string): TrayMenuItem {
    const found = this.menu?.find((i) => i.id === id);
    if (!found) throw new Error(`no menu item ${id}`);
    return found;
  }
  /** What Electron does on a checkbox click: flip `checked`, then call click with the item. */
  clickCheckbox(id: string) {
    const item = this.item(id);
    item.click?.({ checked: !item.checked });
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(answer: (paused: boolean) => RpcResult = (paused) => ({ ok: true, result: { paused } }), paused = false) {
  const tray = new FakeTray();
  const calls: string[] = [];
  const requests: boolean[] = [];
  const controller = new TrayController<TrayMenuItem[], string>({
    tray,
    buildMenu: (template) => template,
    icons: { active: 'tray.png', paused: 'tray-paused.png' },
    paused,
    log: () => {},
    actions: {
      openMain: () => calls.push('openMain'),
      toggleOverlay: (bounds) => calls.push(`overlay@${bounds?.x},${bounds?.y}`),
      requestPaused: async (p) => {
        requests.push(p);
        return answer(p);
      },
      quit: () => calls.push('quit'),
    },
  });
  return { tray, controller, calls, requests };
}

describe('tray menu', () => {
  it('offers Open Tandem, Pause suggestions (a checkbox) and Quit', () => {
    const { tray } = setup();
    expect(tray.menu?.map(({ id, type, label, checked }) => ({ id, type, label, checked }))).toEqual([
      { id: 'open', type: 'normal', label: 'Open Tandem', checked: undefined },
      { id: 'pause', type: 'checkbox', label: 'Pause suggestions', checked: false },
      { id: 'separator', type: 'separator', label: undefined, checked: undefined },
      { id: 'quit', type: 'normal', label: 'Quit Tandem', checked: undefined },
    ]);
    expect(tray.image).toBe('tray.png');
    expect(tray.toolTip).toBe('Tandem');
  });

  it('opens the main window and quits from the menu, toggles the overlay on icon click', () => {
    const { tray, calls } = setup();
    tray.item('open').click?.({ checked: false });
    tray.clickListener?.();
    tray.item('quit').click?.({ checked: false });
    expect(calls).toEqual(['openMain', 'overlay@1800,0', 'quit']);
  });

  it('pauses through the core, then shows the paused state', async () => {
    const { tray, requests, controller } = setup();
    tray.clickCheckbox('pause');
    await flush();
    expect(requests).toEqual([true]);
    expect(controller.isPaused()).toBe(true);
    expect(tray.item('pause').checked).toBe(true);
    expect(tray.image).toBe('tray-paused.png');
    expect(tray.toolTip).toBe('Tandem (suggestions paused)');

    tray.clickCheckbox('pause');
    await flush();
    expect(requests).toEqual([true, false]);
    expect(tray.item('pause').checked).toBe(false);
    expect(tray.image).toBe('tray.png');
  });

  it('puts the checkbox back when the core refuses', async () => {
    const { tray, controller } = setup(() => ({ ok: false, error: { code: 'internal', message: 'disk full' } }));
    tray.clickCheckbox('pause');
    await flush();
    expect(controller.isPaused()).toBe(false);
    expect(tray.item('pause').checked).toBe(false);
  });

  it('follows pause changes made elsewhere (Settings, another window)', () => {
    const { tray, controller } = setup(undefined, true);
    expect(tray.item('pause').checked).toBe(true);
    controller.setPaused(false);
    expect(tray.item('pause').checked).toBe(false);
    expect(controller.menuItems().find((i) => i.id === 'pause')?.checked).toBe(false);
    controller.dispose();
    expect(tray.destroyed).toBe(true);
  });
});
