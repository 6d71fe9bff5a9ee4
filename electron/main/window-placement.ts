/** Where the quick-ask and overlay windows go on screen. Pure geometry, no Electron. */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Gap between the tray icon and the overlay, in DIPs. */
const TRAY_GAP = 8;

/** Centred in the work area (the display minus panels and docks). */
export function centeredIn(workArea: Rect, size: Size): { x: number; y: number } {
  return {
    x: Math.round(workArea.x + (workArea.width - size.width) / 2),
    y: Math.round(workArea.y + (workArea.height - size.height) / 2),
  };
}

/**
 * Next to the tray icon: below it when the icon is in the top half of the screen (Linux and macOS
 * top bars), above it otherwise (Windows taskbar), centred on the icon and kept inside the work area.
 * Many Linux trays report empty bounds; then the overlay goes to the top-right corner, where most
 * Linux panels keep their tray.
 */
export function besideTray(tray: Rect | null, workArea: Rect, size: Size): { x: number; y: number } {
  const right = workArea.x + workArea.width - size.width;
  const bottom = workArea.y + workArea.height - size.height;
  if (!tray || tray.width <= 0 || tray.height <= 0) {
    return { x: right - TRAY_GAP, y: workArea.y + TRAY_GAP };
  }
  const x = clamp(Math.round(tray.x + tray.width / 2 - size.width / 2), workArea.x, right);
  const trayInTopHalf = tray.y + tray.height / 2 < workArea.y + workArea.height / 2;
  const y = trayInTopHalf ? tray.y + tray.height + TRAY_GAP : tray.y - size.height - TRAY_GAP;
  return { x, y: clamp(y, workArea.y, bottom) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}
