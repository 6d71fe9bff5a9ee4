/**
 * The plan editor's working copy, as pure functions: the rows the user edits (each with a key that
 * survives moves), inserting, moving and removing rows, and turning them into the edits `plan.save`
 * takes. Rows left entirely empty are dropped on save; a row with a title but no check is sent as it is,
 * so the core's validation says what is missing.
 */
import type { PlanStepEdit, ThreadPlan } from '../../../../shared/contract';

export interface DraftStep {
  /** The editor's own key (React, focus); the step's id once it is saved. */
  key: string;
  id: string | null;
  title: string;
  check: string;
}

let counter = 0;
function newKey(): string {
  counter += 1;
  return `new-${counter}`;
}

export function draftFrom(plan: ThreadPlan | null): DraftStep[] {
  return (plan?.steps ?? []).map((s) => ({ key: s.id, id: s.id, title: s.title, check: s.check }));
}

export function emptyStep(): DraftStep {
  return { key: newKey(), id: null, title: '', check: '' };
}

/** Inserts an empty row after `index` (-1: at the top); returns the rows and the new row's key. */
export function insertAfter(rows: readonly DraftStep[], index: number): { rows: DraftStep[]; key: string } {
  const row = emptyStep();
  const next = [...rows];
  next.splice(index + 1, 0, row);
  return { rows: next, key: row.key };
}

/** Moves a row up (-1) or down (+1); unchanged at either end. */
export function move(rows: readonly DraftStep[], index: number, by: -1 | 1): DraftStep[] {
  const to = index + by;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return [...rows];
  const next = [...rows];
  const [row] = next.splice(index, 1);
  next.splice(to, 0, row!);
  return next;
}

export function removeAt(rows: readonly DraftStep[], index: number): DraftStep[] {
  return rows.filter((_, i) => i !== index);
}

export function update(rows: readonly DraftStep[], index: number, change: Partial<Pick<DraftStep, 'title' | 'check'>>): DraftStep[] {
  return rows.map((r, i) => (i === index ? { ...r, ...change } : r));
}

export function isBlank(row: DraftStep): boolean {
  return row.title.trim() === '' && row.check.trim() === '';
}

export function toEdits(rows: readonly DraftStep[]): PlanStepEdit[] {
  return rows.filter((r) => !isBlank(r)).map((r) => ({ ...(r.id ? { id: r.id } : {}), title: r.title, check: r.check }));
}

/** Whether the rows say something the saved plan does not. */
export function isDirty(rows: readonly DraftStep[], plan: ThreadPlan | null): boolean {
  const edits = toEdits(rows);
  const steps = plan?.steps ?? [];
  if (edits.length !== steps.length) return true;
  return edits.some((e, i) => {
    const s = steps[i]!;
    return e.id !== s.id || e.title.trim() !== s.title || e.check.trim() !== s.check;
  });
}

/** Whether the rows say what the plan says, step for step (new rows have no id yet: titles and checks decide). */
export function matches(rows: readonly DraftStep[], plan: ThreadPlan | null): boolean {
  const edits = toEdits(rows);
  const steps = plan?.steps ?? [];
  return edits.length === steps.length && edits.every((e, i) => e.title.trim() === steps[i]!.title && e.check.trim() === steps[i]!.check);
}
