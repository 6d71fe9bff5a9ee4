/**
 * Test harness for terminals: builds the real pty host from source (so tests never run a stale
 * out/), starts a real TerminalsService against it, records every event, and reads a terminal's output
 * back in stream order the way a client would (acking as it goes, unless told not to).
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventName, EventPayload, TerminalCommand, TerminalInfo } from '../../../../shared/contract';
import { forkPtyHost } from '../../../../electron/core/terminals/host-channel';
import { TerminalsService, type CreateTerminalInput } from '../../../../electron/core/terminals/terminals-service';
import { ClientRegistry } from '../../../../electron/core/transport/clients';
import { EventBus } from '../../../../electron/core/transport/event-bus';

const root = path.resolve(import.meta.dirname, '../../../..');
let built: Promise<string> | null = null;

/**
 * Bundles electron/core/terminals/pty-host.ts inside node_modules (so `require('node-pty')` resolves),
 * named by its content: parallel test files share one file, and a changed source gets a new one.
 */
export function buildPtyHost(): Promise<string> {
  built ??= (async () => {
    const dir = path.join(root, 'node_modules', '.cache', 'tandem-test');
    fs.mkdirSync(dir, { recursive: true });
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['electron/core/terminals/pty-host.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['node-pty'],
      logLevel: 'warning',
      write: false,
      outfile: 'pty-host.cjs',
    });
    const code = result.outputFiles[0]!.text;
    const outfile = path.join(dir, `pty-host-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`);
    if (!fs.existsSync(outfile)) {
      const tmp = `${outfile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, code);
      fs.renameSync(tmp, outfile);
    }
    // Builds of older sources are of no further use.
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (/^pty-host-.*\.cjs$/.test(name) && file !== outfile && Date.now() - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file, { force: true });
    }
    return outfile;
  })();
  return built;
}

export interface RecordedEvent {
  event: EventName;
  payload: unknown;
}

export interface Harness {
  service: TerminalsService;
  /** Connected clients, as a transport reports them. */
  clients: ClientRegistry;
  events: RecordedEvent[];
  /** Anything a client would have noticed as broken (e.g. a gap or overlap in the stream). */
  problems: string[];
  home: string;
  /** A bash terminal with an empty home (no rc files) unless told otherwise. */
  create(input?: Partial<CreateTerminalInput>): Promise<TerminalInfo>;
  /** Everything the terminal has printed so far, in stream order. */
  output(id: string): string;
  /** Waits until `predicate(output)` holds. */
  waitForOutput(id: string, predicate: (out: string) => boolean, timeoutMs?: number): Promise<string>;
  waitForEvent<E extends EventName>(event: E, match: (p: EventPayload<E>) => boolean, timeoutMs?: number): Promise<EventPayload<E>>;
  waitForCommand(id: string, match: (c: TerminalCommand) => boolean, timeoutMs?: number): Promise<TerminalCommand>;
  /** Waits until the shell has shown its first integrated prompt. */
  waitForPrompt(id: string, timeoutMs?: number): Promise<void>;
  /** Stop acknowledging output for `id` (a client that fell behind). */
  setAutoAck(on: boolean): void;
  dispose(): Promise<void>;
}

export const CLIENT = 'test-client';

export interface HarnessOptions {
  /** Keep every chunk for `output()` (default). Off for floods: use `onData` instead. */
  storeOutput?: boolean;
  onData?: (id: string, data: string) => void;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const storeOutput = options.storeOutput ?? true;
  const entry = await buildPtyHost();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-term-home-'));
  const bus = new EventBus();
  const events: RecordedEvent[] = [];
  const problems: string[] = [];
  const chunks = new Map<string, string[]>();
  const ends = new Map<string, number>();
  let autoAck = true;
  const clients = new ClientRegistry();
  clients.connected(CLIENT);
  const service = new TerminalsService({ events: bus, clients, launcher: forkPtyHost({ entry }), homeDir: home });

  bus.subscribe((event, payload) => {
    if (event === 'terminal.data') {
      const { id, data, offset } = payload as EventPayload<'terminal.data'>;
      const end = ends.get(id) ?? 0;
      if (offset !== end) problems.push(`terminal.data out of order for ${id}: expected offset ${end}, got ${offset}`);
      ends.set(id, offset + data.length);
      options.onData?.(id, data);
      if (storeOutput) {
        let list = chunks.get(id);
        if (!list) chunks.set(id, (list = []));
        list.push(data);
      }
      if (autoAck) queueMicrotask(() => {
        try {
          service.ack(id, data.length, CLIENT);
        } catch {
          // closed meanwhile
        }
      });
      return;
    }
    events.push({ event, payload });
  });

  const output = (id: string) => {
    const list = chunks.get(id) ?? [];
    if (list.length > 1) chunks.set(id, [list.join('')]);
    return chunks.get(id)?.[0] ?? '';
  };

  const waitUntil = async <T>(probe: () => T | undefined, what: () => string, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  return {
    service,
    clients,
    events,
    problems,
    home,
    create: (input = {}) =>
      service.create(
        {
          shell: '/bin/bash',
          cols: 120,
          rows: 30,
          owner: 'user',
          ...input,
          env: { HOME: home, ...input.env },
        },
        CLIENT,
      ),
    output,
    waitForOutput: (id, predicate, timeoutMs = 10_000) =>
      waitUntil(
        () => {
          const out = output(id);
          return predicate(out) ? out : undefined;
        },
        () => `output of ${id}; so far: ${JSON.stringify(output(id).slice(-500))}`,
        timeoutMs,
      ),
    waitForEvent: (event, match, timeoutMs = 10_000) =>
      waitUntil(
        () => events.find((e) => e.event === event && match(e.payload as never))?.payload as never,
        () => `event ${event}; seen: ${events.map((e) => e.event).join(', ')}`,
        timeoutMs,
      ),
    waitForCommand: (id, match, timeoutMs = 10_000) =>
      waitUntil(
        () => events.find((e) => e.event === 'terminal.command' && (e.payload as TerminalCommand).terminalId === id && match(e.payload as TerminalCommand))?.payload as TerminalCommand | undefined,
        () => `a command in ${id}; output so far: ${JSON.stringify(output(id).slice(-500))}`,
        timeoutMs,
      ),
    waitForPrompt: async (id, timeoutMs = 10_000) => {
      // State, not an event: the first prompt can be reported before `terminal.created` goes out.
      await waitUntil(
        () => (service.get(id)?.integration.state === 'active' ? true : undefined),
        () => `a prompt in ${id}; output so far: ${JSON.stringify(output(id).slice(-500))}`,
        timeoutMs,
      );
    },
    setAutoAck: (on) => {
      autoAck = on;
    },
    dispose: async () => {
      await service.dispose();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
