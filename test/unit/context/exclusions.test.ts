// Which windows Tandem must not look into: built-in password managers and private windows, and the
// user's own entries.
import { describe, expect, it } from 'vitest';
import { activeExclusionRules, BUILTIN_EXCLUSIONS, matchExclusion } from '../../../electron/core/context/privacy/exclusions';
import { ExcludedCopies } from '../../../electron/core/context/privacy/excluded-copies';

const w = (app: string, title = 'Vault', extra: { wmInstance?: string; processName?: string } = {}) => ({
  app,
  title,
  wmClass: app,
  wmInstance: extra.wmInstance ?? app.toLowerCase(),
  processName: extra.processName ?? null,
});

const defaults = activeExclusionRules(new Set(), []);

describe('built-in exclusions', () => {
  it.each([
    ['1Password', w('1Password')],
    ['Bitwarden', w('Bitwarden')],
    ['KeePassXC', w('KeePassXC')],
    ['LastPass (in a browser tab)', { ...w('firefox', 'LastPass Vault — Mozilla Firefox'), wmInstance: 'Navigator' }],
    ['Dashlane', w('Dashlane')],
    ['Keychain Access', w('Keychain Access')],
    ['Seahorse', w('Seahorse', 'Passwords and Keys', { wmInstance: 'org.gnome.seahorse.Application' })],
    ['gnome-keyring prompt', w('Gcr-prompter', 'Unlock Keyring')],
    ['pinentry', w('Pinentry-gtk-2', 'Passphrase', { processName: 'pinentry-gtk-2' })],
    ['a private Firefox window', { ...w('firefox', 'Bank — Mozilla Firefox Private Browsing'), wmInstance: 'Navigator' }],
    ['an incognito Chrome window', w('Google-chrome', 'New Tab - Google Chrome (Incognito)')],
    ['Tor Browser', w('Tor Browser', 'Search')],
  ])('%s is excluded', (_name, window) => {
    expect(matchExclusion(window, defaults)).not.toBeNull();
  });

  it.each([
    ['a terminal', w('XTerm', 'ada@box: ~/code')],
    ['VS Code', w('Code', 'main.py - proj - Visual Studio Code')],
    ['a normal browser window', { ...w('firefox', 'Pull requests · GitHub — Mozilla Firefox'), wmInstance: 'Navigator' }],
    ['a page about passwords', w('Google-chrome', 'Choosing a password - Google Chrome')],
  ])('%s is not', (_name, window) => {
    expect(matchExclusion(window, defaults)).toBeNull();
  });

  it('says why, in words for the user', () => {
    expect(matchExclusion(w('KeePassXC'), defaults)?.reason).toBe('KeePassXC is excluded');
    expect(matchExclusion(w('Google-chrome', 'x - Google Chrome (Incognito)'), defaults)?.reason).toMatch(/private browser window/);
  });

  it('a built-in rule can be switched off', () => {
    const rules = activeExclusionRules(new Set(['keepassxc']), []);
    expect(matchExclusion(w('KeePassXC'), rules)).toBeNull();
    expect(matchExclusion(w('1Password'), rules)).not.toBeNull();
  });

  it('every built-in has a unique id and a label', () => {
    const ids = BUILTIN_EXCLUSIONS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(BUILTIN_EXCLUSIONS.every((r) => r.label.length > 0)).toBe(true);
  });
});

describe('user exclusions', () => {
  it('match apps by name, case-insensitively, with * wildcards', () => {
    const rules = activeExclusionRules(new Set(), ['Slack', 'signal*']);
    expect(matchExclusion(w('Slack', 'general'), rules)?.reason).toBe('Slack is excluded');
    expect(matchExclusion(w('Signal-desktop', 'Chats'), rules)).not.toBeNull();
    expect(matchExclusion(w('Slackware-installer'), rules)).toBeNull();
  });

  it('match titles with title:', () => {
    const rules = activeExclusionRules(new Set(), ['title:Payroll']);
    expect(matchExclusion(w('libreoffice', 'payroll-2025.ods - LibreOffice Calc'), rules)).not.toBeNull();
    expect(matchExclusion(w('libreoffice', 'budget.ods - LibreOffice Calc'), rules)).toBeNull();
  });

  it('a regex character in an entry is taken literally', () => {
    const rules = activeExclusionRules(new Set(), ['title:(secret)']);
    expect(matchExclusion(w('Code', 'notes (secret).md'), rules)).not.toBeNull();
    expect(matchExclusion(w('Code', 'notes secret.md'), rules)).toBeNull();
  });
});

describe('copies made in an excluded app', () => {
  it('are recognised later by their fingerprint, per selection', () => {
    const copies = new ExcludedCopies();
    copies.remember('clipboard', 'hunter2', 'KeePassXC');
    expect(copies.sourceOf('clipboard', 'hunter2')).toBe('KeePassXC');
    expect(copies.sourceOf('primary', 'hunter2')).toBeNull();
    expect(copies.sourceOf('clipboard', 'hunter3')).toBeNull();
  });

  it('keeps only the most recent ones', () => {
    const copies = new ExcludedCopies();
    for (let i = 0; i < 40; i++) copies.remember('clipboard', `secret ${i}`, 'App');
    expect(copies.sourceOf('clipboard', 'secret 0')).toBeNull();
    expect(copies.sourceOf('clipboard', 'secret 39')).toBe('App');
  });
});
