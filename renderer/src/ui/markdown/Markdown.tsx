/**
 * Renders a model's Markdown as React elements (see parse.ts): no HTML string ever reaches the DOM.
 * The one renderer for every model answer — agent messages, reasoning, approvals, quick ask. Links open
 * outside the app (http, https and mailto only); code blocks have a copy button; in windows with a code
 * view, plain text keeps its code references clickable.
 */
import { Fragment, memo, useMemo, useState, type ReactNode } from 'react';
import { CodeLinkText } from '../../features/code/CodeLinkText';
import { Icon } from '../Icon';
import { parseInline, parseMarkdown, type Block, type Inline } from './parse';
import './markdown.css';

/** How a text run is shown: with code references made links (`baseDir` resolves them) or as is. */
interface TextMode {
  codeLinks: boolean;
  baseDir: string | undefined;
}

function inlines(nodes: Inline[], mode: TextMode): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.kind) {
      case 'text':
        return mode.codeLinks ? <CodeLinkText key={i} text={n.text} bare={false} {...(mode.baseDir ? { baseDir: mode.baseDir } : {})} /> : <Fragment key={i}>{n.text}</Fragment>;
      case 'code':
        return (
          <code key={i} className="md-code">
            {n.text}
          </code>
        );
      case 'strong':
        return <strong key={i}>{inlines(n.children, mode)}</strong>;
      case 'em':
        return <em key={i}>{inlines(n.children, mode)}</em>;
      case 'del':
        return <del key={i}>{inlines(n.children, mode)}</del>;
      case 'link':
        return (
          <a key={i} href={n.href} target="_blank" rel="noopener noreferrer" title={n.href}>
            {inlines(n.children, mode)}
          </a>
        );
      case 'break':
        return <br key={i} />;
    }
  });
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="md-copy"
      aria-label={copied ? 'Copied' : label}
      title={label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          },
          () => setCopied(false),
        );
      }}
    >
      <Icon name={copied ? 'check' : 'copy'} size={12} />
      <span>{copied ? 'Copied' : 'Copy'}</span>
    </button>
  );
}

function blocks(list: Block[], mode: TextMode): ReactNode[] {
  return list.map((b, i) => {
    switch (b.kind) {
      case 'heading': {
        // Model headings sit inside a message: shown at h3–h6 so they never outrank the thread title.
        const level = Math.min(6, b.level + 2);
        const Tag = `h${level}` as 'h3';
        return (
          <Tag key={i} className={`md-h md-h${b.level}`}>
            {inlines(b.children, mode)}
          </Tag>
        );
      }
      case 'paragraph':
        return <p key={i}>{inlines(b.children, mode)}</p>;
      case 'code':
        return (
          <div key={i} className="md-pre-wrap">
            <div className="md-pre-bar">
              <span className="md-pre-lang">{b.lang || 'text'}</span>
              <CopyButton text={b.text} label="Copy code" />
            </div>
            <pre className="md-pre">
              <code>{b.text}</code>
            </pre>
          </div>
        );
      case 'list': {
        const items = b.items.map((item, j) => <li key={j}>{blocks(item, mode)}</li>);
        return b.ordered ? (
          <ol key={i} start={b.start}>
            {items}
          </ol>
        ) : (
          <ul key={i}>{items}</ul>
        );
      }
      case 'quote':
        return <blockquote key={i}>{blocks(b.children, mode)}</blockquote>;
      case 'rule':
        return <hr key={i} />;
    }
  });
}

/** One line of Markdown inline (a reason, a title): code spans, emphasis, links; no blocks. */
export function MarkdownInline({ text }: { text: string }) {
  const nodes = useMemo(() => parseInline(text), [text]);
  return <>{inlines(nodes, { codeLinks: true, baseDir: undefined })}</>;
}

/**
 * `codeLinks` (default on) makes `src/app.ts:42` open the code view: off in windows without one (quick
 * ask). `className` is added to `md` for a window's own spacing.
 */
export const Markdown = memo(function Markdown({ text, baseDir, codeLinks = true, className }: { text: string; baseDir?: string; codeLinks?: boolean; className?: string }) {
  const tree = useMemo(() => parseMarkdown(text), [text]);
  return <div className={className ? `md ${className}` : 'md'}>{blocks(tree, { codeLinks, baseDir })}</div>;
});
