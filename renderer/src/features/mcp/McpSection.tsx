/**
 * Settings → MCP servers: the user's servers and the chosen repository's (`.mcp.json`), each with where it
 * stands (connected with n tools, failed and why, not enabled yet, not started), and what can be done
 * about it: connect or restart, remove a user server, enable a repository server (it runs that
 * repository's code, so it starts only once enabled), and add a user server.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { McpServerConfig, McpServerList, McpServerStatus } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useStores, useThreads, useUi, useWorkspaces } from '../../stores/react';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { Segmented } from '../../ui/Segmented';
import { EMPTY_MCP_FORM, toServerEntry, type McpFormErrors, type McpServerForm } from './mcp-form';
import './mcp.css';

export function McpSection() {
  const { client } = useStores();
  const workspaces = useWorkspaces((s) => s.list);
  // The repository picker starts at the selected thread's workspace.
  const selectedThread = useUi((s) => s.selectedThreadId);
  const selectedWorkspace = useThreads((s) => (selectedThread ? (s.byId[selectedThread]?.workspaceId ?? null) : null));
  const initialWorkspace = selectedWorkspace ?? workspaces[0]?.id ?? null;
  const [chosen, setWorkspaceId] = useState<string | null | undefined>(undefined);
  // Until the user picks one, follow the selected thread's workspace (the lists may still be loading).
  const workspaceId = chosen === undefined ? initialWorkspace : chosen;
  const [list, setList] = useState<McpServerList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setList(await client.invoke('mcp.list', workspaceId ? { workspaceId } : {}));
    } catch (err) {
      setError(describeError(err));
    }
  }, [client, workspaceId]);

  useEffect(() => {
    void refresh();
    return client.on('mcp.changed', () => void refresh());
  }, [client, refresh]);

  const act = async (key: string, run: () => Promise<McpServerList>) => {
    setBusy(key);
    setError(null);
    try {
      setList(await run());
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  };
  const ws = workspaceId ? { workspaceId } : {};

  return (
    <div className="settings-form mcp-settings">
      <p className="settings-row-hint">
        Tools from Model Context Protocol servers, offered to the agent in every thread. Calls are shown in the thread and asked about like
        commands; tools a server marks read-only run without asking under the default policy.
      </p>

      {workspaces.length > 0 && (
        <Field label="Repository" hint="Its .mcp.json (at the folder’s root) lists the repository’s servers.">
          {({ id, describedBy }) => (
            <select id={id} className="input" aria-describedby={describedBy} value={workspaceId ?? ''} onChange={(e) => setWorkspaceId(e.target.value || null)}>
              <option value="">None (user servers only)</option>
              {workspaces.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}

      {list?.problems.map((p) => (
        <div key={`${p.file}:${p.message}`} className="callout callout-warning" role="note">
          <Icon name="alert" size={15} />
          <div className="callout-body">
            <span className="mono">{p.file}</span>
            <span>{p.message}</span>
          </div>
        </div>
      ))}

      {!list ? (
        <p className="muted">Loading…</p>
      ) : list.servers.length === 0 ? (
        <p className="muted">No MCP servers yet. Add one below, or put a .mcp.json at a repository’s root.</p>
      ) : (
        <ul className="mcp-servers" aria-label="MCP servers">
          {list.servers.map((server) => (
            <ServerRow
              key={`${server.scope}:${server.name}`}
              server={server}
              busy={busy}
              onConnect={() => void act(`connect:${server.scope}:${server.name}`, () => client.invoke('mcp.connect', { name: server.name, scope: server.scope, ...ws }))}
              onRemove={() => void act(`remove:${server.name}`, () => client.invoke('mcp.removeUserServer', { name: server.name, ...ws }))}
              onEnable={(enabled) =>
                workspaceId && void act(`enable:${server.name}`, () => client.invoke('mcp.setRepoServerEnabled', { workspaceId, name: server.name, enabled }))
              }
            />
          ))}
        </ul>
      )}

      {error && (
        <div className="callout callout-danger" role="alert">
          <Icon name="alert" size={15} />
          <div className="callout-body">{error}</div>
        </div>
      )}

      <AddServerForm onAdd={(name, config) => client.invoke('mcp.addUserServer', { name, config, ...ws }).then(setList)} />
    </div>
  );
}

function stateLine(server: McpServerStatus): { text: string; tone: string } {
  switch (server.state) {
    case 'connected':
      return { text: `Connected · ${server.tools.length} tool${server.tools.length === 1 ? '' : 's'}`, tone: 'is-ok' };
    case 'failed':
      return { text: 'Failed', tone: 'is-failed' };
    case 'starting':
      return { text: 'Starting…', tone: 'is-running' };
    case 'disabled':
      return { text: server.changedSinceEnabled ? 'Changed — enable again' : 'Not enabled', tone: 'is-declined' };
    default:
      return { text: 'Starts with the next turn', tone: 'is-idle' };
  }
}

function ServerRow({
  server,
  busy,
  onConnect,
  onRemove,
  onEnable,
}: {
  server: McpServerStatus;
  busy: string | null;
  onConnect(): void;
  onRemove(): void;
  onEnable(enabled: boolean): void;
}) {
  const state = stateLine(server);
  return (
    <li className={`mcp-server ${state.tone}`} aria-label={`MCP server ${server.name}`}>
      <div className="mcp-server-head">
        <span className={`mcp-dot ${state.tone}`} aria-hidden="true" />
        <strong className="mcp-server-name">{server.name}</strong>
        <span className="mcp-tag">{server.scope === 'user' ? 'user' : '.mcp.json'}</span>
        <span className="mcp-tag">{server.transport}</span>
        <span className="mcp-server-state" data-testid="mcp-state">
          {state.text}
        </span>
        <span className="mcp-server-actions">
          {server.state === 'disabled' ? (
            <Button size="sm" variant="primary" busy={busy === `enable:${server.name}`} onClick={() => onEnable(true)}>
              Enable
            </Button>
          ) : (
            <Button size="sm" icon="refresh" busy={busy === `connect:${server.scope}:${server.name}`} onClick={onConnect}>
              {server.state === 'connected' || server.state === 'failed' ? 'Restart' : 'Connect'}
            </Button>
          )}
          {server.scope === 'repo' && server.state !== 'disabled' && (
            <Button size="sm" variant="ghost" busy={busy === `enable:${server.name}`} onClick={() => onEnable(false)}>
              Disable
            </Button>
          )}
          {server.scope === 'user' && (
            <Button size="sm" variant="ghost" busy={busy === `remove:${server.name}`} onClick={onRemove} aria-label={`Remove ${server.name}`}>
              Remove
            </Button>
          )}
        </span>
      </div>
      <p className="mcp-server-target mono truncate" title={server.target}>
        {server.target}
      </p>
      {server.error && <pre className={server.state === 'failed' ? 'mcp-server-error is-failed' : 'mcp-server-error'}>{server.error}</pre>}
      {server.tools.length > 0 && (
        <details className="mcp-tools">
          <summary>Tools</summary>
          <ul>
            {server.tools.map((t) => (
              <li key={t.name}>
                <code className="md-code">{t.name}</code>
                {t.readOnly && <span className="mcp-tag">read-only</span>}
                {t.description && <span className="muted"> — {t.description}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

type ControlIds = { id: string; describedBy: string | undefined; invalid: boolean };

function AddServerForm({ onAdd }: { onAdd(name: string, config: McpServerConfig): Promise<unknown> }) {
  const [form, setForm] = useState<McpServerForm>(EMPTY_MCP_FORM);
  const [errors, setErrors] = useState<McpFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (next: Partial<McpServerForm>) => {
    setForm((f) => ({ ...f, ...next }));
    setErrors({});
    setFailure(null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const entry = toServerEntry(form);
    if ('errors' in entry) {
      setErrors(entry.errors);
      return;
    }
    setBusy(true);
    try {
      await onAdd(entry.name, entry.config);
      setForm(EMPTY_MCP_FORM);
    } catch (err) {
      setFailure(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const input =
    (key: Exclude<keyof McpServerForm, 'kind'>, placeholder: string, mono = true) =>
    ({ id, describedBy, invalid }: ControlIds) => (
        <input
          id={id}
          className={mono ? 'input mono' : 'input'}
          value={form[key]}
          placeholder={placeholder}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => change({ [key]: e.target.value })}
        />
      );
  const lines =
    (key: 'env' | 'headers', placeholder: string) =>
    ({ id, describedBy, invalid }: ControlIds) => (
        <textarea
          id={id}
          className="input mono"
          rows={2}
          value={form[key]}
          placeholder={placeholder}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          spellCheck={false}
          onChange={(e) => change({ [key]: e.target.value })}
        />
      );
  return (
    <form className="mcp-add" onSubmit={(e) => void submit(e)} noValidate aria-label="Add an MCP server">
      <h3 className="settings-row-title">Add a server</h3>
      <div className="mcp-add-row">
        <Field label="Name" error={errors.name} className="mcp-add-name">
          {input('name', 'github', false)}
        </Field>
        <Field label="Transport">
          {({ id }) => (
            <Segmented
              id={id}
              label="Transport"
              value={form.kind}
              onChange={(kind) => change({ kind })}
              options={[
                { value: 'stdio', label: 'Command' },
                { value: 'http', label: 'HTTP' },
              ]}
            />
          )}
        </Field>
      </div>
      {form.kind === 'stdio' ? (
        <>
          <Field label="Command" error={errors.command} hint="Runs on this machine, outside the sandbox, with your user’s rights.">
            {input('command', 'npx')}
          </Field>
          <Field label="Arguments" error={errors.args}>
            {input('args', '-y @modelcontextprotocol/server-github')}
          </Field>
          <Field label="Environment" error={errors.env} hint="One NAME=value per line. ${VAR} takes a value from Tandem’s environment.">
            {lines('env', 'GITHUB_TOKEN=${GITHUB_TOKEN}')}
          </Field>
        </>
      ) : (
        <>
          <Field label="URL" error={errors.url} hint="A streamable HTTP endpoint.">
            {input('url', 'https://example.com/mcp')}
          </Field>
          <Field label="Headers" error={errors.headers} hint="One Name: value per line.">
            {lines('headers', 'Authorization: Bearer ${API_TOKEN}')}
          </Field>
        </>
      )}
      <div className="settings-actions">
        <Button type="submit" variant="primary" icon="plus" busy={busy}>
          Add server
        </Button>
      </div>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
