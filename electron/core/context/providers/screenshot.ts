/**
 * The screenshot chip. Off unless the user asks for it in the quick-ask window: a snapshot includes
 * one only when called with `includeScreenshot`, and never while an excluded window is in front.
 * The capture itself comes from the platform (desktopCapturer in the desktop app) or, in serve mode
 * on X11, from ImageMagick's `import -window root`, scaled down so a 4K screen stays a reasonable
 * image for a model.
 */
import type { CapturedImage, ScreenCapture } from '../../platform';
import { runCommand } from '../exec';
import type { ContextProvider, ProviderContext, ProviderResult } from './types';

/** Longest side of the image sent to a model. */
export const SCREENSHOT_MAX_SIDE = 1600;
/** A screenshot takes 0.1–0.4 s; the user asked for it and waits for it. */
export const SCREENSHOT_BUDGET_MS = 3000;
const MAX_PNG_BYTES = 20 * 1024 * 1024;

export class ImportScreenCapture implements ScreenCapture {
  constructor(private readonly opts: { display: string; env?: NodeJS.ProcessEnv }) {}

  async capture(signal?: AbortSignal): Promise<CapturedImage> {
    const geometry = `${SCREENSHOT_MAX_SIDE}x${SCREENSHOT_MAX_SIDE}>`; // shrink only, keep the aspect ratio
    const r = await runCommand('import', ['-silent', '-window', 'root', '-resize', geometry, 'png:-'], {
      env: { ...(this.opts.env ?? process.env), DISPLAY: this.opts.display },
      signal,
      maxBytes: MAX_PNG_BYTES,
    });
    if (r.code !== 0 || r.truncated) throw new Error(`import could not capture the screen: ${r.stderr || (r.truncated ? 'image too large' : `exit ${r.code}`)}`);
    const size = pngSize(r.stdout);
    if (!size) throw new Error('import did not produce a PNG image');
    return { png: r.stdout, ...size };
  }
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((b, i) => png[i] !== b)) return null;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export class ScreenshotProvider implements ContextProvider {
  readonly id = 'screenshot' as const;
  readonly budgetMs = SCREENSHOT_BUDGET_MS;

  constructor(
    private readonly capture: ScreenCapture,
    private readonly source: string,
  ) {}

  async collect(ctx: ProviderContext): Promise<ProviderResult> {
    if (!ctx.includeScreenshot) return { chips: [] };
    const excluded = await ctx.exclusion();
    if (excluded) return { chips: [], excluded: [`Screenshot not taken: ${excluded}.`] };
    const shot = await this.capture.capture(ctx.signal);
    const dataUrl = `data:image/png;base64,${Buffer.from(shot.png).toString('base64')}`;
    return {
      chips: [
        {
          id: 'screenshot',
          label: `Screenshot ${shot.width}×${shot.height}`,
          text: `A screenshot of the screen (${shot.width}×${shot.height}) is attached as an image.`,
          source: this.source,
          maxChars: 200,
          image: { mimeType: 'image/png', dataUrl, width: shot.width, height: shot.height },
        },
      ],
    };
  }
}
