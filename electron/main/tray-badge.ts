/**
 * The tray badge: a filled dot in the icon's top-right corner, painted into the icon's raw pixels
 * (Electron's `NativeImage.toBitmap()`: 4 bytes a pixel, rows top to bottom) so no second set of icon
 * files has to be kept in step with the first. The dot is opaque in every channel order, so it shows on
 * coloured icons and, on macOS, on template images (which only use the alpha channel). Pure.
 */

/** The dot's diameter as a share of the icon's side: visible at 16 px, quiet at 64 px. */
const DOT_SHARE = 0.42;
/** Tandem's accent red, as B, G, R (Chromium's bitmaps on little-endian machines are BGRA). */
const DOT_BGR = [0x3b, 0x3b, 0xe5] as const;

export function paintBadgeDot(bitmap: Uint8Array, width: number, height: number): Uint8Array {
  if (bitmap.length !== width * height * 4) throw new Error(`A ${width}×${height} bitmap has ${width * height * 4} bytes, not ${bitmap.length}`);
  const out = new Uint8Array(bitmap);
  const diameter = Math.max(3, Math.round(Math.min(width, height) * DOT_SHARE));
  const radius = diameter / 2;
  const cx = width - radius;
  const cy = radius;
  for (let y = 0; y < Math.ceil(diameter); y++) {
    for (let x = Math.floor(width - diameter); x < width; x++) {
      // Pixel centres inside the circle are painted; the edge is left crisp (tray icons are tiny).
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      if (dx * dx + dy * dy > radius * radius) continue;
      const at = (y * width + x) * 4;
      out[at] = DOT_BGR[0];
      out[at + 1] = DOT_BGR[1];
      out[at + 2] = DOT_BGR[2];
      out[at + 3] = 0xff;
    }
  }
  return out;
}

/** The parts of Electron's NativeImage (and its factory) the badge uses. */
export interface BadgeImage {
  getScaleFactors(): number[];
  getSize(scaleFactor?: number): { width: number; height: number };
  toBitmap(options: { scaleFactor: number }): Uint8Array;
  toPNG(): Uint8Array;
  addRepresentation(options: { scaleFactor: number; width: number; height: number; buffer: Buffer }): void;
  isEmpty(): boolean;
  isTemplateImage(): boolean;
  setTemplateImage(option: boolean): void;
}

export interface BadgeImageFactory<I extends BadgeImage> {
  createEmpty(): I;
  createFromBitmap(buffer: Buffer, options: { width: number; height: number; scaleFactor: number }): I;
}

/**
 * The icon with the dot, at every resolution it has (1x, 2x). A representation whose pixels cannot be
 * read as expected is left out; with none left, the plain icon is returned (the tooltip still counts).
 */
export function badgedImage<I extends BadgeImage>(icon: I, factory: BadgeImageFactory<I>): I {
  // A badge is a nicety: an icon Electron cannot take apart must never keep Tandem from starting.
  try {
    return paintRepresentations(icon, factory);
  } catch (error) {
    console.warn('[tandem] the tray badge could not be drawn; the tooltip still counts waiting suggestions', error);
    return icon;
  }
}

function paintRepresentations<I extends BadgeImage>(icon: I, factory: BadgeImageFactory<I>): I {
  const out = factory.createEmpty();
  const dip = icon.getSize();
  for (const scaleFactor of icon.getScaleFactors()) {
    const bitmap = icon.toBitmap({ scaleFactor });
    const size = pixelSize(bitmap.length, dip, scaleFactor, icon.getSize(scaleFactor));
    if (!size) continue;
    const painted = Buffer.from(paintBadgeDot(bitmap, size.width, size.height));
    const png = factory.createFromBitmap(painted, { ...size, scaleFactor }).toPNG();
    out.addRepresentation({ scaleFactor, ...size, buffer: Buffer.from(png) });
  }
  if (out.isEmpty()) return icon;
  if (icon.isTemplateImage()) out.setTemplateImage(true);
  return out;
}

/** Which of the sizes Electron reports matches the bitmap's byte count (the docs leave DIP vs pixels open). */
function pixelSize(bytes: number, dip: { width: number; height: number }, scale: number, reported: { width: number; height: number }) {
  const candidates = [{ width: Math.round(dip.width * scale), height: Math.round(dip.height * scale) }, reported];
  return candidates.find((c) => c.width > 0 && c.height > 0 && c.width * c.height * 4 === bytes) ?? null;
}
