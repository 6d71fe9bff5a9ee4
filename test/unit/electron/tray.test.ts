import { describe, expect, it, vi } from 'vitest';
import type { RpcResult } from '../../../shared/contract';
import { TrayController, type TrayApi, type TrayMenuItem } from '../../../electron/main/tray';
import { badgedImage, paintBadgeDot, type BadgeImage } from '../../../electron/main/tray-badge';
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
    icons: { active: 'tray.png', paused: 'tray-paused.png', badged: 'tray-badged.png' },
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

describe('tray badge', () => {
  it('shows the dot and the count while cards wait, and goes quiet when they are answered', () => {
    const { tray, controller } = setup();
    controller.setPendingCount(2);
    expect(tray.image).toBe('tray-badged.png');
    expect(tray.toolTip).toBe('Tandem — 2 suggestions waiting');
    controller.setPendingCount(1);
    expect(tray.toolTip).toBe('Tandem — 1 suggestion waiting');
    controller.setPendingCount(0);
    expect(tray.image).toBe('tray.png');
    expect(tray.toolTip).toBe('Tandem');
  });

  it('keeps the paused icon while paused, still counting what waits', () => {
    const { tray, controller } = setup(undefined, true);
    controller.setPendingCount(3);
    expect(tray.image).toBe('tray-paused.png');
    expect(tray.toolTip).toBe('Tandem (suggestions paused) — 3 suggestions waiting');
    controller.setPaused(false);
    expect(tray.image).toBe('tray-badged.png');
  });

  it('paints an opaque dot in the top-right corner and leaves the rest of the icon alone', () => {
    const size = 16;
    const icon = new Uint8Array(size * size * 4).fill(0x10);
    const painted = paintBadgeDot(icon, size, size);
    const pixel = (x: number, y: number) => [...painted.slice((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(pixel(size - 3, 2)).toEqual([0x3b, 0x3b, 0xe5, 0xff]);
    expect(pixel(0, size - 1)).toEqual([0x10, 0x10, 0x10, 0x10]);
    expect(pixel(2, 2)).toEqual([0x10, 0x10, 0x10, 0x10]);
    expect(icon[((2 * size) + size - 3) * 4]).toBe(0x10);
    expect(() => paintBadgeDot(icon, 8, 8)).toThrow(/A 8×8 bitmap has 256 bytes, not 1024/);
  });

  it('badges every resolution of an icon, keeps template images templates, and falls back to the plain icon', () => {
    class FakeImage implements BadgeImage {
      reps: { scaleFactor: number; width: number; height: number; bitmap: Uint8Array }[] = [];
      template = false;
      getScaleFactors() {
        return this.reps.map((r) => r.scaleFactor);
      }
      getSize(scaleFactor?: number) {
        const rep = this.reps.find((r) => r.scaleFactor === (scaleFactor ?? 1)) ?? this.reps[0];
        return scaleFactor === undefined ? { width: 16, height: 16 } : { width: rep!.width, height: rep!.height };
      }
      toBitmap({ scaleFactor }: { scaleFactor: number }) {
        return this.reps.find((r) => r.scaleFactor === scaleFactor)!.bitmap;
      }
      toPNG() {
        return this.reps[0]!.bitmap;
      }
      addRepresentation(o: { scaleFactor: number; width: number; height: number; buffer: Buffer }) {
        this.reps.push({ ...o, bitmap: new Uint8Array(o.buffer) });
      }
      isEmpty() {
        return this.reps.length === 0;
      }
      isTemplateImage() {
        return this.template;
      }
      setTemplateImage(t: boolean) {
        this.template = t;
      }
    }
    const factory = {
      createEmpty: () => new FakeImage(),
      createFromBitmap(buffer: Buffer, o: { width: number; height: number; scaleFactor: number }) {
        const image = new FakeImage();
        image.reps.push({ ...o, bitmap: new Uint8Array(buffer) });
        return image;
      },
    };
    const icon = new FakeImage();
    icon.template = true;
    icon.reps.push({ scaleFactor: 1, width: 16, height: 16, bitmap: new Uint8Array(16 * 16 * 4) });
    icon.reps.push({ scaleFactor: 2, width: 32, height: 32, bitmap: new Uint8Array(32 * 32 * 4) });
    const badged = badgedImage(icon, factory);
    expect(badged).not.toBe(icon);
    expect(badged.reps.map((r) => [r.scaleFactor, r.width, r.bitmap.length])).toEqual([
      [1, 16, 1024],
      [2, 32, 4096],
    ]);
    expect(badged.reps[1]!.bitmap[(2 * 32 + 30) * 4 + 3]).toBe(0xff);
    expect(badged.isTemplateImage()).toBe(true);

    const odd = new FakeImage();
    odd.reps.push({ scaleFactor: 1, width: 16, height: 16, bitmap: new Uint8Array(10) });
    expect(badgedImage(odd, factory)).toBe(odd);
    // An image API that cannot do this at all (an old Electron, a stand-in) leaves the plain icon.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(badgedImage(icon, { createEmpty: () => { throw new TypeError('no createEmpty'); }, createFromBitmap: factory.createFromBitmap })).toBe(icon);
  });
});
