/** A pipeline on a simulated clock with an in-memory ledger, for timing tests. */
import { SimulatedClock } from '../../../electron/core/suggestions/clock';
import { InMemoryFeedbackLedger } from '../../../electron/core/suggestions/learning';
import { SuggestionPipeline, type PipelineEvent, type TrackedSuggestion } from '../../../electron/core/suggestions/pipeline';
import { Policy, type PolicyOptions } from '../../../electron/core/suggestions/policy';
import type { Signal, UntimedSignal } from '../../../electron/core/suggestions/signals';
import { toolOutput } from './tool-output';

export const S = 1000;
export const M = 60 * S;

export function makePipeline(options: Partial<PolicyOptions> = {}, ledger = new InMemoryFeedbackLedger()) {
  const clock = new SimulatedClock(0);
  const policy = new Policy(ledger, options);
  const events: (PipelineEvent & { at: number })[] = [];
  const pipeline = new SuggestionPipeline({ clock, policy, onEvent: (e) => events.push({ ...e, at: clock.now() }) });
  const at = (t: number, signal: UntimedSignal) => {
    clock.advanceTo(t);
    pipeline.push({ ...signal, t } as Signal);
  };
  const surfaced = () => events.filter((e) => e.type === 'surfaced').map((e) => ({ at: e.at, kind: e.suggestion.kind, id: e.suggestion.id }));
  const candidates = () => events.filter((e): e is Extract<PipelineEvent, { type: 'candidate' }> & { at: number } => e.type === 'candidate').map((e) => e.suggestion);
  const last = (kind?: string): TrackedSuggestion => {
    const list = candidates().filter((c) => !kind || c.kind === kind);
    const found = list[list.length - 1];
    if (!found) throw new Error(`no candidate${kind ? ` of kind ${kind}` : ''}`);
    return found;
  };
  return { clock, ledger, policy, pipeline, events, at, surfaced, candidates, last };
}

export const PY = '/tmp/sugg-cap/py/proj';

/** Real failing and passing runs, as terminal.command signals. */
export const runs = {
  pytestFails: (cwd = PY): UntimedSignal => ({ type: 'terminal.command', terminal: '1', cwd, command: 'pytest -q', exitCode: 1, durationMs: 2900, output: toolOutput('pytest/failures-q.txt') }),
  pytestUsersFail: (cwd = PY): UntimedSignal => ({ type: 'terminal.command', terminal: '1', cwd, command: 'pytest -q tests/test_users.py', exitCode: 1, durationMs: 6100, output: toolOutput('pytest/failures-users-file.txt') }),
  pytestInvoiceFail: (cwd = PY): UntimedSignal => ({ type: 'terminal.command', terminal: '1', cwd, command: 'pytest -q tests/test_invoice.py', exitCode: 1, durationMs: 6000, output: toolOutput('pytest/failures-invoice-file.txt') }),
  pytestNormalizeFail: (cwd = PY): UntimedSignal => ({ type: 'terminal.command', terminal: '1', cwd, command: 'pytest -q -k normalize', exitCode: 1, durationMs: 5400, output: toolOutput('pytest/failures-k-normalize.txt') }),
  pytestPasses: (cwd = PY): UntimedSignal => ({ type: 'terminal.command', terminal: '1', cwd, command: 'pytest -q', exitCode: 0, durationMs: 3500, output: toolOutput('pytest/pass.txt') }),
  tscFails: (cwd = '/tmp/sugg-cap/ts'): UntimedSignal => ({ type: 'terminal.command', terminal: '1', cwd, command: 'npx tsc -p .', exitCode: 2, durationMs: 4000, output: toolOutput('tsc/errors.txt') }),
  cargoBuildFails: (): UntimedSignal => ({ type: 'terminal.command', terminal: '1', cwd: '/tmp/sugg-cap/rs', command: 'cargo build', exitCode: 101, durationMs: 1800, output: toolOutput('cargo/build-error.txt') }),
  nodeCrash: (): UntimedSignal => ({ type: 'terminal.command', terminal: '1', cwd: '/tmp/sugg-cap/node', command: 'node worker.js', exitCode: 1, durationMs: 120, output: toolOutput('node/unhandled-rejection.txt') }),
  eslintFails: (second = false): UntimedSignal => ({
    type: 'terminal.command',
    terminal: '1',
    cwd: '/tmp/sugg-cap/es',
    command: 'npx eslint src',
    exitCode: 1,
    durationMs: 1600,
    output: toolOutput(second ? 'eslint/errors-second-run.txt' : 'eslint/errors.txt'),
  }),
};

export const typing: UntimedSignal = { type: 'input.activity', state: 'typing' };
export const idle: UntimedSignal = { type: 'input.activity', state: 'idle' };
export const focus = (app: string, title = app, fullscreen?: boolean): UntimedSignal => ({ type: 'window.focus', app, title, ...(fullscreen === undefined ? {} : { fullscreen }) });
