// Error bodies shaped like OpenAI's: `{ "error": { message, type, param, code } }`, with the wording the
// real API uses for each case so client code is tested against what it will really see.
import type { OpenAIErrorObject } from './script';

export function errorBody(error: OpenAIErrorObject): string {
  return JSON.stringify({ error });
}

/** The default error for a scripted status, overridable field by field. */
export function defaultErrorFor(status: number): OpenAIErrorObject {
  switch (status) {
    case 400:
      return { message: 'Invalid request.', type: 'invalid_request_error', param: null, code: null };
    case 401:
      return invalidApiKey('sk-wrong');
    case 403:
      return { message: 'You are not allowed to sample from this model', type: 'invalid_request_error', param: null, code: null };
    case 404:
      return { message: 'Not found.', type: 'invalid_request_error', param: null, code: null };
    case 429:
      return {
        message: 'Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      };
    case 503:
      return { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', param: null, code: null };
    default:
      return status >= 500
        ? { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null }
        : { message: `Request failed with status ${status}.`, type: 'invalid_request_error', param: null, code: null };
  }
}

export function invalidApiKey(presented: string | null): OpenAIErrorObject {
  if (presented === null) {
    return {
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    };
  }
  return {
    message: `Incorrect API key provided: ${maskKey(presented)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    type: 'invalid_request_error',
    param: null,
    code: 'invalid_api_key',
  };
}

/** The Responses API answers an unknown model with a 400; Chat Completions with a 404 (as OpenAI does). */
export function modelNotFound(model: string, api: 'responses' | 'chat' | 'models'): { status: number; error: OpenAIErrorObject } {
  if (api === 'responses') {
    return {
      status: 400,
      error: { message: `The requested model '${model}' does not exist.`, type: 'invalid_request_error', param: 'model', code: 'model_not_found' },
    };
  }
  return {
    status: 404,
    error: {
      message:
        api === 'chat'
          ? `The model \`${model}\` does not exist or you do not have access to it.`
          : `The model '${model}' does not exist`,
      type: 'invalid_request_error',
      param: api === 'chat' ? null : 'model',
      code: 'model_not_found',
    },
  };
}

export function invalidUrl(method: string, path: string): OpenAIErrorObject {
  return { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error', param: null, code: null };
}

function maskKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(Math.min(key.length - 7, 20))}${key.slice(-4)}`;
}
