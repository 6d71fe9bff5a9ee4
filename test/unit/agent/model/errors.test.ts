import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyRequestError, classifyStreamError, modelFailure, retryAfterMs } from '../../../../electron/core/agent/model/errors';

const api = (status: number, error: Record<string, unknown>, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error }, undefined, new Headers(headers));

describe('classifyRequestError', () => {
  it.each([
    [401, { message: 'Incorrect API key provided: sk-***.', code: 'invalid_api_key' }, 'auth', false],
    [403, { message: 'Not allowed.' }, 'forbidden', false],
    [404, { message: 'The model `x` does not exist.' }, 'notFound', false],
    [400, { message: "Invalid value for 'tool_choice'." }, 'badRequest', false],
    [400, { message: "This model's maximum context length is 8192 tokens.", code: 'context_length_exceeded' }, 'contextLength', false],
    [429, { message: 'Slow down.', code: 'rate_limit_exceeded' }, 'rateLimited', true],
    [429, { message: 'You exceeded your current quota.', code: 'insufficient_quota' }, 'rateLimited', false],
    [500, { message: 'Oops.' }, 'server', true],
    [503, { message: 'Overloaded.' }, 'server', true],
  ])('%i %j → %s (retryable: %s)', (status, body, kind, retryable) => {
    const error = classifyRequestError(api(status, body));
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.httpStatus).toBe(status);
    expect(error.message).toContain(String(body.message));
  });

  it('reads Retry-After from 429 and 5xx answers', () => {
    expect(classifyRequestError(api(429, { message: 'x' }, { 'retry-after': '7' })).retryAfterMs).toBe(7_000);
    expect(classifyRequestError(api(503, { message: 'x' }, { 'retry-after-ms': '250' })).retryAfterMs).toBe(250);
  });

  it('treats connection failures and timeouts as retryable network errors', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const error = classifyRequestError(new APIConnectionError({ message: 'Connection error.', cause: new Error('fetch failed', { cause: refused }) }));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.message).toBe('Could not reach the model server (connection refused).');
    expect(classifyRequestError(new APIConnectionTimeoutError()).message).toBe('The model server did not answer in time.');
  });
});

describe('classifyStreamError', () => {
  it('a JSON parse failure is a malformed stream', () => {
    expect(classifyStreamError(new SyntaxError('Unexpected end of JSON input'))).toMatchObject({ kind: 'malformedStream', retryable: true });
  });

  it('a dropped connection mid-body is a cut stream', () => {
    const error = classifyStreamError(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }));
    expect(error.kind).toBe('streamCut');
    expect(error.message).toContain('UND_ERR_SOCKET');
  });

  it('an error object inside the stream is the model failing, classified by its code', () => {
    expect(classifyStreamError(new APIError(undefined, { message: 'Too long', code: 'context_length_exceeded' }, undefined, undefined)).kind).toBe('contextLength');
    expect(classifyStreamError(new APIError(undefined, { message: 'Boom', code: 'server_error' }, undefined, undefined))).toMatchObject({ kind: 'server', retryable: true });
    expect(modelFailure('invalid_prompt', 'Flagged.')).toMatchObject({ kind: 'modelFailed', retryable: false });
  });
});

describe('retryAfterMs', () => {
  it('reads ms, seconds and HTTP dates, and ignores junk', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '120' }), now)).toBe(120);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }), now)).toBe(5_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(retryAfterMs(new Headers(), now)).toBeNull();
  });
});
