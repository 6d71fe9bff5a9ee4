/**
 * `tandem serve`: the core in plain Node plus the web server. Prints the URL (with its one-time token)
 * and runs until SIGINT/SIGTERM, then disposes everything it started.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../app';
import { defaultDataDir } from '../data-dir';
import { FileKeychain } from '../secrets/file-keychain';
import { StoreError } from '../store';
import { startWebServer } from '../transport/web-server';
import type { CommandIO } from '../cli-io';

export const SERVE_HELP = `Usage: tandem serve [--port N] [--data-dir DIR]

Serves Tandem's UI to a browser on 127.0.0.1 (loopback only). Open the printed
URL once: it carries a per-start token that the page trades for a cookie.
Over SSH: ssh -L 8765:127.0.0.1:8765 host 'tandem serve --port 8765'.

Options:
  --port N          port to listen on (default: a free one)
  --data-dir DIR    where threads and settings live (default: $TANDEM_DATA_DIR,
                    else the desktop app's data folder)
  -h, --help        show this help

Environment: OPENAI_API_KEY, OPENAI_BASE_URL (used when Settings has no key or URL).`;

export interface ServeOptions {
  staticDir: string;
  version: string;
  /** Resolves when the process should stop; defaults to SIGINT/SIGTERM. */
  untilStopped?: Promise<void>;
}

export async function runServeCommand(args: string[], io: CommandIO, opts: ServeOptions): Promise<number> {
  let values: { port?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (err) {
    io.stderr.write(`tandem serve: ${(err as Error).message}\n\n${SERVE_HELP}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${SERVE_HELP}\n`);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr.write(`tandem serve: --port must be a number from 0 to 65535 (got "${values.port}")\n`);
    return 2;
  }
  const dataDir = values['data-dir'] ? path.resolve(io.cwd, values['data-dir']) : defaultDataDir(io.env);

  let core;
  try {
    core = createCore({ dataDir, version: opts.version, env: io.env, platform: { mode: 'web', keychain: new FileKeychain(dataDir), hotkey: null } });
  } catch (err) {
    io.stderr.write(`tandem serve: ${err instanceof StoreError ? err.message : (err as Error).stack ?? String(err)}\n`);
    return 1;
  }
  for (const notice of core.notices) io.stderr.write(`Note: ${notice}\n`);

  let server;
  try {
    server = await startWebServer({ router: core.router, events: core.events, clients: core.clients, staticDir: opts.staticDir, port });
  } catch (err) {
    io.stderr.write(`tandem serve: ${(err as Error).message}\n`);
    await core.dispose();
    return 1;
  }

  io.stdout.write(`Tandem is running at ${server.url}\n`);
  io.stdout.write(`Data: ${dataDir}\nPress Ctrl+C to stop.\n`);

  await (opts.untilStopped ?? untilSignal());
  await server.close();
  await core.dispose();
  return 0;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
