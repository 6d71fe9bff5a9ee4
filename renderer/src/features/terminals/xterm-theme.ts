/**
 * xterm.js colours that match the app: background, text, cursor and selection come from the design
 * tokens (resolved through the element's own CSS, so light-dark() and a pinned theme both apply); the
 * 16 ANSI colours are a light and a dark palette tuned for contrast on those backgrounds.
 */
import type { ITheme } from '@xterm/xterm';

const LIGHT_ANSI = {
  black: '#1c1c21',
  red: '#c8372d',
  green: '#1f7a43',
  yellow: '#8a5a00',
  blue: '#2f5bd3',
  magenta: '#9c3fb8',
  cyan: '#0b7285',
  white: '#6b6b75',
  brightBlack: '#5f5f69',
  brightRed: '#e0453a',
  brightGreen: '#2a9d5a',
  brightYellow: '#a86f00',
  brightBlue: '#4a72e8',
  brightMagenta: '#b654d4',
  brightCyan: '#118a9e',
  brightWhite: '#8b8b95',
};

const DARK_ANSI = {
  black: '#2a2b30',
  red: '#f07167',
  green: '#4cc38a',
  yellow: '#e5c07b',
  blue: '#6cacf5',
  magenta: '#c98ff0',
  cyan: '#56c6d6',
  white: '#d4d4d8',
  brightBlack: '#71717b',
  brightRed: '#ff8a80',
  brightGreen: '#6fdca4',
  brightYellow: '#f2d48f',
  brightBlue: '#8fc1ff',
  brightMagenta: '#ddb0ff',
  brightCyan: '#7fdeea',
  brightWhite: '#ffffff',
};

/** Resolves a CSS custom property to a concrete colour by applying it to `probe`. */
function resolveColor(probe: HTMLElement, variable: string, fallback: string): string {
  probe.style.color = fallback;
  probe.style.color = `var(${variable}, ${fallback})`;
  const value = getComputedStyle(probe).color;
  return value || fallback;
}

export function terminalTheme(host: HTMLElement, scheme: 'light' | 'dark'): ITheme {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  host.appendChild(probe);
  try {
    const dark = scheme === 'dark';
    return {
      background: resolveColor(probe, '--bg-panel', dark ? '#16171a' : '#fafafa'),
      foreground: resolveColor(probe, '--text', dark ? '#e7e7ea' : '#1c1c21'),
      cursor: resolveColor(probe, '--text', dark ? '#e7e7ea' : '#1c1c21'),
      cursorAccent: resolveColor(probe, '--bg-panel', dark ? '#16171a' : '#fafafa'),
      selectionBackground: resolveColor(probe, '--bg-selected', dark ? 'rgba(124, 134, 255, 0.3)' : 'rgba(94, 106, 210, 0.2)'),
      scrollbarSliderBackground: resolveColor(probe, '--scrollbar', 'rgba(128, 128, 128, 0.3)'),
      ...(dark ? DARK_ANSI : LIGHT_ANSI),
    };
  } finally {
    probe.remove();
  }
}

/** The monospace font stack of the app (the --font-mono token). */
export function monoFontFamily(host: HTMLElement): string {
  const value = getComputedStyle(host).getPropertyValue('--font-mono').trim();
  return value || 'monospace';
}
