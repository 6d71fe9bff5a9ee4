/** Reads a real tool output captured in test/fixtures/tool-output (see its README for how each was made). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../fixtures/tool-output');

export function toolOutput(file: string): string {
  return readFileSync(path.join(ROOT, file), 'utf8');
}
