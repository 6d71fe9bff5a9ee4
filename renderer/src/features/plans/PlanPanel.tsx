/**
 * The thread's plan, above the message box: a checklist whose every step names the check that proves it.
 * Between runs it is an editor, keyboard first — Enter adds a step below, Alt+↑/↓ moves one, Backspace
 * on an empty step removes it, Ctrl+S saves, Ctrl+Enter runs. While a run works through it, the marks
 * follow the checks live (checking, done, failed with the check's last lines).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PlanStepRecord, PlanStepState, ThreadPlan } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useStores } from '../../stores/react';
import { Button, IconButton } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { Kbd } from '../../ui/Kbd';
import { draftFrom, insertAfter, isBlank, isDirty, matches, move, removeAt, toEdits, update, type DraftStep } from './plan-draft';
import { plansFeatureFor, usePlans } from './use-plans';
import './plans.css';

const STATUS_LABEL: Record<ThreadPlan['status'], string> = {
  draft: 'Draft',
  running: 'Running',
  incomplete: 'Steps open',
  done: 'Done',
};

const STATE_LABEL: Record<PlanStepState, string> = {
  pending: 'Not checked yet',
  checking: 'Checking…',
  done: 'Done: its check passed',
  failed: 'Open: its last check failed',
};

type Field = 'title' | 'check';

export function PlanPanel({ threadId, turnRunning }: { threadId: string; turnRunning: boolean }) {
  const { client, toasts } = useStores();
  const plans = plansFeatureFor(client).store;
  const entry = usePlans((s) => s.threads[threadId]);
  const plan = entry?.plan ?? null;
  const [rows, setRows] = useState<DraftStep[]>(() => draftFrom(plan));
  /** The saved plan the rows were drafted from: edits are measured against it. */
  const [base, setBase] = useState<ThreadPlan | null>(plan);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'run' | 'file' | 'discard' | null>(null);
  const [open, setOpen] = useState(true);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const focusNext = useRef<{ key: string; field: Field } | null>(null);

  useEffect(() => {
    void plans.getState().load(threadId);
  }, [threadId, plans]);

  const dirty = isDirty(rows, base);
  // The saved plan moves on (a check ran, another window saved): follow it unless the user is mid-edit.
  useEffect(() => {
    if (plan === base) return;
    // Not edited, or just saved (the saved plan says what the rows say): take the plan's rows, with their ids.
    if (!isDirty(rows, base) || matches(rows, plan)) setRows(draftFrom(plan));
    setBase(plan);
  }, [plan, base, rows]);

  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    inputs.current.get(`${target.key}:${target.field}`)?.focus();
  });

  if (!plan) return null;

  const editable = plan.status !== 'running' && !turnRunning;
  const done = plan.steps.filter((s) => s.state === 'done').length;
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const allDone = done === plan.steps.length && !dirty;

  const act = async (what: NonNullable<typeof busy>, fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  };
  const saveNow = async () => {
    if (dirty) await plans.getState().save(threadId, toEdits(rows));
  };
  const save = () => act('save', saveNow);
  const run = () =>
    act('run', async () => {
      await saveNow();
      await plans.getState().run(threadId);
    });
  const writeFile = () =>
    act('file', async () => {
      await saveNow();
      const file = await plans.getState().writeFile(threadId);
      toasts.getState().show('info', `Saved the plan as ${file}`);
    });
  const discard = () => act('discard', () => plans.getState().discard(threadId));

  const focus = (key: string, field: Field) => {
    focusNext.current = { key, field };
  };
  const addAfter = (index: number) => {
    const next = insertAfter(rows, index);
    setRows(next.rows);
    focus(next.key, 'title');
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>, index: number, field: Field) => {
    const row = rows[index]!;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      addAfter(index);
    } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      setRows(move(rows, index, e.key === 'ArrowUp' ? -1 : 1));
      focus(row.key, field);
    } else if ((e.key === 'Backspace' || e.key === 'Delete') && isBlank(row)) {
      e.preventDefault();
      const neighbour = rows[index - 1] ?? rows[index + 1];
      setRows(removeAt(rows, index));
      if (neighbour) focus(neighbour.key, e.key === 'Backspace' && rows[index - 1] ? 'check' : 'title');
    } else if (e.key === 'Backspace' && field === 'check' && row.check === '') {
      e.preventDefault();
      focus(row.key, 'title');
      setRows([...rows]);
    } else if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape' && dirty) {
      e.preventDefault();
      setRows(draftFrom(plan));
      setBase(plan);
    }
  };

  const inputRef = (key: string, field: Field) => (el: HTMLInputElement | null) => {
    if (el) inputs.current.set(`${key}:${field}`, el);
    else inputs.current.delete(`${key}:${field}`);
  };

  return (
    <section className={`plan-editor is-${plan.status}`} aria-label="Thread plan">
      <header className="plan-editor-header">
        <button type="button" className="plan-editor-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <Icon name={open ? 'chevronDown' : 'chevronRight'} size={13} />
          <Icon name="list" size={14} />
          <span className="plan-editor-heading">Plan</span>
        </button>
        <span className={`plan-editor-status plan-editor-status-${plan.status}`}>{dirty ? 'Edited' : STATUS_LABEL[plan.status]}</span>
        <span className="plan-editor-progress" aria-label={`${done} of ${plan.steps.length} steps done`}>
          {done}/{plan.steps.length} done
        </span>
        <span className="plan-editor-header-spacer" />
        {confirmDiscard ? (
          <span className="plan-editor-confirm" role="group" aria-label="Discard the plan?">
            Discard the plan?
            <Button size="sm" variant="danger" onClick={() => void discard()} busy={busy === 'discard'}>
              Discard
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirmDiscard(false)}>
              Keep
            </Button>
          </span>
        ) : (
          <>
            <IconButton icon="file" size="sm" label="Save as PLAN.md" onClick={() => void writeFile()} disabled={busy !== null} />
            <IconButton icon="trash" size="sm" label="Discard plan" onClick={() => setConfirmDiscard(true)} disabled={!editable || busy !== null} />
          </>
        )}
      </header>
      {open && (
        <>
          <ol className="plan-editor-steps">
            {rows.map((row, i) => {
              const saved = row.id ? byId.get(row.id) : undefined;
              const changed = saved && saved.check !== row.check.trim();
              const state: PlanStepState = saved && !changed ? saved.state : 'pending';
              return (
                <li key={row.key} className={`plan-editor-row plan-editor-row-${state}`}>
                  <StepMark state={state} />
                  <span className="plan-editor-number">{i + 1}.</span>
                  <div className="plan-editor-fields">
                    <input
                      ref={inputRef(row.key, 'title')}
                      className="plan-editor-title-input"
                      value={row.title}
                      placeholder="What this step does"
                      aria-label={`Step ${i + 1}`}
                      readOnly={!editable}
                      onChange={(e) => setRows(update(rows, i, { title: e.target.value }))}
                      onKeyDown={(e) => onKey(e, i, 'title')}
                    />
                    <label className="plan-editor-check">
                      <span className="plan-editor-check-label">check</span>
                      <input
                        ref={inputRef(row.key, 'check')}
                        className="plan-editor-check-input"
                        value={row.check}
                        placeholder="a command that exits 0 when it is done"
                        aria-label={`Check for step ${i + 1}`}
                        spellCheck={false}
                        readOnly={!editable}
                        onChange={(e) => setRows(update(rows, i, { check: e.target.value }))}
                        onKeyDown={(e) => onKey(e, i, 'check')}
                      />
                    </label>
                    {saved && !changed && state === 'failed' && saved.lastCheck && <LastCheck step={saved} />}
                  </div>
                </li>
              );
            })}
          </ol>
          <footer className="plan-editor-footer">
            {editable && (
              <Button size="sm" variant="ghost" icon="plus" onClick={() => addAfter(rows.length - 1)}>
                Add step
              </Button>
            )}
            <span className="plan-editor-hint">
              {editable ? (
                <>
                  <Kbd shortcut="Enter" className="kbd-quiet" /> new step · <Kbd shortcut="Alt+ArrowUp" className="kbd-quiet" />
                  <Kbd shortcut="Alt+ArrowDown" className="kbd-quiet" /> move
                </>
              ) : plan.status === 'running' ? (
                'A step is marked done only when Tandem ran its check and it passed.'
              ) : null}
            </span>
            <span className="plan-editor-header-spacer" />
            {editable && dirty && (
              <Button size="sm" onClick={() => void save()} busy={busy === 'save'}>
                Save
              </Button>
            )}
            {editable && (
              <Button size="sm" variant="primary" icon="play" onClick={() => void run()} busy={busy === 'run'} disabled={allDone} title="Run the plan (Ctrl+Enter)">
                {plan.status === 'incomplete' ? 'Run open steps' : 'Run plan'}
              </Button>
            )}
          </footer>
          {error && (
            <p className="plan-editor-error" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function StepMark({ state }: { state: PlanStepState }) {
  return (
    <span className={`plan-editor-mark plan-editor-mark-${state}`} title={STATE_LABEL[state]} aria-label={STATE_LABEL[state]} role="img">
      {state === 'done' ? <Icon name="check" size={12} /> : state === 'failed' ? <Icon name="close" size={11} /> : state === 'checking' ? <span className="spinner spinner-sm" /> : null}
    </span>
  );
}

function LastCheck({ step }: { step: PlanStepRecord }) {
  const last = step.lastCheck!;
  const outcome = last.timedOut ? 'timed out' : last.exitCode === null ? 'did not finish' : `exit ${last.exitCode}`;
  return (
    <details className="plan-editor-last-check">
      <summary>Last check failed ({outcome})</summary>
      {last.outputTail ? <pre>{last.outputTail}</pre> : <p>No output.</p>}
    </details>
  );
}
