import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app';
import { FileKeychain } from '../../../electron/core/secrets/file-keychain';
import { makeTempDir } from '../../support/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let core: Core;
const ctx = { clientId: 'test' };

beforeEach(() => {
  tmp = makeTempDir();
  core = createCore({ dataDir: tmp.dir, version: '0.0.0-test', env: {}, platform: { mode: 'web', keychain: new FileKeychain(tmp.dir), hotkey: null } });
});
afterEach(async () => {
  await core.dispose();
  tmp.cleanup();
});

describe('Router', () => {
  it('answers a valid call', async () => {
    const r = await core.router.dispatch('app.info', {}, ctx);
    expect(r).toMatchObject({ ok: true, result: { name: 'Tandem', version: '0.0.0-test', mode: 'web' } });
  });

  it.each([
    ['a misspelled method', 'app.infoo'],
    ['a prototype key', '__proto__'],
    ['toString', 'toString'],
    ['a number', 42],
    ['null', null],
  ])('gives unknown_method for %s', async (_label, method) => {
    const r = await core.router.dispatch(method, {}, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it.each([
    ['wrong type', 'settings.update', { fontSize: 'big' }, 'fontSize'],
    ['out of range', 'settings.update', { fontSize: 400 }, 'fontSize'],
    ['unknown key', 'settings.update', { colour: 'red' }, ''],
    ['not an object', 'threads.rename', 'hello', ''],
    ['empty title', 'threads.rename', { id: 'x', title: '   ' }, 'title'],
    ['bad accelerator', 'hotkey.set', { accelerator: 'Space' }, 'accelerator'],
    ['bad URL', 'provider.update', { baseUrl: 'ftp://x' }, 'baseUrl'],
  ])('gives a typed invalid_input error for %s', async (_label, method, input, path) => {
    const r = await core.router.dispatch(method, input, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.message).toContain(`Invalid input for ${method}`);
    expect(r.error.issues?.length).toBeGreaterThan(0);
    if (path) expect(r.error.issues?.[0]?.path).toBe(path);
  });

  it('treats a missing input as {} for methods that take none', async () => {
    expect((await core.router.dispatch('settings.get', undefined, ctx)).ok).toBe(true);
  });

  it('turns a handler error into a typed error, and keeps serving', async () => {
    const r = await core.router.dispatch('threads.get', { id: 'nope' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await core.router.dispatch('app.info', {}, ctx)).ok).toBe(true);
  });

  it('reports that the hotkey is unavailable in web mode', async () => {
    const r = await core.router.dispatch('hotkey.set', { accelerator: 'CommandOrControl+Shift+K' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});

describe('core services through the router', () => {
  it('settings merge defaults, persist and broadcast', async () => {
    const seen: unknown[] = [];
    core.events.subscribe((event, payload) => event === 'settings.changed' && seen.push(payload));
    const r = await core.router.dispatch('settings.update', { theme: 'dark' }, ctx);
    expect(r).toMatchObject({ ok: true, result: { theme: 'dark', fontSize: 13 } });
    expect(seen).toEqual([expect.objectContaining({ theme: 'dark' })]);
    expect(await core.router.dispatch('settings.get', {}, ctx)).toMatchObject({ result: { theme: 'dark' } });
  });

  it('pause is stored and broadcast', async () => {
    const seen: unknown[] = [];
    core.events.subscribe((event, payload) => seen.push([event, payload]));
    await core.router.dispatch('app.setPaused', { paused: true }, ctx);
    expect(seen).toEqual([['app.paused', { paused: true }]]);
    expect(await core.router.dispatch('app.info', {}, ctx)).toMatchObject({ result: { paused: true } });
  });

  it('workspaces: a real folder is added once; a missing one or a file is refused clearly', async () => {
    const added = await core.router.dispatch('workspaces.add', { path: tmp.dir }, ctx);
    expect(added).toMatchObject({ ok: true, result: { isGit: false } });
    const again = await core.router.dispatch('workspaces.add', { path: tmp.dir }, ctx);
    expect(again.ok && added.ok && (again.result as { id: string }).id === (added.result as { id: string }).id).toBe(true);
    expect(await core.router.dispatch('workspaces.add', { path: '/definitely/not/here' }, ctx)).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('/definitely/not/here') } });
    expect(await core.router.dispatch('workspaces.add', { path: 'relative/path' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('threads: create, rename, archive, get', async () => {
    const created = await core.router.dispatch('threads.create', {}, ctx);
    if (!created.ok) throw new Error('create failed');
    const id = (created.result as { id: string }).id;
    expect(await core.router.dispatch('threads.rename', { id, title: 'Fix the flaky test' }, ctx)).toMatchObject({ ok: true, result: { title: 'Fix the flaky test' } });
    expect(await core.router.dispatch('threads.archive', { id }, ctx)).toMatchObject({ ok: true, result: { archived: true } });
    expect(await core.router.dispatch('threads.list', {}, ctx)).toMatchObject({ ok: true, result: [] });
    expect(await core.router.dispatch('threads.get', { id }, ctx)).toMatchObject({ ok: true, result: { thread: { id }, items: [] } });
    expect(await core.router.dispatch('threads.create', { workspaceId: 'missing' }, ctx)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('provider: the key is stored in the keychain file (0600), never returned, and env is honoured', async () => {
    await core.dispose();
    core = createCore({
      dataDir: tmp.dir,
      version: 't',
      env: { OPENAI_API_KEY: 'sk-env', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
      platform: { mode: 'web', keychain: new FileKeychain(tmp.dir), hotkey: null },
    });
    expect(await core.router.dispatch('provider.get', {}, ctx)).toMatchObject({
      ok: true,
      result: { kind: 'compatible', baseUrl: 'http://127.0.0.1:9/v1', baseUrlFromEnv: true, hasKey: true, keySource: 'env', wireApi: 'chat', keyStorage: 'file' },
    });
    const updated = await core.router.dispatch('provider.update', { kind: 'openai', baseUrl: null, model: 'gpt-test', wireApi: 'responses', apiKey: 'sk-typed-in-settings' }, ctx);
    expect(updated).toMatchObject({ ok: true, result: { kind: 'openai', model: 'gpt-test', hasKey: true, keySource: 'file' } });
    expect(JSON.stringify(updated)).not.toContain('sk-typed');
    const { statSync, readFileSync } = await import('node:fs');
    const file = `${tmp.dir}/secrets/openai-api-key`;
    expect(readFileSync(file, 'utf8')).toBe('sk-typed-in-settings');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(core.store.settings.all())).not.toContain('sk-typed');
    await core.router.dispatch('provider.update', { apiKey: null }, ctx);
    expect(await core.router.dispatch('provider.get', {}, ctx)).toMatchObject({ result: { keySource: 'env' } });
  });
});
