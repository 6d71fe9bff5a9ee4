/**
 * Entry point of the pty host process (bundled to out/pty-host.cjs). Started by the core with
 * child_process.fork under `tandem serve`, or as an Electron utilityProcess in the desktop app; it
 * speaks whichever channel it was given. When the parent goes away, every shell is ended with it.
 */
import type { HostMessage, HostRequest } from './host-protocol';
import { PtyHostServer, type HostPort } from './host/pty-host-server';

/** Electron's utilityProcess gives the child `process.parentPort` (messages arrive wrapped in `data`). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
}

function portFromProcess(): HostPort {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      post: (message: HostMessage) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as HostRequest)),
      onDisconnect: (listener) => parentPort.on('close', listener),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('The pty host must be started by Tandem (no IPC channel to its parent).');
  return {
    post: (message: HostMessage) => {
      if (process.connected) send(message);
    },
    onMessage: (listener) => process.on('message', (message) => listener(message as HostRequest)),
    onDisconnect: (listener) => process.on('disconnect', listener),
  };
}

const port = portFromProcess();
const server = new PtyHostServer(port);
port.onDisconnect(() => {
  void server.shutdown().then(() => process.exit(0));
});
for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    void server.shutdown().then(() => process.exit(0));
  });
}
// Ctrl+C in the terminal running `tandem serve` reaches the whole process group; the core decides
// when the host stops (it sends `shutdown`, or goes away and the channel closes).
process.on('SIGINT', () => {});
server.start();
