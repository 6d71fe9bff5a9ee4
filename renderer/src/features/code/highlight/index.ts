/**
 * The shared syntax highlighter (code viewer, review panel, anything that shows code). Colouring runs
 * in a Web Worker with Shiki's JavaScript regex engine: VS Code's grammars and themes, no WebAssembly,
 * nothing the strict CSP forbids. See highlighter.ts for the usage pattern and docs/code-view.md.
 */
export { highlightDocument, tokenStyle, type HighlightDocument } from './highlighter';
export { HighlightedLine, type LineMark } from './HighlightedLine';
export { languageForPath, languageForShebang, type LanguageId } from './languages';
export type { HighlightTheme, TokenStyle } from './protocol';
