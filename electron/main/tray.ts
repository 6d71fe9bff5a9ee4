/**
 * The tray icon and its menu: Open Tandem, Pause suggestions (a checkbox bound to the core's
 * `app.setPaused`), Quit. A click on the icon (where the desktop reports one) toggles the
 * suggestions overlay. The icon carries a quiet badge (a dot) while cards wait for an answer — the
 * core's `suggestions.pending` count — and its tooltip says how many. The menu is rebuilt on every
 * change because Linux trays only pick up a new menu, not edits to the old one.
 */
import type { RpcResult } from '../../shared/contract';
import type { Rect } from './window-placement';

/** One menu entry; a subset of Electron's MenuItemConstructorOptions. */
export interface TrayMenuItem {
  id: string;
  type: 'normal' | 'checkbox' | 'separator';
  label?: string;
  checked?: boolean;
  click?: (item: { checked: boolean }) => void;
}

/** The parts of Electron's Tray the controller uses. */
export interface TrayApi<Menu, Image> {
  setContextMenu(menu: Menu | null): void;
  setToolTip(toolTip: string): void;
  setImage(image: Image): void;
  getBounds(): Rect;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayActions {
  openMain(): void;
  toggleOverlay(trayBounds: Rect | null): void;
  /** Asks the core to pause or resume; resolves with its answer. */
  requestPaused(paused: boolean): Promise<RpcResult>;
  quit(): void;
}

export interface TrayControllerOptions<Menu, Image> {
  tray: TrayApi<Menu, Image>;
  /** Menu.buildFromTemplate. */
  buildMenu(template: TrayMenuItem[]): Menu;
  /** `badged`: the active icon with the dot that says cards are waiting. */
  icons: { active: Image; paused: Image; badged: Image };
  actions: TrayActions;
  paused: boolean;
  /** Cards waiting for an answer at start. */
  pendingCount?: number;
  log?: (message: string) => void;
}

export function trayMenuTemplate(paused: boolean, handlers: { open(): void; togglePaused(paused: boolean): void; quit(): void }): TrayMenuItem[] {
  return [
    { id: 'open', type: 'normal', label: 'Open Tandem', click: () => handlers.open() },
    // Electron flips `checked` before calling click, so the item carries the state the user wants.
    { id: 'pause', type: 'checkbox', label: 'Pause suggestions', checked: paused, click: (item) => handlers.togglePaused(item.checked) },
    { id: 'separator', type: 'separator' },
    { id: 'quit', type: 'normal', label: 'Quit Tandem', click: () => handlers.quit() },
  ];
}

export class TrayController<Menu, Image> {
  private paused: boolean;
  private pendingCount: number;
  private template: TrayMenuItem[] = [];

  constructor(private readonly opts: TrayControllerOptions<Menu, Image>) {
    this.paused = opts.paused;
    this.pendingCount = opts.pendingCount ?? 0;
    opts.tray.on('click', () => opts.actions.toggleOverlay(opts.tray.getBounds()));
    this.render();
  }

  /** The core's pause state changed (from the tray, Settings or anywhere else). */
  setPaused(paused: boolean): void {
    this.paused = paused;
    this.render();
  }

  isPaused(): boolean {
    return this.paused;
  }

  /** How many cards wait for the user's answer (the core's `suggestions.pending`). */
  setPendingCount(count: number): void {
    if (count === this.pendingCount) return;
    this.pendingCount = count;
    this.render();
  }

  /** The menu as last given to the tray. */
  menuItems(): readonly TrayMenuItem[] {
    return this.template;
  }

  dispose(): void {
    this.opts.tray.destroy();
  }

  private async togglePaused(wanted: boolean): Promise<void> {
    const result = await this.opts.actions.requestPaused(wanted);
    if (result.ok) {
      this.paused = wanted;
    } else {
      (this.opts.log ?? console.error)(`[tandem] could not ${wanted ? 'pause' : 'resume'}: ${result.error.message}`);
    }
    // Either way the checkbox must show the core's real state, not the click's.
    this.render();
  }

  private render(): void {
    const { tray, buildMenu, icons, actions } = this.opts;
    this.template = trayMenuTemplate(this.paused, {
      open: () => actions.openMain(),
      togglePaused: (wanted) => void this.togglePaused(wanted),
      quit: () => actions.quit(),
    });
    tray.setContextMenu(buildMenu(this.template));
    tray.setImage(this.paused ? icons.paused : this.pendingCount > 0 ? icons.badged : icons.active);
    tray.setToolTip(trayToolTip(this.paused, this.pendingCount));
  }
}

export function trayToolTip(paused: boolean, pendingCount: number): string {
  const base = paused ? 'Tandem (suggestions paused)' : 'Tandem';
  if (pendingCount <= 0) return base;
  return `${base} — ${pendingCount} ${pendingCount === 1 ? 'suggestion' : 'suggestions'} waiting`;
}
