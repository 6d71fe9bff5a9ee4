/**
 * What a window's title says beyond itself: the page and site in a browser, the file and workspace
 * in VS Code or a JetBrains IDE, the folder in a terminal, and whether a browser window is private.
 * Pure string work, so every rule is unit-tested against real titles.
 */
import type { DerivedWindowContext } from '../../../shared/contract';

export interface WindowIdentity {
  title: string;
  wmClass: string | null;
  wmInstance: string | null;
  processName: string | null;
}

const BROWSERS = new Set([
  'firefox', 'firefox-esr', 'firefox-developer-edition', 'navigator', 'librewolf', 'waterfox', 'floorp', 'zen', 'zen-browser',
  'chromium', 'chromium-browser', 'chrome', 'google-chrome', 'google-chrome-beta', 'google-chrome-unstable', 'brave', 'brave-browser',
  'microsoft-edge', 'microsoft-edge-beta', 'microsoft-edge-dev', 'msedge', 'vivaldi', 'vivaldi-stable', 'opera', 'thorium', 'thorium-browser',
  'epiphany', 'org.gnome.epiphany', 'falkon', 'qutebrowser', 'tor browser', 'torbrowser', 'mullvad browser', 'safari', 'arc',
  // macOS app names and bundle ids, Windows executables (get-windows)
  'google chrome', 'google chrome beta', 'google chrome canary', 'microsoft edge', 'brave browser', 'firefox developer edition', 'opera gx',
  'com.google.chrome', 'com.apple.safari', 'org.mozilla.firefox', 'com.microsoft.edgemac', 'com.brave.browser', 'company.thebrowser.browser',
]);

const VSCODE_FAMILY = new Set([
  'code', 'code-oss', 'code - oss', 'code-insiders', 'code - insiders', 'vscodium', 'codium', 'cursor', 'windsurf',
  'visual studio code', 'visual studio code - insiders', 'com.microsoft.vscode', 'com.microsoft.vscodeinsiders', 'com.todesktop.230313mzl4w4u92',
]);

const TERMINALS = new Set([
  'xterm', 'uxterm', 'gnome-terminal', 'gnome-terminal-server', 'org.gnome.terminal', 'org.gnome.console', 'kgx', 'konsole', 'org.kde.konsole',
  'alacritty', 'kitty', 'wezterm', 'wezterm-gui', 'org.wezfurlong.wezterm', 'tilix', 'com.gexperts.tilix', 'terminator', 'xfce4-terminal',
  'urxvt', 'rxvt', 'st', 'st-256color', 'foot', 'footclient', 'ghostty', 'com.mitchellh.ghostty', 'qterminal', 'lxterminal', 'mate-terminal',
  'terminology', 'sakura', 'guake', 'tilda', 'yakuake', 'iterm2', 'terminal', 'warp', 'dev.warp.warp', 'tabby',
  'iterm', 'com.googlecode.iterm2', 'com.apple.terminal', 'dev.warp.warp-stable', 'windowsterminal', 'wezterm-gui', 'conhost', 'cmd', 'powershell', 'pwsh',
]);

function names(w: WindowIdentity): string[] {
  return [w.wmClass, w.wmInstance, w.processName].filter((n): n is string => Boolean(n)).map((n) => n.toLowerCase());
}

export function isBrowser(w: WindowIdentity): boolean {
  return names(w).some((n) => BROWSERS.has(n));
}
function isVsCode(w: WindowIdentity): boolean {
  return names(w).some((n) => VSCODE_FAMILY.has(n));
}
function isJetBrains(w: WindowIdentity): boolean {
  // X11 WM_CLASS `jetbrains-idea`, macOS bundle id `com.jetbrains.pycharm`, Windows `idea64.exe`.
  return names(w).some((n) => n.startsWith('jetbrains-') || n.startsWith('com.jetbrains.') || /^(?:idea|pycharm|webstorm|goland|clion|rider|phpstorm|rubymine|datagrip|rustrover)(?:64)?$/.test(n));
}
export function isTerminalEmulator(w: WindowIdentity): boolean {
  return names(w).some((n) => TERMINALS.has(n));
}

export function deriveWindowContext(w: WindowIdentity, homeDir?: string): DerivedWindowContext {
  if (isBrowser(w)) return parseBrowserTitle(w.title);
  if (isVsCode(w)) return parseVsCodeTitle(w.title);
  if (isJetBrains(w)) return parseJetBrainsTitle(w.title, homeDir);
  if (isTerminalEmulator(w)) return parseTerminalTitle(w.title, homeDir);
  return isPrivateWindowTitle(w.title, false) ? { category: 'other', privateWindow: true } : { category: 'other' };
}

// ── Private windows ────────────────────────────────────────────────────────────────────────────

/** Markers browsers put in a private window's title, in English and the most common locales. */
const PRIVATE_IN_BROWSER = [
  /\bprivate browsing\b/i, // Firefox, Safari
  /\bincognito\b/i, // Chrome, Chromium
  /\binprivate\b/i, // Edge
  /\bprivate window\b/i,
  /[-—–]\s*brave(?: browser)?\s+private\s*$/i,
  /\((?:private|inkognito|incógnito|inkognitó|privater modus|navigation privée|navegación privada|navegação privada|navigazione anonima|инкогнито|приватное окно|інкогніто|приватне вікно)\)/i,
  /シークレット|プライベートブラウジング|无痕|隐身|隐私浏览|無痕|隱私瀏覽|시크릿|사생활 보호/,
];

/** Outside a known browser only the unmistakable forms count, so "incognito.md - vim" stays visible. */
const PRIVATE_ANYWHERE = [/\((?:incognito|inprivate|private browsing)\)/i, /[-—–] (?:mozilla )?firefox private browsing$/i, /\binprivate [-—–] microsoft\u200b?\s?edge$/i];

export function isPrivateWindowTitle(title: string, browser: boolean): boolean {
  return (browser ? PRIVATE_IN_BROWSER : PRIVATE_ANYWHERE).some((re) => re.test(title));
}

// ── Browsers ───────────────────────────────────────────────────────────────────────────────────

const BROWSER_SUFFIX =
  /\s+[-—–]\s+(?:Mozilla Firefox|Firefox(?: Developer Edition)?|LibreWolf|Waterfox|Floorp|Zen Browser|Google Chrome|Chromium|Brave(?: Browser)?|Microsoft\u200b?\s?Edge|Vivaldi|Opera|Thorium|Tor Browser|Mullvad Browser|Epiphany|Falkon|qutebrowser)(?:\s+(?:Private Browsing|Private|\([^)]*\)))?\s*$/i;

/** Titles that name their site: suffix → host. */
const SITE_SUFFIXES: [RegExp, string][] = [
  [/ · GitHub$/, 'github.com'],
  [/ · GitLab$/, 'gitlab.com'],
  [/ [-–] Stack Overflow$/, 'stackoverflow.com'],
  [/ [-–] YouTube$/, 'youtube.com'],
  [/ (?:\||[-–]) MDN(?: Web Docs)?$/, 'developer.mozilla.org'],
  [/ [-–] Gmail$/, 'mail.google.com'],
  [/ [-–] Google (?:Search|Suche|Recherche)$/, 'google.com'],
  [/ [-–] Google Docs$/, 'docs.google.com'],
  [/ [-–] Google Sheets$/, 'docs.google.com'],
  [/ [-–] Wikipedia$/, 'wikipedia.org'],
  [/ [-–|] npm$/, 'npmjs.com'],
  [/ [-–] Reddit$|^reddit\b/i, 'reddit.com'],
  [/ \| Hacker News$|^Hacker News$/, 'news.ycombinator.com'],
  [/ [-–] Docs\.rs$/i, 'docs.rs'],
  [/ [-–] PyPI$/, 'pypi.org'],
  [/ [-–] Jira$/, 'atlassian.net'],
  [/ [-–] Confluence$/, 'atlassian.net'],
  [/ [-–] Slack$/, 'slack.com'],
  [/ \| Vercel$/, 'vercel.com'],
];

export function parseBrowserTitle(title: string): DerivedWindowContext {
  const privateWindow = isPrivateWindowTitle(title, true);
  const pageTitle = title.replace(BROWSER_SUFFIX, '').replace(/^InPrivate\s+[-—–]\s+/i, '').trim();
  const derived: DerivedWindowContext = { category: 'browser', pageTitle };
  if (privateWindow) derived.privateWindow = true;
  Object.assign(derived, urlFromPageTitle(pageTitle));
  return derived;
}

function urlFromPageTitle(page: string): { url?: string; site?: string } {
  const explicit = /\bhttps?:\/\/[^\s"'<>]+/i.exec(page);
  if (explicit) {
    const url = explicit[0].replace(/[.,;:)\]]+$/, '');
    return { url, site: hostOf(url) };
  }

  // A page without a <title> shows its address (without the scheme) as the title.
  const bare = /^((?:localhost|(?:[a-z0-9-]+\.)+[a-z]{2,})(?::\d{1,5})?)(\/\S*)?$/i.exec(page);
  if (bare) return { site: bare[1]!.toLowerCase() };

  const gh = githubUrl(page);
  if (gh) return { url: gh, site: 'github.com' };

  for (const [re, site] of SITE_SUFFIXES) if (re.test(page)) return { site };
  return {};
}

const REPO = '([A-Za-z0-9][\\w.-]*/[\\w.-]+)';

/** GitHub titles carry enough to rebuild the address of pull requests, issues, repos and files. */
function githubUrl(page: string): string | null {
  const pr = new RegExp(`· Pull Request #(\\d+) · ${REPO}$`).exec(page);
  if (pr) return `https://github.com/${pr[2]}/pull/${pr[1]}`;
  const issue = new RegExp(`· Issue #(\\d+) · ${REPO}$`).exec(page);
  if (issue) return `https://github.com/${issue[2]}/issues/${issue[1]}`;
  const file = new RegExp(`^([^\\s]+/[^\\s]+) at ([\\w./-]+) · ${REPO}$`).exec(page);
  if (file) {
    const repo = file[3]!;
    const repoName = repo.split('/')[1]!;
    const filePath = file[1]!.startsWith(`${repoName}/`) ? file[1]!.slice(repoName.length + 1) : file[1]!;
    return `https://github.com/${repo}/blob/${file[2]}/${filePath}`;
  }
  const repo = new RegExp(`^GitHub - ${REPO}(?::|$)`).exec(page);
  if (repo) return `https://github.com/${repo[1]}`;
  return null;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

// ── VS Code and its forks ──────────────────────────────────────────────────────────────────────

const VSCODE_SUFFIX = /\s+[-—–]\s+(?:Visual Studio Code(?: - Insiders)?|VSCodium|Code - OSS|Cursor|Windsurf)\s*$/;
/** Editors that are not files: VS Code shows these names as the "active editor". */
const VSCODE_SPECIAL = /^(?:Welcome|Get Started|Walkthrough|Settings|Keyboard Shortcuts|Release Notes.*|Extension: .*|Running Extensions|Process Explorer|Search|Search Editor.*|Source Control|Output|Problems)$/;

export function parseVsCodeTitle(title: string): DerivedWindowContext {
  const body = title
    .replace(VSCODE_SUFFIX, '')
    .replace(/^\[Extension Development Host\]\s*/, '')
    .replace(/^●\s*/, '')
    .trim();
  // Default window.title: ${dirty}${activeEditorShort} - ${rootName} - ${profileName} - ${appName}
  const parts = body.split(' - ').map((p) => p.trim()).filter(Boolean);
  const derived: DerivedWindowContext = { category: 'editor' };
  if (parts.length >= 2) {
    if (!VSCODE_SPECIAL.test(parts[0]!)) derived.file = parts[0]!;
    derived.workspace = cleanWorkspace(parts[1]!);
  } else if (parts.length === 1) {
    if (looksLikeFileName(parts[0]!)) derived.file = parts[0]!;
    else if (!VSCODE_SPECIAL.test(parts[0]!)) derived.workspace = cleanWorkspace(parts[0]!);
  }
  return derived;
}

/** "proj [SSH: host]" → "proj"; "proj (Workspace)" → "proj". */
function cleanWorkspace(name: string): string {
  return name.replace(/\s+\[(?:SSH|WSL|Dev Container|Codespaces|Container|Tunnel)[^\]]*\]$/i, '').replace(/\s+\(Workspace\)$/i, '').trim();
}

function looksLikeFileName(s: string): boolean {
  return /^[^\s/\\]+\.[A-Za-z0-9]{1,10}$/.test(s) || /^(?:Makefile|Dockerfile|Containerfile|Rakefile|Gemfile|Procfile|Justfile|LICENSE|README|Untitled-\d+)$/.test(s);
}

// ── JetBrains IDEs ─────────────────────────────────────────────────────────────────────────────

const JETBRAINS_PRODUCT =
  /\s+[-—–]\s+(?:IntelliJ IDEA(?: Ultimate| Community)?(?: Edition)?|PyCharm(?: Professional| Community)?|WebStorm|GoLand|CLion|Rider|PhpStorm|RubyMine|DataGrip|RustRover|Android Studio|DataSpell|Aqua|Fleet)(?:\s+\d[\w.]*)?\s*$/;

/**
 * "proj – main.py" (current UI), "proj – src/main.py", and the classic
 * "proj [~/code/proj] – …/src/main.py [proj] - IntelliJ IDEA".
 */
export function parseJetBrainsTitle(title: string, homeDir?: string): DerivedWindowContext {
  const body = title.replace(JETBRAINS_PRODUCT, '').trim();
  const [projectPart, ...rest] = body.split(' – ');
  const derived: DerivedWindowContext = { category: 'editor' };
  const project = /^(.*?)(?:\s+\[([^\]]+)\])?$/.exec(projectPart!.trim());
  if (project?.[1]) derived.workspace = project[1];
  if (project?.[2] && /^(?:~|\/|[A-Za-z]:\\)/.test(project[2])) derived.workspacePath = expandHome(project[2], homeDir);
  const filePart = rest.join(' – ').trim();
  if (filePart) derived.file = filePart.replace(/\s+\[[^\]]+\]$/, '').replace(/^…\//, '');
  return derived;
}

// ── Terminals ──────────────────────────────────────────────────────────────────────────────────

/** "user@host: ~/code/proj", "user@host:~/code/proj", "~/code/proj", "/srv/app". */
export function parseTerminalTitle(title: string, homeDir?: string): DerivedWindowContext {
  const m = /(?:^|[:\s])(~(?:\/\S*)?|\/\S*)\s*$/.exec(title.trim());
  return m ? { category: 'terminal', cwd: expandHome(m[1]!, homeDir) } : { category: 'terminal' };
}

function expandHome(p: string, homeDir?: string): string {
  if (!homeDir) return p;
  if (p === '~') return homeDir;
  return p.startsWith('~/') ? `${homeDir.replace(/\/$/, '')}/${p.slice(2)}` : p;
}
