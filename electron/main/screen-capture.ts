/**
 * Screenshots for the context's screenshot chip, through Electron's desktopCapturer. The core asks
 * only when the user pressed the screenshot button in the quick-ask window, never by default.
 *
 * The screen captured is the one under the pointer — where the user works and where quick ask opened.
 * The image comes at most 1600 px wide (desktopCapturer scales its thumbnail to fit the size asked,
 * keeping the aspect ratio), as PNG bytes handed to the core. The quick-ask panel keeps itself out of
 * captures where the system allows it (content protection, windows.ts).
 *
 * macOS asks the user once for Screen Recording; until it is granted, capture fails with a message
 * saying where to grant it — and when it was refused, macOS hands back the desktop without any
 * window, which must not be sent as if it were the screen.
 */
import type { CapturedImage, ScreenCapture } from '../core/platform';

/** Widest screenshot handed to the core (the context engine's SCREENSHOT_MAX_SIDE). */
export const CAPTURE_MAX_WIDTH = 1600;

export const SCREEN_RECORDING_DENIED =
  'macOS has not given Tandem the Screen Recording permission: allow Tandem in System Settings › Privacy & Security › Screen Recording, then restart Tandem and try again.';

/** The parts of a NativeImage the capture reads. */
export interface CapturedThumbnail {
  isEmpty(): boolean;
  getSize(): { width: number; height: number };
  toPNG(): Uint8Array;
}

export interface CapturerSource {
  id: string;
  name: string;
  /** The display's id as a string; empty on some Linux setups. */
  display_id: string;
  thumbnail: CapturedThumbnail;
}

/** The parts of Electron's desktopCapturer, screen and systemPreferences the capture needs. */
export interface DesktopCapturerApi {
  getSources(options: { types: ('screen' | 'window')[]; thumbnailSize: { width: number; height: number }; fetchWindowIcons?: boolean }): Promise<CapturerSource[]>;
}

export interface CaptureScreenApi {
  getCursorScreenPoint(): { x: number; y: number };
  getDisplayNearestPoint(point: { x: number; y: number }): { id: number; size: { width: number; height: number }; scaleFactor: number };
}

export interface DesktopScreenCaptureOptions {
  capturer: DesktopCapturerApi;
  screen: CaptureScreenApi;
  platform: NodeJS.Platform;
  /** `systemPreferences.getMediaAccessStatus('screen')` (macOS and Windows). */
  screenAccess?: () => string;
  maxWidth?: number;
}

export class DesktopScreenCapture implements ScreenCapture {
  constructor(private readonly opts: DesktopScreenCaptureOptions) {}

  async capture(signal?: AbortSignal): Promise<CapturedImage> {
    const mac = this.opts.platform === 'darwin';
    const access = this.opts.screenAccess?.();
    // 'not-determined': capturing is what makes macOS ask the user, so go on.
    if (mac && (access === 'denied' || access === 'restricted')) throw new Error(SCREEN_RECORDING_DENIED);

    const display = this.opts.screen.getDisplayNearestPoint(this.opts.screen.getCursorScreenPoint());
    const thumbnailSize = captureSize(display, this.opts.maxWidth ?? CAPTURE_MAX_WIDTH);
    const sources = await this.opts.capturer.getSources({ types: ['screen'], thumbnailSize, fetchWindowIcons: false });
    signal?.throwIfAborted();
    // Some Linux setups leave display_id empty: the first screen is then the best guess.
    const source = sources.find((s) => s.display_id === String(display.id)) ?? sources[0];
    if (!source) throw new Error(mac ? SCREEN_RECORDING_DENIED : 'The system offered no screen to capture.');
    if (source.thumbnail.isEmpty()) throw new Error(mac ? SCREEN_RECORDING_DENIED : 'The screen could not be captured: the system returned an empty image.');
    // The user may have refused the prompt this very capture raised.
    if (mac && this.opts.screenAccess?.() === 'denied') throw new Error(SCREEN_RECORDING_DENIED);

    const { width, height } = source.thumbnail.getSize();
    return { png: source.thumbnail.toPNG(), width, height };
  }
}

/** The display in device pixels, scaled down (never up) to `maxWidth`. */
export function captureSize(display: { size: { width: number; height: number }; scaleFactor: number }, maxWidth: number): { width: number; height: number } {
  const width = Math.round(display.size.width * display.scaleFactor);
  const height = Math.round(display.size.height * display.scaleFactor);
  if (width <= maxWidth) return { width, height };
  return { width: maxWidth, height: Math.round((height * maxWidth) / width) };
}
