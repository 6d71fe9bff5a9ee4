/**
 * `view_image`: lets the model look at a local image (a screenshot, a rendered page, a test artifact).
 * The item records the path; the picture itself is read from disk each time the conversation is sent
 * (as `input_image` on the Responses API, `image_url` content on Chat Completions), so the thread log
 * stays small and a deleted file just becomes a note.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ImageViewItem } from '../../../../shared/contract';
import { newItemId } from '../items';
import { defineTool } from './registry';

/** Larger images are refused: the API's own limit is 20 MB per image. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const SIGNATURES: { mime: string; test: (b: Buffer) => boolean }[] = [
  { mime: 'image/png', test: (b) => b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', test: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/gif', test: (b) => b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1')) },
  { mime: 'image/webp', test: (b) => b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export class ImageReadError extends Error {
  override readonly name = 'ImageReadError';
}

/** Reads an image file as a data URL; throws ImageReadError with a reason a model can act on. */
export async function readImageDataUrl(file: string): Promise<string> {
  let info;
  try {
    info = await fs.stat(file);
  } catch {
    throw new ImageReadError(`${file} does not exist`);
  }
  if (!info.isFile()) throw new ImageReadError(`${file} is not a file`);
  if (info.size > MAX_IMAGE_BYTES) {
    throw new ImageReadError(`${file} is ${(info.size / 1024 / 1024).toFixed(1)} MB; images up to ${MAX_IMAGE_BYTES / 1024 / 1024} MB can be viewed`);
  }
  const bytes = await fs.readFile(file);
  const kind = SIGNATURES.find((s) => s.test(bytes));
  if (!kind) throw new ImageReadError(`${file} is not a PNG, JPEG, GIF or WebP image`);
  return `data:${kind.mime};base64,${bytes.toString('base64')}`;
}

export const viewImageTool = defineTool({
  name: 'view_image',
  description: 'Look at a local image file (PNG, JPEG, GIF or WebP), such as a screenshot or a test artifact. The image is attached for you to see.',
  args: z.object({
    path: z.string().trim().min(1).max(4096).describe('Path of the image, absolute or relative to the working directory.'),
  }),
  async run(args, ctx) {
    const file = path.resolve(ctx.cwd, args.path);
    const item: ImageViewItem = { type: 'imageView', id: newItemId(), call: ctx.call, step: ctx.step, path: file, status: 'inProgress', reason: null };
    ctx.items.start(item);
    try {
      await readImageDataUrl(file);
      item.status = 'completed';
    } catch (error) {
      item.status = 'failed';
      item.reason = error instanceof ImageReadError ? error.message : `Could not read ${file}: ${(error as Error).message}`;
    }
    ctx.items.complete(item);
    return item;
  },
});
