/**
 * Background drafting's switch and its daily token budget, in the settings table: whether drafting is
 * on (off until the user turns it on), the daily cap, and the tokens spent on the current local day.
 * A new day starts from zero. Every charge is written at once, so a restart cannot reset the day.
 */
import { DEFAULT_DAILY_DRAFT_TOKENS, type DraftingSettings } from '../../../../shared/contract/suggestions';
import type { SettingsRepository } from '../../store/repositories/settings';
import type { Clock } from '../clock';
import type { DraftBudget } from '../drafting';

const PREFERENCE_KEY = 'suggestions.drafting';
const USAGE_KEY = 'suggestions.drafting.usage';

interface Preference {
  enabled: boolean;
  dailyTokenCap: number;
}

interface Usage {
  /** The local date the tokens were spent on, YYYY-MM-DD. */
  day: string;
  tokens: number;
}

export class DraftingBudget implements DraftBudget {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly clock: Clock,
  ) {}

  preference(): Preference {
    const stored = this.settings.get<Partial<Preference>>(PREFERENCE_KEY) ?? {};
    return { enabled: stored.enabled ?? false, dailyTokenCap: stored.dailyTokenCap ?? DEFAULT_DAILY_DRAFT_TOKENS };
  }

  update(patch: Partial<Preference>): Preference {
    const next = { ...this.preference(), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    this.settings.set(PREFERENCE_KEY, next);
    return next;
  }

  usedToday(): number {
    const usage = this.settings.get<Usage>(USAGE_KEY);
    return usage && usage.day === this.today() ? usage.tokens : 0;
  }

  left(): number {
    return Math.max(0, this.preference().dailyTokenCap - this.usedToday());
  }

  charge(tokens: number): void {
    if (!(tokens > 0)) return;
    this.settings.set(USAGE_KEY, { day: this.today(), tokens: this.usedToday() + Math.round(tokens) } satisfies Usage);
  }

  snapshot(modelConfigured: boolean): DraftingSettings {
    const { enabled, dailyTokenCap } = this.preference();
    return { enabled, dailyTokenCap, usedToday: this.usedToday(), modelConfigured };
  }

  private today(): string {
    const d = new Date(this.clock.now());
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
}
