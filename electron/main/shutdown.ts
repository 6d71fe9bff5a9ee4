/**
 * Quitting: windows may really close once the user chose Quit, and the core (database, later ptys and
 * watchers) is disposed before the process exits. Electron does not wait for promises in `will-quit`,
 * so the first one is held back, the disposal runs, and then the app quits for real.
 */

interface Preventable {
  preventDefault(): void;
}

/** The parts of Electron's app used here. */
export interface QuittingApp {
  on(event: 'before-quit', listener: () => void): unknown;
  on(event: 'will-quit', listener: (event: Preventable) => void): unknown;
  quit(): void;
}

export interface Shutdown {
  /** True from the moment quitting started. */
  isQuitting(): boolean;
}

export function disposeBeforeQuit(
  app: QuittingApp,
  dispose: () => Promise<void> | void,
  log: (message: string, err: unknown) => void = (m, e) => console.error(m, e),
): Shutdown {
  let quitting = false;
  let state: 'running' | 'disposing' | 'done' = 'running';

  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    quitting = true;
    Promise.resolve()
      .then(dispose)
      .catch((err: unknown) => log('[tandem] shutdown failed; quitting anyway', err))
      .finally(() => {
        state = 'done';
        app.quit();
      });
  });

  return { isQuitting: () => quitting };
}
