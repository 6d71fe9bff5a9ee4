/**
 * The evidence of a suggestion: `code spans` (commands, errors) drawn as code, and — where this window
 * has a code view — `path:line` references as links to it.
 */
import { CodeLinkText } from '../code/CodeLinkText';

export function EvidenceText({ text, linkify, baseDir }: { text: string; linkify: boolean; baseDir: string | null }) {
  const parts = text.split(/`([^`\n]+)`/);
  return (
    <>
      {parts.map((part, i) => {
        const inner = linkify ? <CodeLinkText text={part} baseDir={baseDir ?? undefined} bare={false} /> : part;
        return i % 2 === 1 ? (
          <code key={i} className="suggestion-code">
            {inner}
          </code>
        ) : (
          <span key={i}>{inner}</span>
        );
      })}
    </>
  );
}
