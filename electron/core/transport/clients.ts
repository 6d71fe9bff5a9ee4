/**
 * Who is connected right now: windows over IPC, browser tabs over WebSocket. Services that keep
 * per-client state (terminal flow control) listen here to drop that state when a client goes away.
 */
export type ClientListener = (clientId: string) => void;

export class ClientRegistry {
  private readonly ids = new Set<string>();
  private readonly connectListeners = new Set<ClientListener>();
  private readonly disconnectListeners = new Set<ClientListener>();

  connected(clientId: string): void {
    this.ids.add(clientId);
    for (const l of [...this.connectListeners]) l(clientId);
  }

  disconnected(clientId: string): void {
    if (!this.ids.delete(clientId)) return;
    for (const l of [...this.disconnectListeners]) l(clientId);
  }

  has(clientId: string): boolean {
    return this.ids.has(clientId);
  }

  list(): string[] {
    return [...this.ids];
  }

  onConnected(listener: ClientListener): () => void {
    this.connectListeners.add(listener);
    return () => this.connectListeners.delete(listener);
  }

  onDisconnected(listener: ClientListener): () => void {
    this.disconnectListeners.add(listener);
    return () => this.disconnectListeners.delete(listener);
  }
}
