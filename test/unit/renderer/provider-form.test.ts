import { describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../../../shared/contract';
import { formFromConfig, isDirty, toDraft, withKind, withLocalServer } from '../../../renderer/src/features/settings/provider-form';

const openai: ProviderConfig = {
  kind: 'openai',
  baseUrl: null,
  model: 'gpt-5.1',
  wireApi: 'responses',
  hasKey: true,
  keySource: 'file',
  keyStorage: 'file',
  baseUrlFromEnv: false,
};

describe('model settings form', () => {
  it('starts clean from the saved config and never holds the saved key', () => {
    const form = formFromConfig(openai);
    expect(form.apiKey).toBe('');
    expect(isDirty(form, openai)).toBe(false);
  });

  it('switches to the usual wire API with the provider kind', () => {
    const form = withKind(formFromConfig(openai), 'compatible');
    expect(form.wireApi).toBe('chat');
    expect(withKind(form, 'openai').wireApi).toBe('responses');
  });

  it('fills base URL, first model and Chat Completions from a detected local server', () => {
    const form = withLocalServer(formFromConfig(openai), { name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama3.2', 'qwen2.5'] });
    expect(form).toMatchObject({ kind: 'compatible', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.2', wireApi: 'chat' });
    expect(isDirty(form, openai)).toBe(true);
  });

  it('sends a new key only when one was typed, and OpenAI’s own endpoint as null', () => {
    expect(toDraft(formFromConfig(openai), openai)).toEqual({ draft: { kind: 'openai', model: 'gpt-5.1', wireApi: 'responses', baseUrl: null }, errors: {} });
    const typed = { ...formFromConfig(openai), apiKey: 'sk-new' };
    expect(toDraft(typed, openai).draft.apiKey).toBe('sk-new');
  });

  it('explains a missing or malformed base URL and an empty model with the contract’s messages', () => {
    const form = { ...withKind(formFromConfig(openai), 'compatible'), model: ' ' };
    expect(toDraft(form, openai).errors).toEqual({ baseUrl: expect.stringContaining('base URL'), model: 'Enter a model name' });
    expect(toDraft({ ...form, model: 'm', baseUrl: 'localhost:11434/v1' }, openai).errors.baseUrl).toBe('Start the URL with http:// or https://, like http://127.0.0.1:11434/v1');
    expect(toDraft({ ...form, model: 'm', baseUrl: 'http://' }, openai).errors.baseUrl).toBe('Enter a full URL, like http://127.0.0.1:11434/v1');
    expect(toDraft({ ...form, model: 'm', baseUrl: 'ftp://host/v1' }, openai).errors.baseUrl).toBe('Only http and https URLs are supported');
  });

  it('leaves a base URL that came from OPENAI_BASE_URL tied to the environment unless it was edited', () => {
    const fromEnv: ProviderConfig = { ...openai, kind: 'compatible', baseUrl: 'http://gpu-box:8000/v1', wireApi: 'chat', baseUrlFromEnv: true };
    expect(toDraft(formFromConfig(fromEnv), fromEnv).draft).not.toHaveProperty('baseUrl');
    expect(toDraft({ ...formFromConfig(fromEnv), baseUrl: 'http://other:8000/v1' }, fromEnv).draft.baseUrl).toBe('http://other:8000/v1');
  });
});
