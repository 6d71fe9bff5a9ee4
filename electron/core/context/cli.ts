/**
 * `tandem context snapshot [--json]`: prints the context Tandem would send right now, after
 * redaction and exclusions — the same engine and rules as the quick-ask window, with the settings
 * of the data folder when it has any. Terminal commands are only known to a running Tandem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ContextSettings, ContextSnapshot } from '../../../shared/contract';
import type { CommandIO } from '../cli-io';
import { defaultDataDir } from '../data-dir';
import { DATABASE_FILE, Store, StoreError } from '../store';
import { ContextEngine } from './engine';
import { CONTEXT_SETTINGS_KEY, resolveContextSettings } from './settings';

/**
 * A fresh process pays for its first child processes (the app's watchers and warm process do not),
 * so the CLI allows more time by default than the app's 50 ms.
 */
export const CLI_MIN_BUDGET_MS = 1000;

export const CONTEXT_HELP = `Usage: tandem context snapshot [--json] [--screenshot] [--budget MS] [--data-dir DIR]

Prints the context Tandem would send to a model right now: the window in
front, the selection, the clipboard, the git state of the repo in focus —
after secrets are redacted and excluded apps are held back.

Options:
  --json            print the snapshot as JSON (chips with id, kind, label,
                    text, truncated, source, error)
  --screenshot      include a screenshot, as the quick-ask window can
  --budget MS       time each provider gets (default: the app's budget, but
                    at least ${CLI_MIN_BUDGET_MS} ms: this command starts cold, the app is warm)
  --data-dir DIR    read context settings (exclusions, switches) from here
                    (default: $TANDEM_DATA_DIR, else the app's data folder)
  -h, --help        show this help`;

const TERMINALS_NEED_APP = 'Terminal commands are known only to a running Tandem (its terminals report them); this command does not see them.';

export async function runContextCommand(args: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    (sub === undefined ? io.stderr : io.stdout).write(`${CONTEXT_HELP}\n`);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'snapshot') {
    io.stderr.write(`tandem context: unknown subcommand "${sub}"\n\n${CONTEXT_HELP}\n`);
    return 2;
  }

  let values: { json?: boolean; screenshot?: boolean; budget?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        json: { type: 'boolean' },
        screenshot: { type: 'boolean' },
        budget: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    io.stderr.write(`tandem context snapshot: ${(err as Error).message}\n\n${CONTEXT_HELP}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${CONTEXT_HELP}\n`);
    return 0;
  }

  const budgetArg = values.budget === undefined ? null : Number(values.budget);
  if (budgetArg !== null && (!Number.isInteger(budgetArg) || budgetArg < 1 || budgetArg > 60_000)) {
    io.stderr.write(`tandem context snapshot: --budget must be a whole number of ms from 1 to 60000 (got "${values.budget}")\n`);
    return 2;
  }
  const dataDir = values['data-dir'] ? path.resolve(io.cwd, values['data-dir']) : defaultDataDir(io.env);
  let saved: { settings: ContextSettings; folders: string[] };
  try {
    saved = readSavedSettings(dataDir);
  } catch (err) {
    io.stderr.write(`tandem context snapshot: ${err instanceof StoreError ? err.message : (err as Error).message}\n`);
    return 1;
  }

  const settings = { ...saved.settings, budgetMs: budgetArg ?? Math.max(saved.settings.budgetMs, CLI_MIN_BUDGET_MS) };
  const engine = new ContextEngine({
    env: io.env,
    settings: () => settings,
    terminals: null,
    knownFolders: () => saved.folders,
    fallbackCwd: io.cwd,
  });
  let snapshot: ContextSnapshot;
  try {
    snapshot = await engine.snapshot({ includeScreenshot: values.screenshot ?? false });
  } finally {
    engine.dispose();
  }
  if (saved.settings.providers.terminal) snapshot.unavailable.push(TERMINALS_NEED_APP);

  io.stdout.write(values.json ? `${JSON.stringify(snapshot, null, 2)}\n` : formatSnapshot(snapshot));
  return 0;
}

/** The user's context settings and opened folders; defaults when Tandem has never run here. */
function readSavedSettings(dataDir: string): { settings: ContextSettings; folders: string[] } {
  // Never create a database just to read settings from it.
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) return { settings: resolveContextSettings(undefined), folders: [] };
  const store = Store.open(dataDir);
  try {
    return {
      settings: resolveContextSettings(store.settings.get(CONTEXT_SETTINGS_KEY)),
      folders: store.workspaces.list().map((w) => w.path),
    };
  } finally {
    store.close();
  }
}

export function formatSnapshot(s: ContextSnapshot): string {
  const out: string[] = [];
  const ok = s.chips.filter((c) => !c.error);
  out.push(`Context Tandem would send now (after redaction and exclusions): ${ok.length} chip${ok.length === 1 ? '' : 's'}, collected in ${Math.round(s.durationMs)} ms.`);
  if (s.paused) out.push('Tandem is paused: only context you ask for is collected.');
  for (const chip of s.chips) {
    out.push('');
    if (chip.error) {
      out.push(`✗ ${chip.label}: ${chip.error}`);
      continue;
    }
    const notes = [chip.source, chip.truncated ? 'cut to size' : '', chip.redactions ? `${chip.redactions} redacted` : ''].filter(Boolean).join(', ');
    out.push(`▸ ${chip.label}  [${notes}]`);
    for (const line of chip.text.split('\n')) out.push(`  ${line}`);
  }
  if (s.chips.length === 0) out.push('', '(nothing to send)');
  if (s.redactions.length) out.push('', `Redacted: ${s.redactions.map((r) => `${r.kind} ×${r.count}`).join(', ')}`);
  if (s.excluded.length) out.push('', 'Held back:', ...s.excluded.map((e) => `  - ${e}`));
  if (s.unavailable.length) out.push('', 'Not available here:', ...s.unavailable.map((u) => `  - ${u}`));
  return `${out.join('\n')}\n`;
}
