/**
 * The AI review: sends a diff to the configured model, asks for JSON-schema output (Responses
 * `text.format`, or Chat Completions `response_format`), validates the answer, keeps the few findings
 * worth acting on and anchors them on the diff's lines. The last review of each repository + source
 * is stored (results.ts), so it survives a restart; dismissals are stored too, so later reviews of the
 * repository hear what the author does not want.
 */
import OpenAI from 'openai';
import type { AiReviewResult, ReviewDiff, ReviewFinding } from '../../../../shared/contract/review';
import { createModelClient } from '../../provider/client';
import type { ResolvedProvider } from '../../provider/provider-service';
import { newId } from '../../store/ids';
import type { LedgerRepository } from '../../store/repositories/ledger';
import { anchorFinding } from './anchor';
import type { DismissalsRepository } from './dismissals';
import type { ReviewResultsRepository } from './results';
import { parseModelReview, REVIEW_JSON_SCHEMA, ReviewOutputError, taggedTitle } from './model-output';
import { buildReviewPrompt, REVIEW_INSTRUCTIONS } from './prompt';

/** Findings the model is less sure of than this are left out. */
export const MIN_CONFIDENCE = 0.3;
/** At most this many findings are shown, most urgent and surest first. */
export const MAX_FINDINGS = 8;
const REQUEST_TIMEOUT_MS = 180_000;

export interface ModelProvider {
  resolve(): ResolvedProvider;
}

/** Why a review could not be made: no model, the model failed, or its answer was unusable. */
export class AiReviewError extends Error {
  constructor(
    readonly kind: 'no_model' | 'model_failed' | 'bad_output',
    message: string,
  ) {
    super(message);
  }
}

export interface AiReviewerOptions {
  provider: ModelProvider;
  dismissals: DismissalsRepository;
  results: ReviewResultsRepository;
  ledger: LedgerRepository;
}

export class AiReviewer {
  constructor(private readonly options: AiReviewerOptions) {}

  async review(diff: ReviewDiff, signal?: AbortSignal): Promise<AiReviewResult> {
    const provider = this.options.provider.resolve();
    if (provider.kind === 'openai' && !provider.apiKey) {
      throw new AiReviewError('no_model', 'No model is set up: add an OpenAI key or a local server in Settings (or set OPENAI_API_KEY), then review again.');
    }
    const dismissed = this.options.dismissals.recentTitles(diff.repoRoot);
    const prompt = buildReviewPrompt(diff, dismissed);
    this.options.ledger.record({
      threadId: null,
      purpose: 'review',
      provider: provider.baseUrl ?? 'openai',
      model: provider.model,
      context: [
        { kind: 'instructions', label: 'Review instructions', chars: REVIEW_INSTRUCTIONS.length },
        { kind: 'diff', label: diff.title, chars: prompt.text.length, text: prompt.text },
      ],
    });

    const text = await this.ask(provider, prompt.text, signal);
    let parsed;
    try {
      parsed = parseModelReview(text);
    } catch (err) {
      if (err instanceof ReviewOutputError) throw new AiReviewError('bad_output', err.message);
      throw err;
    }

    const kept = parsed.findings
      .filter((f) => f.confidence >= MIN_CONFIDENCE)
      .sort((a, b) => a.priority - b.priority || b.confidence - a.confidence);
    const findings: ReviewFinding[] = [];
    const seen = new Set<string>();
    for (const f of kept) {
      if (findings.length >= MAX_FINDINGS) break;
      const place = anchorFinding(diff, { path: f.path, side: f.side, startLine: f.start_line, endLine: f.end_line });
      const title = taggedTitle(f.title, f.priority);
      const key = `${place.path}\0${place.startLine}\0${title.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fileVersion = diff.files.find((file) => file.id === place.fileId)?.version ?? null;
      findings.push({ id: newId(), title, body: f.body, priority: f.priority as ReviewFinding['priority'], confidence: f.confidence, ...place, fileVersion, status: 'open' });
    }
    const result: AiReviewResult = {
      id: newId(),
      sourceKey: diff.sourceKey,
      // A model that says "looks good" but lists a P0 or P1 is taken at its findings.
      verdict: findings.some((f) => f.priority <= 1) ? 'needs_changes' : parsed.verdict,
      explanation: parsed.explanation,
      findings,
      model: provider.model,
      dropped: parsed.findings.length - findings.length,
      reviewedAt: Date.now(),
      reviewedFiles: Object.fromEntries(diff.files.map((f) => [f.id, f.version])),
    };
    this.options.results.save(diff.repoRoot, result);
    return result;
  }

  /** The stored last review of a repository and source, or null. */
  last(repo: string, sourceKey: string): AiReviewResult | null {
    return this.options.results.last(repo, sourceKey);
  }

  dismiss(id: string): { repo: string; finding: ReviewFinding } {
    const entry = this.setStatus(id, 'dismissed');
    this.options.dismissals.record({ repo: entry.repo, title: entry.finding.title, path: entry.finding.path, body: entry.finding.body });
    return entry;
  }

  resolve(id: string): { repo: string; finding: ReviewFinding } {
    return this.setStatus(id, 'resolved');
  }

  private setStatus(id: string, status: ReviewFinding['status']): { repo: string; finding: ReviewFinding } {
    const entry = this.options.results.finding(id);
    if (!entry) throw new AiReviewError('bad_output', 'That finding is no longer stored (a newer review of the same changes replaced it): run the review again.');
    this.options.results.setStatus(id, status);
    return { repo: entry.repo, finding: { ...entry.finding, status } };
  }

  private async ask(provider: ResolvedProvider, diffText: string, signal?: AbortSignal): Promise<string> {
    const client = createModelClient({ baseUrl: provider.baseUrl, apiKey: provider.apiKey, timeoutMs: REQUEST_TIMEOUT_MS, maxRetries: 1 });
    try {
      if (provider.wireApi === 'responses') {
        const response = await client.responses.create(
          {
            model: provider.model,
            instructions: REVIEW_INSTRUCTIONS,
            input: diffText,
            text: { format: { type: 'json_schema', name: 'code_review', schema: REVIEW_JSON_SCHEMA as unknown as Record<string, unknown>, strict: true } },
          },
          { signal },
        );
        return response.output_text;
      }
      const completion = await client.chat.completions.create(
        {
          model: provider.model,
          messages: [
            { role: 'system', content: REVIEW_INSTRUCTIONS },
            { role: 'user', content: diffText },
          ],
          response_format: { type: 'json_schema', json_schema: { name: 'code_review', schema: REVIEW_JSON_SCHEMA as unknown as Record<string, unknown>, strict: true } },
        },
        { signal },
      );
      return completion.choices[0]?.message.content ?? '';
    } catch (err) {
      if (err instanceof OpenAI.APIError) {
        throw new AiReviewError('model_failed', `The model (${provider.model}) refused the review: ${err.status ?? ''} ${err.message}`.replace(/\s+/g, ' ').trim());
      }
      if (signal?.aborted) throw err;
      throw new AiReviewError('model_failed', `Could not reach the model at ${provider.baseUrl ?? 'api.openai.com'}: ${(err as Error).message}`);
    }
  }
}
