/** Each thread's saved plan (plan-first runs): one row per thread, its steps as JSON. */
import type { Database } from 'better-sqlite3';
import type { PlanStatus, PlanStepRecord, ThreadPlan } from '../../../../shared/contract';

interface Row {
  thread_id: string;
  status: PlanStatus;
  steps: string;
  proposed_by: string | null;
  run_by: string | null;
  updated_at: number;
}

const toPlan = (r: Row): ThreadPlan => ({
  threadId: r.thread_id,
  status: r.status,
  steps: JSON.parse(r.steps) as PlanStepRecord[],
  proposedBy: r.proposed_by,
  runBy: r.run_by,
  updatedAt: r.updated_at,
});

export class PlansRepository {
  constructor(private readonly db: Database) {}

  get(threadId: string): ThreadPlan | null {
    const row = this.db.prepare('SELECT * FROM thread_plans WHERE thread_id = ?').get(threadId) as Row | undefined;
    return row ? toPlan(row) : null;
  }

  /** Plans a run was working through; after a restart, their turns are gone. */
  listRunning(): ThreadPlan[] {
    return (this.db.prepare("SELECT * FROM thread_plans WHERE status = 'running'").all() as Row[]).map(toPlan);
  }

  put(plan: ThreadPlan): void {
    this.db
      .prepare(
        `INSERT INTO thread_plans (thread_id, status, steps, proposed_by, run_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(thread_id) DO UPDATE SET status = excluded.status, steps = excluded.steps, proposed_by = excluded.proposed_by,
           run_by = excluded.run_by, updated_at = excluded.updated_at`,
      )
      .run(plan.threadId, plan.status, JSON.stringify(plan.steps), plan.proposedBy, plan.runBy, plan.updatedAt);
  }

  delete(threadId: string): boolean {
    return this.db.prepare('DELETE FROM thread_plans WHERE thread_id = ?').run(threadId).changes > 0;
  }
}
