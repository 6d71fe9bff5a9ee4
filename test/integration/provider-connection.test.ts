// "Test connection" and the local-server probe against real HTTP servers: the fake OpenAI server (which
// also checks that the probe requests match OpenAI's spec), a closed port, and a web page that is not a
// model API.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testConnection, type ConnectionTestConfig } from '../../electron/core/provider/connection-test';
import { detectLocalServers } from '../../electron/core/provider/local-probe';
import { closedPortBaseUrl, startFakeOpenAI, type FakeOpenAIServer } from '../support/fake-openai';

const MODEL = 'gpt-5-mini';
const KEY = 'sk-proj-test-0123456789abcdef';

let server: FakeOpenAIServer;

beforeAll(async () => {
  server = await startFakeOpenAI({ apiKey: KEY, models: [MODEL] });
});

afterEach(() => {
  try {
    server.assertNoViolations();
    server.assertScriptConsumed();
  } finally {
    server.reset();
  }
});

afterAll(async () => {
  await server.close();
});

function config(overrides: Partial<ConnectionTestConfig> = {}): ConnectionTestConfig {
  return { baseUrl: server.baseUrl, apiKey: KEY, model: MODEL, wireApi: 'responses', kind: 'compatible', ...overrides };
}

/** A plain web server that answers every request with 200 and an HTML page, like a wrong base URL might. */
async function startWebPage(): Promise<{ baseUrl: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const page = http.createServer((_req, res) => {
    hits += 1;
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>My app</title>');
  });
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  const { port } = page.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => page.close(() => resolve())),
  };
}

describe('testConnection', () => {
  it('succeeds through the Responses API with one small, spec-valid request', async () => {
    server.script([{ responses: { text: 'ok' } }]);
    const result = await testConnection(config());

    expect(result).toMatchObject({ ok: true, kind: 'ok', httpStatus: 200 });
    expect(result.message).toMatch(/^Connected: gpt-5-mini answered through the Responses API in \d+ ms\.$/);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/responses', stream: false });
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.body).toEqual({ model: MODEL, input: 'Reply with the single word: ok', max_output_tokens: 16, store: false });
  });

  it('succeeds through Chat Completions, with the token limit each kind of server understands', async () => {
    server.script([{ chat: { text: 'ok' } }, { chat: { text: 'ok' } }]);
    const compatible = await testConnection(config({ wireApi: 'chat' }));
    const openai = await testConnection(config({ wireApi: 'chat', kind: 'openai' }));

    expect(compatible).toMatchObject({ ok: true, kind: 'ok' });
    expect(compatible.message).toContain('Chat Completions API');
    expect(openai).toMatchObject({ ok: true, kind: 'ok' });
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
    expect(server.requests[0]?.body).toMatchObject({ max_tokens: 16, messages: [{ role: 'user', content: 'Reply with the single word: ok' }] });
    expect(server.requests[1]?.body).toMatchObject({ max_completion_tokens: 16 });
    expect(server.requests[1]?.body).not.toHaveProperty('max_tokens');
  });

  it('reports a rejected key as bad_key (401)', async () => {
    const result = await testConnection(config({ apiKey: 'sk-revoked-key-000000' }));
    expect(result).toEqual({
      ok: false,
      kind: 'bad_key',
      message: 'The API key was rejected (401); check that it is complete and has not been revoked.',
      httpStatus: 401,
      latencyMs: expect.any(Number),
    });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-revoked-key-000000');
  });

  it('sends no Authorization header without a key, and says when the server wants one', async () => {
    const result = await testConnection(config({ apiKey: null }));
    expect(result).toMatchObject({ kind: 'bad_key', httpStatus: 401 });
    expect(result.message).toBe(`127.0.0.1:${server.port} requires an API key (401); enter one and test again.`);
    expect(server.requests[0]?.headers).not.toHaveProperty('authorization');
  });

  it('asks for a key before making any request to OpenAI', async () => {
    const result = await testConnection(config({ kind: 'openai', apiKey: null }));
    expect(result).toEqual({
      ok: false,
      kind: 'no_key',
      message: 'Add your OpenAI API key, then test the connection again.',
      httpStatus: null,
      latencyMs: 0,
    });
    expect(server.requests).toHaveLength(0);
  });

  it('names the missing model, whichever way the server says it', async () => {
    const responses = await testConnection(config({ model: 'gpt-nope' }));
    expect(responses).toMatchObject({ kind: 'model_not_found', httpStatus: 400 });
    expect(responses.message).toBe(`The model "gpt-nope" was not found at 127.0.0.1:${server.port}; check the model name.`);

    const chat = await testConnection(config({ model: 'gpt-nope', wireApi: 'chat' }));
    expect(chat).toMatchObject({ kind: 'model_not_found', httpStatus: 404 });

    // Ollama's wording, with no error code.
    server.script([{ status: 404, error: { message: 'model "llama9" not found, try pulling it first', type: 'api_error', code: null } }]);
    const ollama = await testConnection(config({ model: MODEL, wireApi: 'chat' }));
    expect(ollama).toMatchObject({ kind: 'model_not_found', httpStatus: 404 });
    expect(ollama.message).toContain(`"${MODEL}"`);

    // DeepSeek's wording: a 400 with a generic code.
    server.script([{ status: 400, error: { message: 'Model Not Exist', code: 'invalid_request_error' } }]);
    expect(await testConnection(config({ wireApi: 'chat' }))).toMatchObject({ kind: 'model_not_found', httpStatus: 400 });

    // A 400 about something else is not mistaken for a missing model.
    server.script([{ status: 400, error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model.", param: 'max_tokens' } }]);
    const otherBadRequest = await testConnection(config({ wireApi: 'chat' }));
    expect(otherBadRequest).toMatchObject({ kind: 'unknown', httpStatus: 400 });
    expect(otherBadRequest.message).toBe(
      `127.0.0.1:${server.port} rejected the test request (400): Unsupported parameter: 'max_tokens' is not supported with this model.`,
    );
  });

  it('suggests the other wire API when the server lacks the endpoint', async () => {
    const chatOnly = await startFakeOpenAI({ apis: { responses: false }, models: ['llama3.2'] });
    const plain = await startFakeOpenAI({ apis: { chat: false }, notFoundStyle: 'plain', models: ['llama3.2'] });
    try {
      const missingResponses = await testConnection({ ...config(), baseUrl: chatOnly.baseUrl, apiKey: null, model: 'llama3.2' });
      expect(missingResponses).toMatchObject({ ok: false, kind: 'wrong_api', httpStatus: 404 });
      expect(missingResponses.message).toBe(
        `${chatOnly.baseUrl} has no Responses endpoint (404); switch the wire API to Chat Completions, or check that the base URL ends in /v1.`,
      );

      const missingChat = await testConnection({ ...config(), baseUrl: plain.baseUrl, apiKey: null, model: 'llama3.2', wireApi: 'chat' });
      expect(missingChat).toMatchObject({ kind: 'wrong_api', httpStatus: 404 });
      expect(missingChat.message).toContain('switch the wire API to Responses');

      // The same servers work on the API they have.
      chatOnly.script([{ chat: { text: 'ok' } }]);
      const working = await testConnection({ ...config(), baseUrl: chatOnly.baseUrl, apiKey: null, model: 'llama3.2', wireApi: 'chat' });
      expect(working.kind).toBe('ok');
      chatOnly.assertNoViolations();
      plain.assertNoViolations();
    } finally {
      await Promise.all([chatOnly.close(), plain.close()]);
    }
  });

  it('does not call a web page that answers 200 a working model API', async () => {
    const page = await startWebPage();
    try {
      const result = await testConnection({ ...config(), baseUrl: page.baseUrl });
      expect(result).toMatchObject({ ok: false, kind: 'wrong_api', httpStatus: 200 });
      expect(result.message).toContain('answered, but not like an OpenAI-compatible Responses API');
      expect(page.hits()).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('reports a closed port and a silent server as unreachable, naming the URL', async () => {
    const closed = await closedPortBaseUrl();
    const refused = await testConnection(config({ baseUrl: closed }));
    expect(refused).toEqual({
      ok: false,
      kind: 'unreachable',
      message: `Nothing is listening at ${closed} (connection refused); start the server or fix the URL.`,
      httpStatus: null,
      latencyMs: expect.any(Number),
    });

    server.script([{ responses: { text: 'too late' }, delayMsBeforeResponse: 5_000 }]);
    const started = performance.now();
    const silent = await testConnection(config(), { timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(silent).toMatchObject({ kind: 'unreachable', httpStatus: null });
    expect(silent.message).toBe(`${server.baseUrl} did not answer within 300 ms; check that the server is running and the URL is right.`);
    // The SDK gave up once, without retrying, and hung up.
    expect(server.requests).toHaveLength(1);
    await expect.poll(() => server.requests[0]?.clientAborted).toBe(true);

    // The connection drops halfway through the body.
    server.script([{ responses: { text: 'ok' }, cutAfterEvents: 0 }]);
    const dropped = await testConnection(config());
    expect(dropped).toMatchObject({ kind: 'unreachable', httpStatus: null });
    expect(dropped.message).toBe(`${server.baseUrl} closed the connection without answering; check that it is an OpenAI-compatible server.`);

    // fetch refuses some ports outright (6000 is X11's); the reason still reaches the user.
    const blocked = await testConnection(config({ baseUrl: 'http://127.0.0.1:6000/v1' }));
    expect(blocked).toMatchObject({ kind: 'unreachable', httpStatus: null });
    expect(blocked.message).toBe('Could not reach http://127.0.0.1:6000/v1 (bad port); check the URL and that the server is running.');

    const notAUrl = await testConnection(config({ baseUrl: 'localhost:11434' }));
    expect(notAUrl).toMatchObject({ kind: 'unreachable', httpStatus: null });
    expect(notAUrl.message).toContain('is not an http(s) URL');
  });

  it('gives up on a server that sends headers and then stalls', async () => {
    const stalling = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":"resp_1","output":[');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/v1`;
    try {
      const started = performance.now();
      const result = await testConnection(config({ baseUrl }), { timeoutMs: 400 });
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(result).toMatchObject({ kind: 'unreachable', httpStatus: null });
      expect(result.message).toBe(`${baseUrl} did not answer within 400 ms; check that the server is running and the URL is right.`);
    } finally {
      stalling.closeAllConnections();
      await new Promise<void>((resolve) => stalling.close(() => resolve()));
    }
  });

  it('classifies 403, 429 and 5xx, making exactly one request each', async () => {
    server.script([
      { status: 403, error: { message: 'Project does not have access to model gpt-5-mini.' } },
      { status: 429, headers: { 'retry-after': '20' } },
      { status: 429, error: { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota' } },
      { status: 503 },
    ]);
    const forbidden = await testConnection(config());
    const limited = await testConnection(config());
    const quota = await testConnection(config());
    const down = await testConnection(config());

    expect(forbidden).toMatchObject({ kind: 'forbidden', httpStatus: 403 });
    expect(forbidden.message).toContain('Project does not have access to model gpt-5-mini');
    expect(limited).toMatchObject({ kind: 'rate_limited', httpStatus: 429 });
    expect(quota).toMatchObject({ kind: 'rate_limited', httpStatus: 429 });
    expect(quota.message).toContain('no quota left');
    expect(down).toMatchObject({ kind: 'server_error', httpStatus: 503 });
    expect(down.message).toContain('The engine is currently overloaded');
    expect(server.requests).toHaveLength(4);
  });
});

describe('detectLocalServers', () => {
  it('finds a server that answers with its models and ignores dead or foreign ports', async () => {
    const ollama = await startFakeOpenAI({ models: ['llama3.2:3b', 'qwen2.5-coder:7b'] });
    const page = await startWebPage();
    // A port that accepts connections and never answers: the probe must give up on its own.
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
    try {
      const started = performance.now();
      const found = await detectLocalServers(
        [
          { name: 'Ollama', baseUrl: ollama.baseUrl },
          { name: 'LM Studio', baseUrl: await closedPortBaseUrl() },
          { name: 'LM Studio', baseUrl: page.baseUrl },
          { name: 'LM Studio', baseUrl: silentUrl },
        ],
        400,
      );
      const elapsed = performance.now() - started;

      expect(found).toEqual([{ name: 'Ollama', baseUrl: ollama.baseUrl, models: ['llama3.2:3b', 'qwen2.5-coder:7b'] }]);
      // In parallel: the whole probe costs about one timeout, not one per target.
      expect(elapsed).toBeLessThan(1_500);
      expect(ollama.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
      expect(ollama.requests[0]?.headers).not.toHaveProperty('authorization');
      expect(page.hits()).toBe(1);
    } finally {
      silent.closeAllConnections();
      await Promise.all([ollama.close(), page.close(), new Promise<void>((resolve) => silent.close(() => resolve()))]);
    }
  });

  it('finds nothing when nothing runs', async () => {
    const found = await detectLocalServers([{ name: 'Ollama', baseUrl: await closedPortBaseUrl() }], 400);
    expect(found).toEqual([]);
  });
});
