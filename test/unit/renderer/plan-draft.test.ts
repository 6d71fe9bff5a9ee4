// The plan editor's working copy: rows keep their keys through moves, blank rows are dropped on save,
// and "dirty" means the rows say something the saved plan does not.
import { describe, expect, it } from 'vitest';
import type { ThreadPlan } from '../../../shared/contract';
import { draftFrom, insertAfter, isDirty, matches, move, removeAt, toEdits, update } from '../../../renderer/src/features/plans/plan-draft';

const PLAN: ThreadPlan = {
  threadId: 't',
  status: 'draft',
  proposedBy: null,
  runBy: null,
  updatedAt: 1,
  steps: [
    { id: 'step_a', title: 'Add a test', check: 'npm test -- a', state: 'pending', lastCheck: null },
    { id: 'step_b', title: 'Fix it', check: 'npm test', state: 'pending', lastCheck: null },
  ],
};

describe('the plan editor’s rows', () => {
  it('start as the saved plan and are not dirty', () => {
    const rows = draftFrom(PLAN);
    expect(rows.map((r) => r.id)).toEqual(['step_a', 'step_b']);
    expect(isDirty(rows, PLAN)).toBe(false);
  });

  it('insert an empty row where asked; left blank, it changes nothing', () => {
    const { rows, key } = insertAfter(draftFrom(PLAN), 0);
    expect(rows.map((r) => r.key)).toEqual(['step_a', key, 'step_b']);
    expect(isDirty(rows, PLAN)).toBe(false);
    expect(toEdits(rows)).toEqual([
      { id: 'step_a', title: 'Add a test', check: 'npm test -- a' },
      { id: 'step_b', title: 'Fix it', check: 'npm test' },
    ]);
    const filled = update(rows, 1, { title: 'Refactor', check: 'npm run lint' });
    expect(isDirty(filled, PLAN)).toBe(true);
    expect(toEdits(filled)[1]).toEqual({ title: 'Refactor', check: 'npm run lint' });
  });

  it('move within bounds and stay put at the ends', () => {
    const rows = draftFrom(PLAN);
    expect(move(rows, 1, -1).map((r) => r.id)).toEqual(['step_b', 'step_a']);
    expect(move(rows, 0, -1).map((r) => r.id)).toEqual(['step_a', 'step_b']);
    expect(move(rows, 1, 1).map((r) => r.id)).toEqual(['step_a', 'step_b']);
    expect(isDirty(move(rows, 1, -1), PLAN)).toBe(true);
  });

  it('are dirty after a removal or an edit, and not after whitespace only', () => {
    const rows = draftFrom(PLAN);
    expect(isDirty(removeAt(rows, 0), PLAN)).toBe(true);
    expect(isDirty(update(rows, 0, { title: 'Add a test  ' }), PLAN)).toBe(false);
    expect(isDirty(update(rows, 0, { check: 'npm test -- b' }), PLAN)).toBe(true);
  });
});

describe('after a save', () => {
  it('rows match the saved plan by title and check, even before new rows have ids', () => {
    const { rows } = insertAfter(draftFrom(PLAN), 1);
    const filled = update(rows, 2, { title: 'Docs', check: 'grep -q x README.md' });
    const saved: ThreadPlan = { ...PLAN, steps: [...PLAN.steps, { id: 'step_c', title: 'Docs', check: 'grep -q x README.md', state: 'pending', lastCheck: null }] };
    expect(isDirty(filled, saved)).toBe(true); // the new row has no id yet
    expect(matches(filled, saved)).toBe(true);
    expect(matches(update(filled, 2, { check: 'true' }), saved)).toBe(false);
  });
});
