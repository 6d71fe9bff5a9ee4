/**
 * The AI review against the fake OpenAI server (every request checked against OpenAI's spec): both
 * wire APIs with JSON-schema output, JSON wrapped in prose, unusable output, findings anchored on the
 * diff's lines (or moved to the nearest hunk), dismissals that quiet the next review, the ledger, and
 * `tandem review` from the command line.
 */
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WireApi } from '../../../shared/contract';
import type { AiReviewResult } from '../../../shared/contract/review';
import { runReviewCommand } from '../../../electron/core/review/ai-review/cli';
import { ReviewService } from '../../../electron/core/review/review-service';
import { Store } from '../../../electron/core/store';
import { EventBus } from '../../../electron/core/transport/event-bus';
import { Router, type Handlers } from '../../../electron/core/transport/router';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { makeTempDir } from '../../support/temp-dir';
import { TestRepo } from './test-repo';

const KEY = 'sk-review-test-key';
const MODEL = 'gpt-5-mini';

let fake: FakeOpenAIServer;
let repo: TestRepo;
let data: { dir: string; cleanup(): void };
let store: Store;
let wireApi: WireApi;
let router: Router;
const events: { event: string; payload: unknown }[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  events.length = 0;
  repo = TestRepo.create();
  repo.write('src/retry.ts', Array.from({ length: 30 }, (_, i) => `export const line${i + 1} = ${i + 1};`).join('\n') + '\n');
  repo.commitAll('first');
  const changed = repo.read('src/retry.ts').split('\n');
  changed[19] = 'export const line20 = attempts <= max; // retries once too often';
  repo.write('src/retry.ts', changed.join('\n'));
  data = makeTempDir('tandem-ai-review-');
  store = Store.open(data.dir);
  wireApi = 'responses';
  const bus = new EventBus();
  bus.subscribe((event, payload) => events.push({ event, payload }));
  const provider = { resolve: () => ({ kind: 'compatible' as const, baseUrl: fake.baseUrl, apiKey: KEY, model: MODEL, wireApi }) };
  const service = new ReviewService({ store, events: bus, dataDir: data.dir, provider });
  router = new Router(service.handlers() as Handlers, { error: () => {} });
});
afterEach(() => {
  fake.assertNoViolations();
  store.close();
  data.cleanup();
  repo.cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await router.dispatch(method as never, input, { clientId: 'test' });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}
async function failure(method: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = await router.dispatch(method as never, input, { clientId: 'test' });
  if (r.ok) throw new Error(`expected ${method} to fail`);
  return r.error;
}
const review = () => call<AiReviewResult>('review.aiReview', { workspacePath: repo.root, source: { kind: 'working' } });

const answer = (findings: object[], verdict = 'needs_changes') =>
  JSON.stringify({ verdict, explanation: 'The retry bound is off by one.', findings });
const offByOne = {
  title: '[P1] Retries one time too many',
  body: 'attempts <= max lets the loop run max + 1 times; use <.',
  priority: 1,
  confidence: 0.9,
  path: 'src/retry.ts',
  side: 'new',
  start_line: 20,
  end_line: 20,
};

describe('AI review', () => {
  it('asks through the Responses API with a JSON schema and anchors findings on their diff lines', async () => {
    fake.script([{ responses: { text: answer([offByOne, { ...offByOne, title: 'Maybe rename', priority: 3, confidence: 0.1 }]) } }]);
    const result = await review();
    expect(result.verdict).toBe('needs_changes');
    expect(result.findings).toHaveLength(1);
    expect(result.dropped).toBe(1);
    expect(result.findings[0]).toMatchObject({ title: '[P1] Retries one time too many', path: 'src/retry.ts', side: 'new', startLine: 20, endLine: 20, anchor: 'lines', status: 'open' });
    const body = fake.requests[0]!.body as { text: { format: { type: string; strict: boolean } }; input: string };
    expect(body.text.format).toMatchObject({ type: 'json_schema', strict: true });
    expect(body.input).toContain('attempts <= max');
    const ledger = store.ledger.list();
    expect(ledger[0]).toMatchObject({ purpose: 'review', model: MODEL });
  });

  it('uses Chat Completions with response_format json_schema when the provider speaks chat', async () => {
    wireApi = 'chat';
    fake.script([{ chat: { text: answer([]) } }]);
    const result = await review();
    const body = fake.requests[0]!.body as { response_format: { type: string; json_schema: { name: string } } };
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.name).toBe('code_review');
    expect(result.findings).toEqual([]);
  });

  it('accepts JSON wrapped in prose and moves a finding whose lines are not in the diff to the nearest hunk', async () => {
    const prose = `Sure! Here is my review {of sorts}:\n\`\`\`json\n${answer([{ ...offByOne, title: 'Off by one with a } brace', start_line: 2, end_line: 3 }])}\n\`\`\`\nHope that helps.`;
    fake.script([{ responses: { text: prose } }]);
    const result = await review();
    expect(result.findings[0]).toMatchObject({ title: '[P1] Off by one with a } brace', anchor: 'hunk', startLine: 20 });
  });

  it('refuses output that is not a review with a clear error', async () => {
    fake.script([{ responses: { text: 'I could not review this change, sorry.' } }, { responses: { text: '{"verdict": "great", "findings": []}' } }]);
    expect((await failure('review.aiReview', { workspacePath: repo.root, source: { kind: 'working' } })).message).toMatch(/held no JSON review/);
    expect((await failure('review.aiReview', { workspacePath: repo.root, source: { kind: 'working' } })).message).toMatch(/did not have the expected shape: verdict/);
  });

  it('records a dismissal and tells the next review that the author does not want it', async () => {
    fake.script([{ responses: { text: answer([offByOne]) } }, { responses: { text: answer([], 'looks_good') } }]);
    const first = await review();
    const dismissed = await call<{ status: string }>('review.findings.dismiss', { id: first.findings[0]!.id });
    expect(dismissed.status).toBe('dismissed');
    expect(events.some((e) => e.event === 'review.findings.changed')).toBe(true);
    const resolved = await call<{ status: string }>('review.findings.resolve', { id: first.findings[0]!.id });
    expect(resolved.status).toBe('resolved');
    const second = await review();
    expect(second.verdict).toBe('looks_good');
    const input = (fake.requests[1]!.body as { input: string }).input;
    expect(input).toContain('The author does not want findings like these');
    expect(input).toContain('[P1] Retries one time too many');
    // The second review of the same changes replaced the first: its findings are gone, and that is said plainly.
    expect((await failure('review.findings.resolve', { id: first.findings[0]!.id })).message).toMatch(/no longer stored .*run the review again/);
  });

  it('keeps the last review of each source across a restart, with each finding’s status and the versions it reviewed', async () => {
    fake.script([{ responses: { text: answer([offByOne]) } }]);
    const first = await review();
    const diff = await call<{ files: { id: string; version: string }[] }>('review.diff', { workspacePath: repo.root, source: { kind: 'working' } });
    expect(first.findings[0]!.fileVersion).toBe(diff.files[0]!.version);
    expect(first.reviewedFiles).toEqual({ [diff.files[0]!.id]: diff.files[0]!.version });
    await call('review.findings.dismiss', { id: first.findings[0]!.id });

    // A restart: a new store on the same data folder, a new service.
    store.close();
    store = Store.open(data.dir);
    const provider = { resolve: () => ({ kind: 'compatible' as const, baseUrl: fake.baseUrl, apiKey: KEY, model: MODEL, wireApi }) };
    router = new Router(new ReviewService({ store, events: new EventBus(), dataDir: data.dir, provider }).handlers() as Handlers, { error: () => {} });
    const { result } = await call<{ result: AiReviewResult | null }>('review.aiReview.last', { workspacePath: repo.root, source: { kind: 'working' } });
    expect(result).toMatchObject({ id: first.id, verdict: 'needs_changes', sourceKey: 'working', reviewedFiles: first.reviewedFiles });
    expect(result!.findings).toEqual([{ ...first.findings[0]!, status: 'dismissed' }]);
    // Other sources have their own (none yet).
    expect((await call<{ result: AiReviewResult | null }>('review.aiReview.last', { workspacePath: repo.root, source: { kind: 'commit', commit: 'HEAD' } })).result).toBeNull();

    // The file changes: the stored review still loads, and the diff's version no longer matches the finding's (stale).
    repo.write('src/retry.ts', repo.read('src/retry.ts').replace('line21 = 21', 'line21 = 22'));
    const now = await call<{ files: { id: string; version: string }[] }>('review.diff', { workspacePath: repo.root, source: { kind: 'working' } });
    expect(now.files[0]!.id).toBe(diff.files[0]!.id);
    expect(now.files[0]!.version).not.toBe(result!.findings[0]!.fileVersion);
    expect((await call<{ result: AiReviewResult | null }>('review.aiReview.last', { workspacePath: repo.root, source: { kind: 'working' } })).result?.id).toBe(first.id);
  });

  it('says so when the model refuses the request', async () => {
    fake.script([{ status: 500 }, { status: 500 }]);
    expect((await failure('review.aiReview', { workspacePath: repo.root, source: { kind: 'working' } })).message).toMatch(/refused the review/);
  });
});

describe('tandem review', () => {
  const runCli = async (args: string[]) => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c) => (out += String(c)));
    stderr.on('data', (c) => (err += String(c)));
    const code = await runReviewCommand(args, {
      stdin: new PassThrough(),
      stdout,
      stderr,
      cwd: repo.root,
      env: { PATH: process.env.PATH, HOME: data.dir, OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl, TANDEM_DATA_DIR: data.dir },
    });
    return { code, out, err };
  };

  it('prints the findings as JSON for the uncommitted changes, and as text for a commit', async () => {
    store.settings.set('provider', { model: MODEL, wireApi: 'chat' });
    fake.script([{ chat: { text: answer([offByOne]) } }]);
    const json = await runCli(['--uncommitted', '--json', '--data-dir', data.dir]);
    expect(json.err).toBe('');
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.out) as AiReviewResult;
    expect(parsed.findings[0]).toMatchObject({ path: 'src/retry.ts', startLine: 20 });

    repo.commitAll('second');
    fake.script([{ chat: { text: answer([], 'looks_good') } }]);
    const text = await runCli(['--commit', 'HEAD', '--data-dir', data.dir]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/looks good/);
    expect(text.out).toContain('No findings.');
  });

  it('refuses bad arguments and a folder with nothing to review', async () => {
    expect((await runCli(['--base', 'main', '--commit', 'HEAD'])).code).toBe(2);
    expect((await runCli(['--base=-x'])).err).toMatch(/cannot start with "-"/);
    repo.commitAll('clean');
    const clean = await runCli(['--data-dir', data.dir]);
    expect(clean.code).toBe(3);
    expect(clean.err).toMatch(/nothing to review/);
  });
});
