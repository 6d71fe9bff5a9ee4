/**
 * Settings → Privacy & context: the pause, which context Tandem may collect, what it never looks at
 * (built-in and the user's own exclusions), and the ledger — every request that carried context to a
 * model, with exactly what went out — which can be exported as JSON or cleared.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { CONTEXT_PROVIDER_IDS, type ContextProviderId, type ContextSettings, type ContextSettingsPatch, type LedgerEntry } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useApp, useStores } from '../../stores/react';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { Switch } from '../../ui/Switch';
import './context.css';

const PROVIDER_LABELS: Record<ContextProviderId, string> = {
  activeWindow: 'The window in front (app, title, page or file)',
  selection: 'The selection',
  clipboard: 'The clipboard',
  terminal: 'Recent terminal commands and their output',
  git: 'The state of the repo in focus',
  screenshot: 'Screenshots (only ever taken when you add one)',
};

export function PrivacySection() {
  const { client, app } = useStores();
  const paused = useApp((s) => s.paused);
  const [settings, setSettings] = useState<ContextSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [entry, setEntry] = useState('');

  useEffect(() => {
    let live = true;
    client.invoke('context.settings.get', {}).then(
      (s) => live && setSettings(s),
      (err: unknown) => live && setError(describeError(err)),
    );
    const off = client.on('context.settings.changed', (s) => setSettings(s));
    return () => {
      live = false;
      off();
    };
  }, [client]);

  const update = async (patch: ContextSettingsPatch) => {
    setError(null);
    try {
      setSettings(await client.invoke('context.settings.update', patch));
      return true;
    } catch (err) {
      setError(describeError(err));
      return false;
    }
  };

  const addExclusion = async (e: FormEvent) => {
    e.preventDefault();
    const value = entry.trim();
    if (!value || !settings) return;
    if (settings.excludedApps.some((x) => x.toLowerCase() === value.toLowerCase())) {
      setError(`“${value}” is already excluded.`);
      return;
    }
    if (await update({ excludedApps: [...settings.excludedApps, value] })) setEntry('');
  };

  return (
    <div className="settings-form">
      <div className="settings-row">
        <div className="settings-row-text">
          <label className="settings-row-title" htmlFor="privacy-pause">
            Pause Tandem
          </label>
          <span className="settings-row-hint" id="privacy-pause-hint">
            No watching and no context taken unasked until you resume. Quick ask still collects context when you open it.
          </span>
        </div>
        <Switch id="privacy-pause" describedBy="privacy-pause-hint" checked={paused} onChange={(p) => void app.getState().setPaused(p)} />
      </div>

      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}

      {settings && (
        <>
          <h3 className="settings-row-title">Context Tandem may collect</h3>
          {CONTEXT_PROVIDER_IDS.map((id) => (
            <div className="settings-row" key={id}>
              <div className="settings-row-text">
                <span className="settings-row-hint">{PROVIDER_LABELS[id]}</span>
              </div>
              <Switch label={PROVIDER_LABELS[id]} checked={settings.providers[id]} onChange={(on) => void update({ providers: { [id]: on } })} />
            </div>
          ))}

          <h3 className="settings-row-title">Never look at</h3>
          {settings.builtinExclusions.map((rule) => (
            <div className="settings-row" key={rule.id}>
              <div className="settings-row-text">
                <span className="settings-row-hint">{rule.label}</span>
              </div>
              <Switch label={`Exclude ${rule.label}`} checked={rule.enabled} onChange={(on) => void update({ builtinExclusions: { [rule.id]: on } })} />
            </div>
          ))}
          <ul className="exclusion-list" aria-label="Your exclusions">
            {settings.excludedApps.map((app) => (
              <li key={app} className="context-chip" data-kind="exclusion">
                <span className="context-chip-label">{app}</span>
                <button
                  type="button"
                  className="context-chip-remove"
                  aria-label={`Stop excluding ${app}`}
                  onClick={() => void update({ excludedApps: settings.excludedApps.filter((x) => x !== app) })}
                >
                  <Icon name="close" size={11} />
                </button>
              </li>
            ))}
          </ul>
          <form className="settings-actions" onSubmit={(e) => void addExclusion(e)}>
            <input
              className="input"
              value={entry}
              onChange={(e) => setEntry(e.target.value)}
              placeholder="An app (e.g. signal, *vault*) or title:Some text"
              aria-label="Exclude an app or a window title"
            />
            <Button type="submit" size="sm" disabled={!entry.trim()}>
              Exclude
            </Button>
          </form>
        </>
      )}

      <LedgerView />
    </div>
  );
}

/** What went out with each request to a model, newest first. */
export function LedgerView() {
  const { client } = useStores();
  const [entries, setEntries] = useState<LedgerEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const load = useCallback(() => {
    client.invoke('ledger.list', { limit: 200 }).then(setEntries, (err: unknown) => setError(describeError(err)));
  }, [client]);

  useEffect(() => {
    load();
    const offs = [client.on('ledger.recorded', (e) => setEntries((list) => [e, ...(list ?? []).filter((x) => x.id !== e.id)])), client.on('ledger.cleared', () => setEntries([]))];
    return () => offs.forEach((f) => f());
  }, [client, load]);

  const exportJson = async () => {
    setError(null);
    try {
      const { fileName, json } = await client.invoke('ledger.export', {});
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      setError(describeError(err));
    }
  };

  const clear = async () => {
    setConfirming(false);
    try {
      await client.invoke('ledger.clear', {});
      setEntries([]);
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <section className="ledger" aria-label="Ledger">
      <div className="settings-row">
        <div className="settings-row-text">
          <h3 className="settings-row-title">Ledger</h3>
          <span className="settings-row-hint">Every request sent to a model and the context that went with it, exactly as sent. Kept on this machine only.</span>
        </div>
      </div>
      <div className="settings-actions">
        <Button size="sm" icon="file" onClick={() => void exportJson()} disabled={!entries?.length}>
          Export JSON
        </Button>
        {confirming ? (
          <>
            <Button size="sm" variant="danger" onClick={() => void clear()}>
              Clear {entries?.length ?? 0} entries
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </>
        ) : (
          <Button size="sm" variant="ghost" icon="trash" onClick={() => setConfirming(true)} disabled={!entries?.length}>
            Clear…
          </Button>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {entries && entries.length === 0 && <p className="settings-row-hint">Nothing has been sent yet.</p>}
      {entries && entries.length > 0 && (
        <ul className="ledger-list">
          {entries.map((e) => (
            <li key={e.id}>
              <details className="ledger-entry">
                <summary>
                  <span>{e.purpose}</span>
                  <span className="mono">{e.model}</span>
                  <span className="ledger-entry-meta">
                    {e.context.length} part{e.context.length === 1 ? '' : 's'} · {e.chars.toLocaleString()} chars · {new Date(e.createdAt).toLocaleString()}
                  </span>
                </summary>
                <ul className="ledger-parts">
                  {e.context.map((part, i) => (
                    <li key={i} className="ledger-part">
                      <div className="ledger-part-head">
                        <span className="ledger-part-kind">{part.kind}</span>
                        <span className="truncate">{part.label}</span>
                        <span>{part.chars.toLocaleString()} chars</span>
                        {!!part.redactions && <span>{part.redactions} redacted</span>}
                      </div>
                      {part.text !== undefined && <pre>{part.text}</pre>}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
