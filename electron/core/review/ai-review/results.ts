/**
 * The last AI review of each repository + diff source (tables review_results and review_findings),
 * so the panel shows it again after a restart and dismiss / resolve work on it whenever they come.
 * A new review of the same source replaces the old one with its findings.
 */
import type { Database } from 'better-sqlite3';
import type { AiReviewResult, ReviewFinding } from '../../../../shared/contract/review';

interface ResultRow {
  id: string;
  repo: string;
  data: string;
}

interface FindingRow {
  id: string;
  status: ReviewFinding['status'];
  data: string;
}

export class ReviewResultsRepository {
  constructor(private readonly db: Database) {}

  /** Stores a review as the last one of its repository and source. */
  save(repo: string, result: AiReviewResult): void {
    const { findings, ...rest } = result;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM review_results WHERE repo = ? AND source_key = ?').run(repo, result.sourceKey);
      this.db.prepare('INSERT INTO review_results (id, repo, source_key, data, created_at) VALUES (?, ?, ?, ?, ?)').run(result.id, repo, result.sourceKey, JSON.stringify(rest), result.reviewedAt);
      const insert = this.db.prepare('INSERT INTO review_findings (id, result_id, position, status, data) VALUES (?, ?, ?, ?, ?)');
      findings.forEach((f, i) => insert.run(f.id, result.id, i, f.status, JSON.stringify(f)));
    })();
  }

  /** The last review of a repository and source, with each finding's current status. */
  last(repo: string, sourceKey: string): AiReviewResult | null {
    const row = this.db.prepare('SELECT id, repo, data FROM review_results WHERE repo = ? AND source_key = ?').get(repo, sourceKey) as ResultRow | undefined;
    if (!row) return null;
    const rows = this.db.prepare('SELECT id, status, data FROM review_findings WHERE result_id = ? ORDER BY position').all(row.id) as FindingRow[];
    const findings = rows.map((r) => ({ ...(JSON.parse(r.data) as ReviewFinding), status: r.status }));
    return { ...(JSON.parse(row.data) as Omit<AiReviewResult, 'findings'>), findings };
  }

  /** A stored finding and its repository, or null when no stored review holds it (replaced, or never). */
  finding(id: string): { repo: string; finding: ReviewFinding } | null {
    const row = this.db
      .prepare('SELECT f.status AS status, f.data AS data, r.repo AS repo FROM review_findings f JOIN review_results r ON r.id = f.result_id WHERE f.id = ?')
      .get(id) as { status: ReviewFinding['status']; data: string; repo: string } | undefined;
    if (!row) return null;
    return { repo: row.repo, finding: { ...(JSON.parse(row.data) as ReviewFinding), status: row.status } };
  }

  setStatus(id: string, status: ReviewFinding['status']): void {
    this.db.prepare('UPDATE review_findings SET status = ? WHERE id = ?').run(status, id);
  }
}
