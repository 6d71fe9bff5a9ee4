/** User preferences: defaults merged with what is stored; every change is broadcast. */
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/contract';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';

const KEY = 'preferences';

export class SettingsService {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
  ) {}

  get(): Settings {
    const stored = this.store.settings.get<Partial<Settings>>(KEY) ?? {};
    return { ...DEFAULT_SETTINGS, ...stored };
  }

  update(patch: Partial<Settings>): Settings {
    const next = { ...this.get(), ...patch };
    this.store.settings.set(KEY, next);
    this.events.emit('settings.changed', next);
    return next;
  }

  handlers(): Pick<Handlers, 'settings.get' | 'settings.update'> {
    return {
      'settings.get': () => this.get(),
      'settings.update': (patch) => this.update(patch),
    };
  }
}
