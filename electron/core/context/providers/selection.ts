/**
 * The selection: on X11 the PRIMARY selection, i.e. whatever text the user last highlighted in any
 * app. Held back when the window in front is excluded, when a password manager marked it secret, or
 * when it was made in an excluded app before the user switched away.
 */
import type { ExcludedCopies, SelectionName } from '../privacy/excluded-copies';
import type { ContextProvider, ProviderContext, ProviderResult } from './types';
import { describeNonText, readXSelection, type SelectionRead } from './x-selection';

export const SELECTION_MAX_CHARS = 12_000;
/** Read a little more than is kept, so a secret cut at the read limit is redacted before the cut. */
export const SELECTION_READ_BYTES = 64 * 1024;

export interface XSelectionProviderOptions {
  display: string;
  env?: NodeJS.ProcessEnv;
  copies: ExcludedCopies;
}

export class SelectionProvider implements ContextProvider {
  readonly id = 'selection' as const;

  constructor(private readonly opts: XSelectionProviderOptions) {}

  async collect(ctx: ProviderContext): Promise<ProviderResult> {
    return collectXSelection('primary', 'Selection', this.opts, ctx);
  }
}

/** Shared by the selection and clipboard providers: read, apply the privacy rules, make the chip. */
export async function collectXSelection(which: SelectionName, noun: 'Selection' | 'Clipboard', opts: XSelectionProviderOptions, ctx: ProviderContext): Promise<ProviderResult> {
  const [read, excluded] = await Promise.all([
    readXSelection(which, { display: opts.display, env: opts.env, signal: ctx.signal, maxBytes: SELECTION_READ_BYTES, checkSecretHint: which === 'clipboard' }),
    ctx.exclusion(),
  ]);
  if (excluded) return { chips: [], excluded: [`${noun} held back: ${excluded}.`] };
  return chipFor(which, noun, read, opts.copies);
}

function chipFor(which: SelectionName, noun: 'Selection' | 'Clipboard', read: SelectionRead, copies: ExcludedCopies): ProviderResult {
  switch (read.state) {
    case 'empty':
      return { chips: [] };
    case 'secret':
      return { chips: [], excluded: [`${noun} held back: a password manager marked it as a secret.`] };
    case 'not-text':
      return { chips: [], excluded: [`${noun} not included: it holds ${describeNonText(read.targets)}.`] };
    case 'text': {
      if (!read.text.trim()) return { chips: [] };
      const from = copies.sourceOf(which, read.text);
      if (from) return { chips: [], excluded: [`${noun} held back: it came from ${from}, which is excluded.`] };
      return {
        chips: [
          {
            id: which === 'primary' ? 'selection' : 'clipboard',
            label: `${noun}: “${firstLine(read.text)}”`,
            text: read.text,
            source: `xclip ${which}`,
            maxChars: SELECTION_MAX_CHARS,
            truncated: read.truncated,
          },
        ],
      };
    }
  }
}

/** The label shows the first line; the snapshot redacts and shortens it. */
function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.slice(0, 500);
}
