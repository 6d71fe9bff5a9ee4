// The desktop app's screenshots, with a fake of desktopCapturer that behaves as Electron's does: the
// screen under the pointer, scaled to at most 1600 px wide, PNG bytes for the core, and macOS's Screen
// Recording permission turned into a message that says where to grant it.
import { describe, expect, it } from 'vitest';
import { pngSize } from '../../../electron/core/context/providers/screenshot';
import {
  captureSize,
  DesktopScreenCapture,
  SCREEN_RECORDING_DENIED,
  type CapturerSource,
  type DesktopCapturerApi,
} from '../../../electron/main/screen-capture';

/** A minimal valid-looking PNG header of the given size (what pngSize reads). */
function png(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

const displays = [
  { id: 1, bounds: { x: 0, y: 0, width: 1512, height: 982 }, size: { width: 1512, height: 982 }, scaleFactor: 2 },
  { id: 2, bounds: { x: 1512, y: 0, width: 1280, height: 720 }, size: { width: 1280, height: 720 }, scaleFactor: 1 },
];

/** Like Electron: one source per display; the thumbnail fits inside thumbnailSize, aspect kept. */
class FakeCapturer implements DesktopCapturerApi {
  calls: Parameters<DesktopCapturerApi['getSources']>[0][] = [];
  empty = false;
  async getSources(options: Parameters<DesktopCapturerApi['getSources']>[0]): Promise<CapturerSource[]> {
    this.calls.push(options);
    return displays.map((d) => {
      const w = d.size.width * d.scaleFactor;
      const h = d.size.height * d.scaleFactor;
      const scale = Math.min(1, options.thumbnailSize.width / w, options.thumbnailSize.height / h);
      const size = this.empty ? { width: 0, height: 0 } : { width: Math.round(w * scale), height: Math.round(h * scale) };
      return {
        id: `screen:${d.id}:0`,
        name: `Screen ${d.id}`,
        display_id: String(d.id),
        thumbnail: { isEmpty: () => this.empty, getSize: () => size, toPNG: () => png(size.width, size.height) },
      };
    });
  }
}

function screenAt(x: number) {
  return {
    getCursorScreenPoint: () => ({ x, y: 10 }),
    getDisplayNearestPoint: (p: { x: number }) => displays.find((d) => p.x >= d.bounds.x && p.x < d.bounds.x + d.bounds.width)!,
  };
}

describe('DesktopScreenCapture', () => {
  it('captures the screen under the pointer, a Retina screen scaled down to 1600 px wide', async () => {
    const capturer = new FakeCapturer();
    const shot = await new DesktopScreenCapture({ capturer, screen: screenAt(100), platform: 'darwin', screenAccess: () => 'granted' }).capture();
    expect(capturer.calls).toEqual([{ types: ['screen'], thumbnailSize: { width: 1600, height: 1039 }, fetchWindowIcons: false }]);
    expect({ width: shot.width, height: shot.height }).toEqual({ width: 1600, height: 1039 });
    expect(pngSize(shot.png)).toEqual({ width: 1600, height: 1039 });
  });

  it('takes the second screen when the pointer is there, and never scales a small screen up', async () => {
    const shot = await new DesktopScreenCapture({ capturer: new FakeCapturer(), screen: screenAt(2000), platform: 'win32', screenAccess: () => 'granted' }).capture();
    expect(pngSize(shot.png)).toEqual({ width: 1280, height: 720 });
  });

  it('tells the user where to grant Screen Recording when macOS refused it, without capturing', async () => {
    const capturer = new FakeCapturer();
    const capture = new DesktopScreenCapture({ capturer, screen: screenAt(100), platform: 'darwin', screenAccess: () => 'denied' });
    await expect(capture.capture()).rejects.toThrow(SCREEN_RECORDING_DENIED);
    expect(capturer.calls).toHaveLength(0);
  });

  it('treats an empty image as a refusal on macOS, and as a plain failure elsewhere', async () => {
    const capturer = new FakeCapturer();
    capturer.empty = true;
    await expect(new DesktopScreenCapture({ capturer, screen: screenAt(100), platform: 'darwin', screenAccess: () => 'not-determined' }).capture()).rejects.toThrow(
      /Screen Recording permission/,
    );
    await expect(new DesktopScreenCapture({ capturer, screen: screenAt(100), platform: 'linux' }).capture()).rejects.toThrow(/returned an empty image/);
  });

  it('gives up when the snapshot stopped waiting', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(new DesktopScreenCapture({ capturer: new FakeCapturer(), screen: screenAt(100), platform: 'linux' }).capture(abort.signal)).rejects.toThrow();
  });
});

describe('captureSize', () => {
  it('keeps the aspect ratio in device pixels', () => {
    expect(captureSize({ size: { width: 1920, height: 1080 }, scaleFactor: 1.5 }, 1600)).toEqual({ width: 1600, height: 900 });
    expect(captureSize({ size: { width: 800, height: 600 }, scaleFactor: 1 }, 1600)).toEqual({ width: 800, height: 600 });
  });
});
