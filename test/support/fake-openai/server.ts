// A fake OpenAI-compatible model server for tests: real HTTP and SSE on 127.0.0.1 (random port), both the
// Responses and Chat Completions APIs, replies scripted per test, every request recorded, and every request
// body checked against OpenAI's published OpenAPI spec. A request that does not match the spec is answered
// with a 400 (as OpenAI would) and recorded in `violations`, so client code that builds bad requests fails
// its tests even when it tolerates the 400.
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { checkAgainstSpec, type SpecSchemaName, warmUpSpecValidators } from '../openapi-validator';
import { buildChatTurn } from './chat-api';
import { defaultErrorFor, errorBody, invalidApiKey, invalidUrl, modelNotFound } from './errors';
import { IdSource } from './ids';
import { buildResponsesTurn } from './responses-api';
import {
  assertValidStep,
  type ErrorStep,
  isErrorStep,
  type ModelApi,
  type ModelReply,
  replyFor,
  type ReplyStep,
  type ScriptStep,
} from './script';
import { deliberatelyReset, type SseFrame, sleep, writeJson, writeSse } from './sse';

export const DEFAULT_FAKE_MODELS = ['gpt-5-mini'] as const;

export interface FakeOpenAIOptions {
  /** When set, every request must carry `Authorization: Bearer <apiKey>`; otherwise any or none is accepted. */
  apiKey?: string;
  /** Model ids the server knows; any other model gets OpenAI's model_not_found error. */
  models?: readonly string[];
  /** Turn an API off to imitate a server that lacks it (e.g. a local server without /v1/responses). */
  apis?: { responses?: boolean; chat?: boolean };
  /**
   * How unknown paths (and disabled APIs) answer: OpenAI's JSON `Invalid URL` error, or a plain-text
   * `404 page not found` as Ollama and other Go servers send.
   */
  notFoundStyle?: 'openai' | 'plain';
  /**
   * Answers a model request before the queue is consulted (null leaves it to the next queued step): for
   * long sessions whose replies depend on what the client sends, e.g. a summary request at any point.
   */
  route?: (request: { api: ModelApi; body: Record<string, unknown> }) => ScriptStep | null;
}

export type Endpoint = 'responses' | 'chat' | 'models' | 'model' | 'unknown';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/responses`. */
  path: string;
  query: string;
  endpoint: Endpoint;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body; undefined when there was none or it was not JSON. */
  body: unknown;
  /** Whether the request asked for a stream (`"stream": true`). */
  stream: boolean;
  /** The status the fake answered with; null while it is still answering. */
  status: number | null;
  /** How a streamed answer ended. */
  ending: 'complete' | 'cut-reset' | 'cut-eof' | 'malformed' | 'client-gone' | null;
  /** True when the client closed the connection before the answer was complete (e.g. a cancel). */
  clientAborted: boolean;
}

export interface Violation {
  kind: 'schema' | 'invalid-json' | 'unscripted' | 'script-mismatch';
  method: string;
  path: string;
  /** One line saying what is wrong. */
  message: string;
  /** The spec errors, most specific first. */
  details: string[];
}

export interface FakeOpenAIServer {
  /** `http://127.0.0.1:PORT/v1`: the base URL to hand to the SDK or the product. */
  readonly baseUrl: string;
  readonly origin: string;
  readonly port: number;
  readonly requests: readonly RecordedRequest[];
  readonly violations: readonly Violation[];
  /** Scripted steps not yet taken. */
  readonly pendingSteps: number;
  /** Appends steps to the queue; each model request takes the next one. */
  script(steps: ScriptStep[]): void;
  /** Throws, listing them, when any request broke the spec or the script. Call it in afterEach. */
  assertNoViolations(): void;
  /** Throws when scripted steps were never taken. */
  assertScriptConsumed(): void;
  /** Resolves once at least `count` requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Clears the script, the recorded requests and the violations. */
  reset(): void;
  close(): Promise<void>;
}

const MODEL_ENDPOINTS: Record<'/v1/responses' | '/v1/chat/completions', { api: ModelApi; schema: SpecSchemaName }> = {
  '/v1/responses': { api: 'responses', schema: 'CreateResponse' },
  '/v1/chat/completions': { api: 'chat', schema: 'CreateChatCompletionRequest' },
};

/** Writes a complete, non-streamed answer and records its status. */
type Send = (status: number, body: string, headers?: Record<string, string>, contentType?: string) => void;

/** A fixed creation time for listed models (2023-11-14), so bodies are stable. */
const MODEL_CREATED_AT = 1_700_000_000;

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAIServer> {
  const fake = new FakeOpenAI(options);
  await fake.listen();
  return fake;
}

class FakeOpenAI implements FakeOpenAIServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly closing = new AbortController();
  private readonly ids = new IdSource();
  private readonly requestIds = new IdSource();
  private readonly steps: ScriptStep[] = [];
  private readonly recorded: RecordedRequest[] = [];
  private readonly found: Violation[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly models: readonly string[];
  private readonly apis: { responses: boolean; chat: boolean };
  private address: AddressInfo | null = null;

  constructor(private readonly options: FakeOpenAIOptions) {
    this.models = options.models ?? DEFAULT_FAKE_MODELS;
    this.apis = { responses: options.apis?.responses ?? true, chat: options.apis?.chat ?? true };
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        // A bug in the fake itself: answer 500 so the test fails visibly instead of hanging.
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`fake-openai crashed: ${error instanceof Error ? error.stack : String(error)}`);
        } else {
          res.destroy();
        }
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<void> {
    // Compile the request validators before the first request so its latency is not skewed by it.
    warmUpSpecValidators('CreateResponse', 'CreateChatCompletionRequest');
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.address = this.server.address() as AddressInfo;
  }

  get port(): number {
    if (!this.address) throw new Error('fake-openai is not listening');
    return this.address.port;
  }
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get baseUrl(): string {
    return `${this.origin}/v1`;
  }
  get requests(): readonly RecordedRequest[] {
    return this.recorded;
  }
  get violations(): readonly Violation[] {
    return this.found;
  }
  get pendingSteps(): number {
    return this.steps.length;
  }

  script(steps: ScriptStep[]): void {
    steps.forEach((step, i) => assertValidStep(step, this.steps.length + i));
    this.steps.push(...steps);
  }

  assertNoViolations(): void {
    if (this.found.length === 0) return;
    const lines = this.found.map((v) => `- ${v.method} ${v.path}: ${v.message}${v.details.map((d) => `\n    ${d}`).join('')}`);
    throw new Error(`The fake OpenAI server saw ${this.found.length} bad request(s):\n${lines.join('\n')}`);
  }

  assertScriptConsumed(): void {
    if (this.steps.length === 0) return;
    throw new Error(`${this.steps.length} scripted step(s) were never requested: ${JSON.stringify(this.steps)}`);
  }

  waitForRequests(count: number, timeoutMs = 5_000): Promise<void> {
    if (this.recorded.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.recorded.length < count) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`fake-openai: expected ${count} request(s) within ${timeoutMs} ms, got ${this.recorded.length}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  reset(): void {
    this.steps.length = 0;
    this.recorded.length = 0;
    this.found.length = 0;
  }

  async close(): Promise<void> {
    this.closing.abort();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';
    const endpoint = this.endpointOf(method, url.pathname);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.search,
      endpoint,
      headers: req.headers,
      rawBody,
      body: undefined,
      stream: false,
      status: null,
      ending: null,
      clientAborted: false,
    };
    this.recorded.push(record);
    for (const waiter of [...this.waiters]) waiter();

    // One signal for "stop writing": the client hung up or the server is closing.
    const gone = new AbortController();
    const onClosingServer = () => gone.abort();
    this.closing.signal.addEventListener('abort', onClosingServer, { once: true });
    res.on('close', () => {
      this.closing.signal.removeEventListener('abort', onClosingServer);
      if (!res.writableFinished && !deliberatelyReset.has(res)) record.clientAborted = true;
      gone.abort();
    });
    const send: Send = (status, body, headers = {}, type = 'application/json') => {
      record.status = status;
      res.writeHead(status, { 'content-type': type, 'x-request-id': this.requestIds.id('req'), ...headers });
      res.end(body);
    };

    if (endpoint === 'unknown') {
      if (this.options.notFoundStyle === 'plain') return send(404, '404 page not found', {}, 'text/plain; charset=utf-8');
      return send(404, errorBody(invalidUrl(method, url.pathname)));
    }

    if (this.options.apiKey !== undefined) {
      const presented = bearerToken(req.headers.authorization);
      if (presented !== this.options.apiKey) return send(401, errorBody(invalidApiKey(presented)));
    }

    if (endpoint === 'models') {
      const data = this.models.map((id) => modelObject(id));
      return send(200, JSON.stringify({ object: 'list', data }));
    }
    if (endpoint === 'model') {
      const id = decodeURIComponent(url.pathname.slice('/v1/models/'.length));
      if (this.models.includes(id)) return send(200, JSON.stringify(modelObject(id)));
      const notFound = modelNotFound(id, 'models');
      return send(notFound.status, errorBody(notFound.error));
    }

    await this.answerModelRequest(record, res, send, gone.signal);
  }

  /** POST /v1/responses or /v1/chat/completions: check the body, then take the next scripted step. */
  private async answerModelRequest(record: RecordedRequest, res: ServerResponse, send: Send, signal: AbortSignal): Promise<void> {
    const { api, schema } = MODEL_ENDPOINTS[record.path as keyof typeof MODEL_ENDPOINTS];
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(record.rawBody);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
      body = parsed as Record<string, unknown>;
    } catch (error) {
      const message = `The request body is not a JSON object (${error instanceof Error ? error.message : String(error)})`;
      this.violate(record, 'invalid-json', message, []);
      return send(400, errorBody({ message, type: 'invalid_request_error', param: null, code: null }));
    }
    record.body = body;
    record.stream = body['stream'] === true;

    const check = checkAgainstSpec(schema, body);
    if (!check.ok) {
      const message = `The request body does not match ${schema} in OpenAI's OpenAPI spec: ${check.errors[0] ?? ''}`;
      this.violate(record, 'schema', message, check.errors);
      return send(400, errorBody({ message, type: 'invalid_request_error', param: null, code: null }));
    }

    const model = String(body['model']);
    if (!this.models.includes(model)) {
      const notFound = modelNotFound(model, api);
      return send(notFound.status, errorBody(notFound.error));
    }

    const routed = this.options.route?.({ api, body }) ?? null;
    if (routed) assertValidStep(routed, -1);
    const step = routed ?? this.steps[0];
    const apiName = api === 'responses' ? 'Responses' : 'Chat Completions';
    if (!step) {
      const message = `No scripted reply left for this ${apiName} request`;
      this.violate(record, 'unscripted', message, []);
      return send(500, errorBody({ message, type: 'server_error', param: null, code: null }));
    }
    const choice = isErrorStep(step) ? null : replyFor(step, api);
    if (choice && 'mismatch' in choice) {
      // The step stays queued: the test's script and its code disagree, and the violation says how.
      const message = `A ${apiName} request arrived but ${choice.mismatch}`;
      this.violate(record, 'script-mismatch', message, []);
      return send(500, errorBody({ message, type: 'server_error', param: null, code: null }));
    }
    if (!routed) this.steps.shift();

    if (step.delayMsBeforeResponse) await sleep(step.delayMsBeforeResponse, signal);
    if (signal.aborted) return;

    if (isErrorStep(step)) return this.answerError(step, send);
    if (choice) await this.answerReply(step, choice.reply, api, body, record, res, signal);
  }

  private answerError(step: ErrorStep, send: Send): void {
    if (step.body !== undefined) {
      const type = step.body.trimStart().startsWith('{') ? 'application/json' : 'text/plain; charset=utf-8';
      return send(step.status, step.body, step.headers, type);
    }
    send(step.status, errorBody({ ...defaultErrorFor(step.status), ...step.error }), step.headers);
  }

  private async answerReply(
    step: ReplyStep,
    reply: ModelReply,
    api: ModelApi,
    body: Record<string, unknown>,
    record: RecordedRequest,
    res: ServerResponse,
    signal: AbortSignal,
  ): Promise<void> {
    const headers = { 'x-request-id': this.requestIds.id('req') };
    record.status = 200;

    if (api === 'responses') {
      const turn = buildResponsesTurn(body, reply, this.ids);
      if (record.stream) {
        const frames: SseFrame[] = turn.events.map((event) => ({ event: String(event['type']), data: JSON.stringify(event) }));
        record.ending = (await writeSse(res, frames, step, headers, signal)).ending;
      } else {
        record.ending = await writeJson(res, 200, JSON.stringify(turn.response), step, headers, signal);
      }
      return;
    }

    const turn = buildChatTurn(body, reply, this.ids);
    if (record.stream) {
      const frames: SseFrame[] = turn.chunks.map((chunk) => ({ data: JSON.stringify(chunk) }));
      // A failed stream ends after its error object, without [DONE].
      if (turn.completion) frames.push({ data: '[DONE]' });
      record.ending = (await writeSse(res, frames, step, headers, signal)).ending;
    } else if (turn.completion) {
      record.ending = await writeJson(res, 200, JSON.stringify(turn.completion), step, headers, signal);
    } else {
      const failure = reply.failure;
      record.status = 500;
      record.ending = await writeJson(
        res,
        500,
        errorBody({ message: failure?.message ?? 'failed', type: 'server_error', param: null, code: failure?.code ?? null }),
        {},
        headers,
        signal,
      );
    }
  }

  private endpointOf(method: string, path: string): Endpoint {
    if (method === 'POST' && path === '/v1/responses') return this.apis.responses ? 'responses' : 'unknown';
    if (method === 'POST' && path === '/v1/chat/completions') return this.apis.chat ? 'chat' : 'unknown';
    if (method === 'GET' && path === '/v1/models') return 'models';
    if (method === 'GET' && /^\/v1\/models\/[^/]+$/.test(path)) return 'model';
    return 'unknown';
  }

  private violate(record: RecordedRequest, kind: Violation['kind'], message: string, details: string[]): void {
    this.found.push({ kind, method: record.method, path: record.path, message, details });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim() ?? null;
}

function modelObject(id: string) {
  return { id, object: 'model', created: MODEL_CREATED_AT, owned_by: 'fake-openai' };
}
