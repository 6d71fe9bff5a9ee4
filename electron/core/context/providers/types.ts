/** What every context provider implements, and what a snapshot hands each one. */
import type { ActiveWindowInfo, ContextImage, ContextProviderId } from '../../../../shared/contract';

/** A chip as a provider makes it, before redaction and the size limit. */
export interface ChipDraft {
  id: string;
  /** Whole, uncut: the snapshot redacts it, then shortens it (cutting first could leave half a secret). */
  label: string;
  /** Always kept whole, before `text` (e.g. a command line and its exit code above its output). */
  header?: string;
  text: string;
  source: string;
  /** The snapshot cuts `text` to this many characters, after redaction. */
  maxChars: number;
  /** Which end to keep when cutting: the start of a selection, the end of a command's output. */
  keep?: 'start' | 'end';
  /** Already cut at the source (e.g. the clipboard was larger than what was read). */
  truncated?: boolean;
  image?: ContextImage;
}

export interface ProviderResult {
  chips: ChipDraft[];
  /** What was held back and why, for the user (e.g. "Selection held back: 1Password is excluded"). */
  excluded?: string[];
}

export interface ProviderContext {
  /** Aborted when the provider's budget runs out; pass it to every command. */
  signal: AbortSignal;
  /** The window in front (not Tandem's own), read once per snapshot and shared. */
  activeWindow(): Promise<ActiveWindowInfo | null>;
  /** Why the window in front must not be looked into, or null. */
  exclusion(): Promise<string | null>;
  /** The project open in the UI, if the caller named one. */
  workspaceHint: string | null;
  /** The user asked for a screenshot in this snapshot. */
  includeScreenshot: boolean;
}

export interface ContextProvider {
  readonly id: ContextProviderId;
  /** Overrides the snapshot's budget (a screenshot the user asked for may take longer). */
  readonly budgetMs?: number;
  collect(ctx: ProviderContext): Promise<ProviderResult>;
}
