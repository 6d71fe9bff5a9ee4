import { z } from 'zod';
import { event, method } from './define';

export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

/** User preferences kept in the settings table. Secrets never live here. */
export interface Settings {
  theme: Theme;
  /** Terminal and code font size in px. */
  fontSize: number;
  /** Shown once: the welcome card on first start. */
  onboardingDone: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  fontSize: 13,
  onboardingDone: false,
};

export const SettingsPatch = z
  .object({
    theme: Theme,
    fontSize: z.number().int().min(8).max(32),
    onboardingDone: z.boolean(),
  })
  .partial()
  .strict();

export const settingsMethods = {
  'settings.get': method<Settings>()(z.object({}).strict()),
  'settings.update': method<Settings>()(SettingsPatch),
};

export const settingsEvents = {
  'settings.changed': event<Settings>(),
};
