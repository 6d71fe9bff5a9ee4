/**
 * What an MCP tool call returned, made into what Tandem keeps and the model reads: the text blocks,
 * resource links and embedded text resources in order; structured content when nothing else says it;
 * images saved to the data folder (the conversation sends them like view_image's); all within a budget,
 * head and tail kept, so one chatty tool cannot flood the context window or the thread log.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { McpToolResult } from '../../../../shared/contract';
import { MAX_IMAGE_BYTES } from '../tools/view-image';

/** Characters of result text kept (the middle of a longer one is elided and counted). */
export const MAX_RESULT_CHARS = 32_000;
/** Images kept per result. */
export const MAX_RESULT_IMAGES = 4;

const IMAGE_TYPES: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

export async function convertToolResult(result: CallToolResult, imageDir: string, itemId: string): Promise<McpToolResult> {
  const parts: string[] = [];
  const images: string[] = [];
  for (const block of result.content ?? []) {
    switch (block.type) {
      case 'text':
        parts.push(block.text);
        break;
      case 'image': {
        const saved = images.length < MAX_RESULT_IMAGES ? await saveImage(block.data, block.mimeType, imageDir, `${itemId}-${images.length}`) : null;
        if (saved) images.push(saved);
        else parts.push(`[An image (${block.mimeType}) was left out: ${images.length >= MAX_RESULT_IMAGES ? `only ${MAX_RESULT_IMAGES} images are kept` : 'unsupported type or too large'}.]`);
        break;
      }
      case 'audio':
        parts.push(`[Audio (${block.mimeType}) was returned; Tandem does not pass audio to the model.]`);
        break;
      case 'resource_link':
        parts.push(`Resource: ${block.uri}${block.name ? ` (${block.name})` : ''}${block.description ? ` — ${block.description}` : ''}`);
        break;
      case 'resource': {
        const resource = block.resource;
        if ('text' in resource && typeof resource.text === 'string') parts.push(`Resource ${resource.uri}:\n${resource.text}`);
        else parts.push(`[Binary resource ${resource.uri}${resource.mimeType ? ` (${resource.mimeType})` : ''} left out.]`);
        break;
      }
      default:
        parts.push(`[A ${(block as { type: string }).type} block was left out.]`);
    }
  }
  if (result.structuredContent && parts.length === 0) parts.push(JSON.stringify(result.structuredContent, null, 2));
  return { text: capText(parts.join('\n\n')), images, isError: result.isError === true };
}

/** Keeps the head and the tail of a long text, saying how much was dropped between them. */
export function capText(text: string, max: number = MAX_RESULT_CHARS): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  const dropped = text.length - 2 * half;
  return `${text.slice(0, half)}\n[… ${dropped.toLocaleString('en-US')} characters elided …]\n${text.slice(text.length - half)}`;
}

async function saveImage(base64: string, mimeType: string, dir: string, name: string): Promise<string | null> {
  const ext = IMAGE_TYPES[mimeType];
  if (!ext) return null;
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_IMAGE_BYTES) return null;
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${name}.${ext}`);
  await fs.writeFile(file, bytes, { mode: 0o600 });
  return file;
}
