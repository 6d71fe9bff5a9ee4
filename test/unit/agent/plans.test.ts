// The plan model (edits keep a step's proof only while its check is unchanged; a step is done only when
// its check exited 0) and PLAN.md (a readable checklist that survives odd commands).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlanSaveInput, type PlanCheckRun, type ThreadPlan } from '../../../shared/contract';
import { planCheckVerdict } from '../../../electron/core/agent/plans/check-verdict';
import { PLAN_FILE_MARKER, renderPlanMarkdown, writePlanFile } from '../../../electron/core/agent/plans/plan-markdown';
import { endedRun, outputTail, proposedPlan, startedRun, withCheckResult, withEdits, withStepChecking } from '../../../electron/core/agent/plans/plan-model';
import { commandOutput } from '../../../electron/core/agent/tools/shell';
import { makeTempDir } from '../../support/temp-dir';

const PASSED: PlanCheckRun = { exitCode: 0, timedOut: false, outputTail: 'ok', itemId: 'item_1', at: Date.UTC(2026, 0, 2, 3, 4, 5) };
const FAILED: PlanCheckRun = { exitCode: 1, timedOut: false, outputTail: 'FAIL greet', itemId: 'item_2', at: Date.UTC(2026, 0, 2, 3, 5, 0) };

function twoSteps(): ThreadPlan {
  return proposedPlan('thread_1', [
    { title: ' Add a failing test ', check: ' npm test -- greet ' },
    { title: 'Fix it', check: 'npm test' },
  ], 'turn_1', 1_000);
}

describe('the plan model', () => {
  it('makes a draft from a proposal, trimmed, every step pending with its own id', () => {
    const plan = twoSteps();
    expect(plan.status).toBe('draft');
    expect(plan.proposedBy).toBe('turn_1');
    expect(plan.steps.map((s) => [s.title, s.check, s.state, s.lastCheck])).toEqual([
      ['Add a failing test', 'npm test -- greet', 'pending', null],
      ['Fix it', 'npm test', 'pending', null],
    ]);
    expect(new Set(plan.steps.map((s) => s.id)).size).toBe(2);
  });

  it('marks a step done only when its check exits 0, and failed (still open) otherwise', () => {
    let plan = startedRun(twoSteps(), 'turn_2');
    const [a, b] = plan.steps.map((s) => s.id) as [string, string];
    plan = withStepChecking(plan, a);
    expect(plan.steps[0]!.state).toBe('checking');
    plan = withCheckResult(plan, a, FAILED);
    expect(plan.steps[0]).toMatchObject({ state: 'failed', lastCheck: FAILED });
    plan = withCheckResult(plan, a, PASSED);
    expect(plan.steps[0]!.state).toBe('done');
    plan = withCheckResult(plan, b, { ...PASSED, timedOut: true, exitCode: null });
    expect(plan.steps[1]!.state).toBe('failed');
    // A check that did not run (declined, interrupted) leaves the step as its last check left it.
    plan = withCheckResult(withStepChecking(plan, a), a, null);
    expect(plan.steps[0]!.state).toBe('done');
  });

  it('ends a run done only when every step is, and a check cut short proves nothing', () => {
    let plan = startedRun(twoSteps(), 'turn_2');
    const [a, b] = plan.steps.map((s) => s.id) as [string, string];
    plan = withStepChecking(withCheckResult(plan, a, PASSED), b);
    const ended = endedRun(plan);
    expect(ended.status).toBe('incomplete');
    expect(ended.steps.map((s) => s.state)).toEqual(['done', 'pending']);
    expect(endedRun(withCheckResult(plan, b, PASSED)).status).toBe('done');
  });

  it('keeps a step’s proof through a rename or a move, but not through a new check', () => {
    let plan = twoSteps();
    const [a, b] = plan.steps.map((s) => s.id) as [string, string];
    plan = withCheckResult(withCheckResult(plan, a, PASSED), b, PASSED);
    const edited = withEdits(plan, [
      { id: b, title: 'Fix it properly', check: 'npm test' },
      { id: a, title: 'Add a failing test', check: 'npm test -- greet --run' },
      { title: 'Update the docs', check: 'grep -q greet README.md' },
    ]);
    expect(edited.steps.map((s) => [s.id === b, s.title, s.state])).toEqual([
      [true, 'Fix it properly', 'done'],
      [false, 'Add a failing test', 'pending'],
      [false, 'Update the docs', 'pending'],
    ]);
    expect(edited.steps[1]!.id).toBe(a);
    expect(edited.steps[1]!.lastCheck).toBeNull();
    expect(edited.steps[2]!.id).not.toBe(a);
  });

  it('a repeated or unknown id makes a new step rather than two copies of one', () => {
    const plan = twoSteps();
    const a = plan.steps[0]!.id;
    const edited = withEdits(plan, [
      { id: a, title: 'One', check: 'true' },
      { id: a, title: 'Two', check: 'true' },
      { id: 'step_unknown', title: 'Three', check: 'true' },
    ]);
    expect(new Set(edited.steps.map((s) => s.id)).size).toBe(3);
    expect(edited.steps[0]!.id).toBe(a);
  });

  it('a finished plan that gains a step is incomplete again', () => {
    let plan = twoSteps();
    for (const s of plan.steps) plan = withCheckResult(plan, s.id, PASSED);
    plan = endedRun(startedRun(plan, 'turn_3'));
    expect(plan.status).toBe('done');
    const more = withEdits(plan, [...plan.steps.map((s) => ({ id: s.id, title: s.title, check: s.check })), { title: 'More', check: 'true' }]);
    expect(more.status).toBe('incomplete');
  });

  it('keeps the last lines of a check’s output', () => {
    const output = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n') + '\n\n';
    const tail = outputTail(output);
    expect(tail.split('\n')).toHaveLength(20);
    expect(tail.endsWith('line 50')).toBe(true);
    expect(outputTail('x'.repeat(5_000)).length).toBe(2_000);
  });

  it('refuses edits without a title or a check, with words a user can act on', () => {
    const result = PlanSaveInput.safeParse({ threadId: 't', steps: [{ title: 'Fix', check: '  ' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/needs a check/);
    expect(PlanSaveInput.safeParse({ threadId: 't', steps: [] }).error?.issues[0]?.message).toMatch(/at least one step/);
  });
});

describe('what the model reads after a check', () => {
  const base = {
    type: 'commandExecution' as const,
    id: 'item_1',
    call: { callId: 'c1', name: 'complete_step', arguments: '{"step":2}' },
    step: 1,
    command: 'npm test',
    cwd: '/repo',
    durationMs: 1200,
    timedOut: false,
    sandbox: 'workspace-write' as const,
    terminalId: null,
    reason: null,
    planCheck: { stepId: 'step_1', position: 2, title: 'Fix it' },
  };

  it('says the step is done when the check passed, and open with what to do when it failed', () => {
    expect(planCheckVerdict({ ...base, status: 'completed', exitCode: 0, output: 'ok' })).toBe('The check passed: Step 2 ("Fix it") is done.');
    const failed = commandOutput({ ...base, status: 'failed', exitCode: 1, output: 'FAIL' });
    expect(failed).toContain('Exit code: 1');
    expect(failed).toContain('FAIL');
    expect(failed).toContain('The check failed, so Step 2 ("Fix it") stays open.');
    expect(planCheckVerdict({ ...base, status: 'declined', exitCode: null, output: '', reason: 'The user declined' })).toContain('did not run');
  });

  it('leaves an ordinary command’s output as it was', () => {
    const { planCheck: _none, ...plain } = base;
    expect(commandOutput({ ...plain, status: 'completed', exitCode: 0, output: 'ok' })).toBe('Exit code: 0\nWall time: 1.2 s\nOutput:\nok');
  });
});

describe('PLAN.md', () => {
  it('renders the steps, their checks and how each last check went', () => {
    let plan = twoSteps();
    const [a, b] = plan.steps.map((s) => s.id) as [string, string];
    plan = withCheckResult(withCheckResult(plan, a, PASSED), b, FAILED);
    plan = endedRun(startedRun(plan, 'turn_2'));
    expect(renderPlanMarkdown(plan, 'Fix the   greeting\nplease')).toBe(
      [
        PLAN_FILE_MARKER,
        '',
        '# Plan: Fix the greeting please',
        '',
        'Ran; some steps are still open. 1 of 2 steps done. A step is done only when its check exits 0.',
        '',
        '1. [x] Add a failing test',
        '   - Check: `npm test -- greet`',
        '   - Last check: passed (exit 0, 2026-01-02T03:04:05.000Z)',
        '',
        '2. [ ] Fix it',
        '   - Check: `npm test`',
        '   - Last check: failed (exit 1, 2026-01-02T03:05:00.000Z)',
        '',
      ].join('\n'),
    );
  });

  it('fences a check that contains backticks so it stays one code span', () => {
    const plan = proposedPlan('t', [{ title: 'Echo', check: 'echo `date` && echo ``x``' }], null);
    expect(renderPlanMarkdown(plan, 'T')).toContain('   - Check: ``` echo `date` && echo ``x`` ```');
  });

  it('replaces its own PLAN.md but never one it did not write', async () => {
    const tmp = makeTempDir('tandem-plan-md-');
    try {
      const plan = twoSteps();
      const file = await writePlanFile(tmp.dir, renderPlanMarkdown(plan, 'First'));
      expect(file).toBe(path.join(tmp.dir, 'PLAN.md'));
      await writePlanFile(tmp.dir, renderPlanMarkdown(plan, 'Second'));
      expect(fs.readFileSync(file, 'utf8')).toContain('# Plan: Second');

      fs.writeFileSync(file, '# My own plan\n');
      await expect(writePlanFile(tmp.dir, renderPlanMarkdown(plan, 'Third'))).rejects.toThrow(/already exists and was not written by Tandem/);
      expect(fs.readFileSync(file, 'utf8')).toBe('# My own plan\n');
    } finally {
      tmp.cleanup();
    }
  });
});
