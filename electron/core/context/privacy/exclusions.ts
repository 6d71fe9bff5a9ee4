/**
 * Which windows Tandem must not look into. When one of them is in front, Tandem sends neither its
 * title, nor the selection, nor the clipboard, nor a screenshot — a password manager's selection is
 * a password. Built in: the common password managers and passphrase prompts, and private/incognito
 * browser windows. The user adds their own (`Slack`, `title:Payroll`).
 */
import type { ActiveWindowInfo, BuiltinExclusion } from '../../../../shared/contract';
import { isBrowser, isPrivateWindowTitle } from '../title-parsers';

export interface ExclusionRule {
  id: string;
  label: string;
  /** Application names (WM_CLASS instance or class, process name), lower case; `*` is a wildcard. */
  apps?: string[];
  /** Matched against the title. */
  titles?: RegExp[];
  /** Private browser windows, as recognised from the title. */
  privateWindows?: boolean;
}

export const BUILTIN_EXCLUSIONS: readonly ExclusionRule[] = [
  { id: '1password', label: '1Password', apps: ['1password', '1password-*', 'com.1password.1password'] },
  { id: 'bitwarden', label: 'Bitwarden', apps: ['bitwarden', 'com.bitwarden.desktop'] },
  { id: 'keepassxc', label: 'KeePassXC and KeePass', apps: ['keepassxc', 'org.keepassxc.keepassxc', 'keepass', 'keepass2'] },
  { id: 'lastpass', label: 'LastPass', apps: ['lastpass'], titles: [/\bLastPass\b/i] },
  { id: 'dashlane', label: 'Dashlane', apps: ['dashlane'], titles: [/\bDashlane\b/i] },
  { id: 'keychain-access', label: 'Keychain Access', apps: ['keychain access', 'keychainaccess', 'com.apple.keychainaccess'] },
  {
    id: 'gnome-keyring',
    label: 'GNOME Keyring and Seahorse (Passwords and Keys)',
    apps: ['seahorse', 'org.gnome.seahorse', 'org.gnome.seahorse.application', 'gnome-keyring*', 'gcr-prompter', 'gcr-viewer'],
    titles: [/^Passwords and Keys$/],
  },
  { id: 'kwallet', label: 'KDE Wallet', apps: ['kwalletmanager*', 'org.kde.kwalletmanager*', 'kwalletd*', 'ksecretd'] },
  { id: 'passphrase-prompts', label: 'Passphrase prompts (pinentry, ssh-askpass)', apps: ['pinentry*', 'ssh-askpass*', '*-askpass', 'polkit-*-authentication-agent*'] },
  { id: 'private-browsing', label: 'Private and incognito browser windows', apps: ['tor browser', 'torbrowser', 'mullvad browser'], privateWindows: true },
];

/** The built-in rules with the user's on/off choices, as Settings shows them. */
export function builtinExclusionSettings(disabled: ReadonlySet<string>): BuiltinExclusion[] {
  return BUILTIN_EXCLUSIONS.map((r) => ({ id: r.id, label: r.label, enabled: !disabled.has(r.id) }));
}

/** Turns the user's entries (`Slack`, `signal*`, `title:Payroll`) into rules. */
export function userExclusionRules(entries: readonly string[]): ExclusionRule[] {
  return entries.map((raw, i) => {
    const entry = raw.trim();
    const title = /^title:\s*(.+)$/i.exec(entry);
    if (title) return { id: `user-${i}`, label: entry, titles: [new RegExp(escapeRegExp(title[1]!.trim()), 'i')] };
    return { id: `user-${i}`, label: entry, apps: [entry.toLowerCase()] };
  });
}

export interface ExclusionVerdict {
  ruleId: string;
  /** What the user sees: "1Password is excluded", "private browser window". */
  reason: string;
}

/** The first rule the window matches, or null when Tandem may look. */
export function matchExclusion(window: Pick<ActiveWindowInfo, 'title' | 'wmClass' | 'wmInstance' | 'processName' | 'app'>, rules: readonly ExclusionRule[]): ExclusionVerdict | null {
  const names = [window.wmClass, window.wmInstance, window.processName].filter((n): n is string => Boolean(n)).map((n) => n.toLowerCase());
  for (const rule of rules) {
    if (rule.apps?.some((pattern) => names.some((n) => wildcardMatch(pattern, n)))) {
      return { ruleId: rule.id, reason: `${window.app} is excluded` };
    }
    if (rule.titles?.some((re) => re.test(window.title))) {
      return { ruleId: rule.id, reason: `the window in front is excluded (${rule.label})` };
    }
    if (rule.privateWindows && isPrivateWindowTitle(window.title, isBrowser(window))) {
      return { ruleId: rule.id, reason: `the window in front is a private browser window` };
    }
  }
  return null;
}

function wildcardMatch(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return re.test(name);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every rule in force: the enabled built-ins, then the user's own. */
export function activeExclusionRules(disabledBuiltins: ReadonlySet<string>, userEntries: readonly string[]): ExclusionRule[] {
  return [...BUILTIN_EXCLUSIONS.filter((r) => !disabledBuiltins.has(r.id)), ...userExclusionRules(userEntries)];
}
