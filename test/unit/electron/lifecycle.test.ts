import { describe, expect, it } from 'vitest';
import { disposeBeforeQuit, type QuittingApp } from '../../../electron/main/shutdown';
import { launchIntent, SingleInstance, type SingleInstanceApp } from '../../../electron/main/single-instance';

class FakeApp implements SingleInstanceApp, QuittingApp {
  lockAvailable = true;
  quitCalls = 0;
  listeners = new Map<string, ((...args: never[]) => void)[]>();
  requestSingleInstanceLock() {
    return this.lockAvailable;
  }
  on(event: string, listener: (...args: never[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  quit() {
    this.quitCalls++;
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(...args);
  }
}

describe('single instance', () => {
  it('a second launch quits at once and starts nothing', () => {
    const app = new FakeApp();
    app.lockAvailable = false;
    expect(SingleInstance.claim(app)).toBeNull();
    expect(app.quitCalls).toBe(1);
    expect(app.listeners.size).toBe(0);
  });

  it('the first instance shows the main window for a plain relaunch and quick-ask for --quick-ask', () => {
    const app = new FakeApp();
    const instance = SingleInstance.claim(app)!;
    const opened: string[] = [];
    instance.deliverTo((intent) => opened.push(intent));
    app.emit('second-instance', {}, ['/usr/bin/tandem']);
    app.emit('second-instance', {}, ['/usr/bin/tandem', '--quick-ask']);
    expect(opened).toEqual(['main', 'quick-ask']);
    expect(app.quitCalls).toBe(0);
  });

  it('holds a launch that arrives before the windows exist, and delivers the latest one', () => {
    const app = new FakeApp();
    const instance = SingleInstance.claim(app)!;
    app.emit('second-instance', {}, ['tandem']);
    app.emit('second-instance', {}, ['tandem', '--quick-ask']);
    const opened: string[] = [];
    instance.deliverTo((intent) => opened.push(intent));
    expect(opened).toEqual(['quick-ask']);
  });

  it('reads the intent from argv', () => {
    expect(launchIntent(['electron', '.'])).toBe('main');
    expect(launchIntent(['tandem', '--quick-ask'])).toBe('quick-ask');
  });
});

describe('quitting', () => {
  it('holds the quit until the core is disposed, then quits once', async () => {
    const app = new FakeApp();
    let release: () => void = () => {};
    let disposals = 0;
    const shutdown = disposeBeforeQuit(app, () => {
      disposals++;
      return new Promise<void>((resolve) => (release = resolve));
    });
    expect(shutdown.isQuitting()).toBe(false);

    app.emit('before-quit');
    expect(shutdown.isQuitting()).toBe(true);

    let prevented = 0;
    const willQuit = { preventDefault: () => prevented++ };
    app.emit('will-quit', willQuit);
    await new Promise((resolve) => setTimeout(resolve, 0));
    app.emit('will-quit', willQuit); // e.g. a second Quit click while disposing
    expect(prevented).toBe(2);
    expect(disposals).toBe(1);
    expect(app.quitCalls).toBe(0);

    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(app.quitCalls).toBe(1);

    app.emit('will-quit', willQuit);
    expect(prevented).toBe(2); // the real quit goes through
  });

  it('quits even when disposing fails', async () => {
    const app = new FakeApp();
    const errors: unknown[] = [];
    disposeBeforeQuit(
      app,
      () => {
        throw new Error('db locked');
      },
      (_m, err) => errors.push(err),
    );
    app.emit('will-quit', { preventDefault: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(app.quitCalls).toBe(1);
    expect(String(errors[0])).toContain('db locked');
  });
});
