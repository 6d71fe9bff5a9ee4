/**
 * Settings → Model, under the provider: the saved model's context window and when Tandem compacts the
 * conversation. Starts from what the core knows (the user's setting, Tandem's table, or the default for
 * unknown models) and says which; "Use the known value" drops the setting.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { ModelContextWindow } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useStores } from '../../stores/react';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { formatTokens } from './format';

const SOURCE: Record<ModelContextWindow['source'], string> = {
  setting: 'set by you',
  known: 'known for this model',
  default: 'Tandem does not know this model: a cautious default',
};

export function ContextWindowSettings({ model }: { model: string }) {
  const { client } = useStores();
  const [current, setCurrent] = useState<ModelContextWindow | null>(null);
  const [tokens, setTokens] = useState('');
  const [percent, setPercent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (value: ModelContextWindow) => {
    setCurrent(value);
    setTokens(String(value.contextWindow));
    setPercent(String(Math.round(value.threshold * 100)));
  };

  useEffect(() => {
    let live = true;
    client
      .invoke('model.contextWindow.get', { model })
      .then((value) => live && show(value))
      .catch((err: unknown) => live && setError(describeError(err)));
    return () => {
      live = false;
    };
  }, [client, model]);

  const write = async (contextWindow: number | null, threshold: number | null) => {
    setBusy(true);
    setError(null);
    try {
      show(await client.invoke('model.contextWindow.set', { model, contextWindow, threshold }));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    const windowTokens = Number(tokens.replace(/[\s,_]/g, ''));
    const share = Number(percent) / 100;
    if (!Number.isInteger(windowTokens) || windowTokens <= 0) return setError('Enter the context window as a whole number of tokens, like 128000.');
    if (!Number.isFinite(share)) return setError('Enter the threshold as a percentage, like 90.');
    void write(windowTokens, share);
  };

  if (!current) return error ? <p className="field-error">{error}</p> : null;
  const dirty = tokens !== String(current.contextWindow) || percent !== String(Math.round(current.threshold * 100));
  return (
    <form className="settings-form" onSubmit={save} noValidate aria-label="Context window">
      <Field
        label={`Context window of ${model} (tokens)`}
        hint={`${formatTokens(current.contextWindow)} tokens — ${SOURCE[current.source]}. Set what your server actually allows (local servers often run smaller windows than the model supports).`}
      >
        {({ id, describedBy }) => <input id={id} className="input mono" inputMode="numeric" value={tokens} onChange={(e) => setTokens(e.target.value)} aria-describedby={describedBy} />}
      </Field>
      <Field label="Compact the conversation at (% of the window)" hint="When the next request would pass this share of the window, a handoff summary replaces the older history. The rest is room for the reply.">
        {({ id, describedBy }) => <input id={id} className="input mono" inputMode="numeric" value={percent} onChange={(e) => setPercent(e.target.value)} aria-describedby={describedBy} />}
      </Field>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="settings-actions">
        <Button type="submit" busy={busy} disabled={!dirty}>
          Save context window
        </Button>
        {current.source === 'setting' && (
          <Button variant="ghost" size="sm" onClick={() => void write(null, null)}>
            Use the known value
          </Button>
        )}
      </div>
    </form>
  );
}
