/**
 * Settings → Model: which server answers, with which key and model, over which API. "Test connection"
 * makes one real request with what is in the form (saved or not) and says plainly what happened.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ConnectionTestResult, ProviderConfig } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { isProviderReady } from '../../stores/provider-store';
import { useApp, useProvider, useStores } from '../../stores/react';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { Segmented } from '../../ui/Segmented';
import { ContextWindowSettings } from '../agent/ContextWindowSettings';
import { formFromConfig, isDirty, toDraft, withKind, withLocalServer, type FormErrors, type ProviderForm } from './provider-form';

function keyStatus(config: ProviderConfig, dataDir: string | null): string {
  const where = config.keyStorage === 'keychain' ? 'your system keychain' : `a file only your user can read, in ${dataDir ?? 'Tandem’s data folder'}`;
  switch (config.keySource) {
    case 'keychain':
    case 'file':
      return `A key is saved in ${where}. Type a new one to replace it.`;
    case 'env':
      return `Using the key from the OPENAI_API_KEY environment variable. A key typed here is saved in ${where} and takes precedence.`;
    default:
      return `Saved in ${where}. Tandem never shows a saved key again.`;
  }
}

function TestResult({ result }: { result: ConnectionTestResult }) {
  const box = useRef<HTMLDivElement>(null);
  // The answer to a click: bring it into view even when the form is scrolled. (Braces matter: newer
  // Chromium returns a promise from scrollIntoView, which React would take for a cleanup function.)
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, [result]);
  const meta = [result.httpStatus ? `HTTP ${result.httpStatus}` : null, `${Math.round(result.latencyMs)} ms`].filter(Boolean).join(' · ');
  return (
    <div ref={box} className={result.ok ? 'callout callout-success' : 'callout callout-danger'} role="status" data-testid="connection-result" data-kind={result.kind}>
      <Icon name={result.ok ? 'check' : 'alert'} size={15} />
      <div className="callout-body">
        <span className="callout-title">{result.ok ? 'Connection works' : 'Connection failed'}</span>
        <span>{result.message}</span>
        <span className="faint">{meta}</span>
      </div>
    </div>
  );
}

export function ModelSection() {
  const config = useProvider((s) => s.config);
  if (!config) return <p className="muted">Loading…</p>;
  return (
    <>
      <ModelForm config={config} />
      <ContextWindowSettings model={config.model} />
    </>
  );
}

function ModelForm({ config }: { config: ProviderConfig }) {
  const stores = useStores();
  const local = useProvider((s) => s.local);
  const dataDir = useApp((s) => s.info?.dataDir ?? null);
  const [form, setForm] = useState<ProviderForm>(() => formFromConfig(config));
  const [errors, setErrors] = useState<FormErrors>({});
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | 'removeKey' | null>(null);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  /** The user asked to look for local servers (so "none found" is worth saying). */
  const [searched, setSearched] = useState(false);
  const modelsId = useId();
  const ready = isProviderReady(config);
  const dirty = isDirty(form, config);

  useEffect(() => {
    // First start: nothing set up yet, so look for a model server on this machine.
    if (!ready && local.status === 'idle') void stores.provider.getState().detectLocal();
  }, [ready, local.status, stores]);

  const change = (next: Partial<ProviderForm>) => {
    setForm((f) => ({ ...f, ...next }));
    setErrors({});
    setSaved(false);
    setFailure(null);
  };

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    const { draft, errors: found } = toDraft(form, config);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy('save');
    setFailure(null);
    try {
      const next = await stores.provider.getState().update(draft);
      setForm(formFromConfig(next));
      setSaved(true);
    } catch (err) {
      setFailure(describeError(err));
    } finally {
      setBusy(null);
    }
  };

  const test = async () => {
    const { draft, errors: found } = toDraft(form, config);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy('test');
    setResult(null);
    setFailure(null);
    try {
      setResult(await stores.provider.getState().test(draft));
    } catch (err) {
      setFailure(describeError(err));
    } finally {
      setBusy(null);
    }
  };

  const removeKey = async () => {
    setBusy('removeKey');
    try {
      await stores.provider.getState().update({ apiKey: null });
      setSaved(false);
    } catch (err) {
      setFailure(describeError(err));
    } finally {
      setBusy(null);
    }
  };

  const knownModels = local.servers.find((s) => s.baseUrl === form.baseUrl.trim())?.models ?? [];
  const storedKey = config.keySource === 'keychain' || config.keySource === 'file';

  return (
    <form className="settings-form" onSubmit={save} noValidate aria-label="Model provider">
      {local.servers.length > 0 && (
        <div className="callout local-offer">
          <Icon name="sparkle" size={15} />
          <div className="callout-body">
            <span className="callout-title">Found on this machine</span>
            <ul className="local-servers">
              {local.servers.map((server) => (
                <li key={server.baseUrl} className="local-server">
                  <span className="local-server-text">
                    <strong>{server.name}</strong> at <span className="mono">{server.baseUrl}</span>
                    {server.models.length > 0 && <span className="faint"> · {server.models.length === 1 ? server.models[0] : `${server.models.length} models`}</span>}
                  </span>
                  <Button size="sm" onClick={() => change(withLocalServer(form, server))}>
                    Use {server.name}
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}

      <Field label="Provider">
        {({ id }) => (
          <Segmented
            id={id}
            label="Provider"
            value={form.kind}
            onChange={(kind) => change(withKind(form, kind))}
            options={[
              { value: 'openai', label: 'OpenAI' },
              { value: 'compatible', label: 'OpenAI-compatible server' },
            ]}
          />
        )}
      </Field>

      {form.kind === 'compatible' && (
        <Field
          label="Base URL"
          error={errors.baseUrl}
          hint={
            config.baseUrlFromEnv && form.baseUrl.trim() === config.baseUrl
              ? 'From the OPENAI_BASE_URL environment variable.'
              : 'Usually ends in /v1. Ollama uses port 11434, LM Studio 1234.'
          }
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input mono"
              value={form.baseUrl}
              onChange={(e) => change({ baseUrl: e.target.value })}
              placeholder="http://127.0.0.1:11434/v1"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              spellCheck={false}
              autoComplete="off"
              inputMode="url"
            />
          )}
        </Field>
      )}

      <Field
        label={form.kind === 'openai' ? 'API key' : 'API key (optional)'}
        error={errors.apiKey}
        hint={form.kind === 'openai' ? keyStatus(config, dataDir) : `Leave empty for servers that need no key. ${storedKey || config.keySource === 'env' ? keyStatus(config, dataDir) : ''}`}
      >
        {({ id, describedBy, invalid }) => (
          <div className="input-row">
            <input
              id={id}
              className="input mono"
              type="password"
              value={form.apiKey}
              onChange={(e) => change({ apiKey: e.target.value })}
              placeholder={storedKey ? '•••••••• saved' : config.keySource === 'env' ? 'Using OPENAI_API_KEY' : 'sk-…'}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              autoComplete="off"
              spellCheck={false}
            />
            {storedKey && (
              <Button variant="danger" busy={busy === 'removeKey'} onClick={() => void removeKey()}>
                Remove key
              </Button>
            )}
          </div>
        )}
      </Field>

      <Field label="Model" error={errors.model} hint={form.kind === 'openai' ? 'The model’s id, like gpt-5.1.' : 'The model’s id as the server names it, like llama3.2 or qwen2.5-coder.'}>
        {({ id, describedBy, invalid }) => (
          <>
            <input
              id={id}
              className="input mono"
              value={form.model}
              onChange={(e) => change({ model: e.target.value })}
              list={knownModels.length ? modelsId : undefined}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              spellCheck={false}
              autoComplete="off"
            />
            {knownModels.length > 0 && (
              <datalist id={modelsId}>
                {knownModels.map((m) => (
                  <option key={m} value={m} />
                ))}
              </datalist>
            )}
          </>
        )}
      </Field>

      <Field label="API" hint="OpenAI: Responses. Most local servers (Ollama, LM Studio, vLLM): Chat Completions.">
        {({ id, describedBy }) => (
          <Segmented
            id={id}
            describedBy={describedBy}
            label="API"
            value={form.wireApi}
            onChange={(wireApi) => change({ wireApi })}
            options={[
              { value: 'responses', label: 'Responses' },
              { value: 'chat', label: 'Chat Completions' },
            ]}
          />
        )}
      </Field>

      <div className="settings-actions">
        <Button type="submit" variant="primary" busy={busy === 'save'} disabled={!dirty}>
          Save
        </Button>
        <Button busy={busy === 'test'} icon="refresh" onClick={() => void test()}>
          Test connection
        </Button>
        {saved && !dirty && (
          <span className="settings-saved" role="status">
            <Icon name="check" size={14} /> Saved
          </span>
        )}
        {form.kind === 'compatible' && (
          <Button
            variant="ghost"
            size="sm"
            className="settings-actions-end"
            busy={local.status === 'loading'}
            onClick={() => {
              setSearched(true);
              void stores.provider.getState().detectLocal();
            }}
          >
            Find local servers
          </Button>
        )}
      </div>
      {searched && form.kind === 'compatible' && local.status === 'ready' && local.servers.length === 0 && (
        <p className="field-hint">No Ollama (port 11434) or LM Studio (port 1234) server answered on this machine.</p>
      )}
      {failure && (
        <div className="callout callout-danger" role="alert">
          <Icon name="alert" size={15} />
          <div className="callout-body">{failure}</div>
        </div>
      )}
      {result && <TestResult result={result} />}
    </form>
  );
}
