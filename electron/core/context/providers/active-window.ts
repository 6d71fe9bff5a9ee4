/**
 * The active-window chip: the app and title of the window the user was working in, plus what the
 * title reveals (page and site, file and workspace, a terminal's folder). The window itself is read
 * once per snapshot by the engine (X11 today) and shared with the providers that need it.
 */
import type { ActiveWindowInfo } from '../../../../shared/contract';
import type { ContextProvider, ProviderContext, ProviderResult } from './types';

const MAX_CHARS = 2000;

export class ActiveWindowProvider implements ContextProvider {
  readonly id = 'activeWindow' as const;

  constructor(private readonly source: string) {}

  async collect(ctx: ProviderContext): Promise<ProviderResult> {
    const window = await ctx.activeWindow();
    if (!window) return { chips: [] };
    const excluded = await ctx.exclusion();
    if (excluded) return { chips: [], excluded: [`Window title held back: ${excluded}.`] };
    return {
      chips: [{ id: 'activeWindow', label: windowLabel(window), text: describeWindow(window), source: this.source, maxChars: MAX_CHARS }],
    };
  }
}

export function windowLabel(w: ActiveWindowInfo): string {
  return w.title ? `${w.app} — ${w.title}` : w.app;
}

/** The chip's text: one fact a line, only the facts known. */
export function describeWindow(w: ActiveWindowInfo): string {
  const d = w.derived;
  const lines = [`App: ${w.app}`];
  if (w.title) lines.push(`Window title: ${w.title}`);
  if (d.url) lines.push(`URL: ${d.url}`);
  else if (d.site) lines.push(`Site: ${d.site}`);
  if (d.pageTitle && d.pageTitle !== w.title) lines.push(`Page: ${d.pageTitle}`);
  if (d.file) lines.push(`File: ${d.file}`);
  if (d.workspace) lines.push(`Workspace: ${d.workspace}`);
  if (d.workspacePath) lines.push(`Project folder: ${d.workspacePath}`);
  if (d.cwd) lines.push(`Terminal folder: ${d.cwd}`);
  return lines.join('\n');
}
