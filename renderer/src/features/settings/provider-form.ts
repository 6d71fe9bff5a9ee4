/**
 * The model form's state and how it becomes a `provider.update` / `provider.test` input. Validated with
 * the contract's own schema, so the form shows the same messages the core would return.
 */
import { ProviderUpdate, type LocalServer, type ProviderConfig, type ProviderKind, type WireApi } from '../../../../shared/contract';
import type { ProviderDraft } from '../../stores/provider-store';

export interface ProviderForm {
  kind: ProviderKind;
  baseUrl: string;
  model: string;
  wireApi: WireApi;
  /** A new key typed by the user; empty means "keep the stored key". */
  apiKey: string;
}

export type FormErrors = Partial<Record<keyof ProviderForm, string>>;

export function formFromConfig(config: ProviderConfig): ProviderForm {
  return { kind: config.kind, baseUrl: config.baseUrl ?? '', model: config.model, wireApi: config.wireApi, apiKey: '' };
}

/** Switching provider kind also switches to the wire API that kind usually speaks. */
export function withKind(form: ProviderForm, kind: ProviderKind): ProviderForm {
  if (kind === form.kind) return form;
  return { ...form, kind, wireApi: kind === 'openai' ? 'responses' : 'chat' };
}

/** One click on a detected local server fills in everything it needs. */
export function withLocalServer(form: ProviderForm, server: LocalServer): ProviderForm {
  return { ...form, kind: 'compatible', baseUrl: server.baseUrl, model: server.models[0] ?? form.model, wireApi: 'chat' };
}

export function isDirty(form: ProviderForm, config: ProviderConfig): boolean {
  const saved = formFromConfig(config);
  return form.apiKey.trim() !== '' || form.kind !== saved.kind || form.model.trim() !== saved.model || form.wireApi !== saved.wireApi || (form.kind === 'compatible' && form.baseUrl.trim() !== saved.baseUrl);
}

export function toDraft(form: ProviderForm, config: ProviderConfig): { draft: ProviderDraft; errors: FormErrors } {
  const draft: ProviderDraft = { kind: form.kind, model: form.model, wireApi: form.wireApi };
  const errors: FormErrors = {};
  if (form.kind === 'openai') {
    draft.baseUrl = null;
  } else if (!form.baseUrl.trim()) {
    errors.baseUrl = 'Enter the server’s base URL, like http://127.0.0.1:11434/v1';
  } else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(form.baseUrl.trim())) {
    // "localhost:11434/v1" parses as a URL with the scheme "localhost:"; say what is actually missing.
    errors.baseUrl = 'Start the URL with http:// or https://, like http://127.0.0.1:11434/v1';
  } else if (!(config.baseUrlFromEnv && form.baseUrl.trim() === config.baseUrl)) {
    // An unchanged URL that came from OPENAI_BASE_URL stays tied to the environment.
    draft.baseUrl = form.baseUrl;
  }
  if (form.apiKey.trim()) draft.apiKey = form.apiKey;
  const parsed = ProviderUpdate.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && field in form && !errors[field as keyof ProviderForm]) errors[field as keyof ProviderForm] = issue.message;
    }
  }
  return { draft, errors };
}
