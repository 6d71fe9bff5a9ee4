/** Find in a terminal's output (xterm's search addon): live as you type, Enter for next, Shift+Enter for previous. */
import { useEffect, useRef, useState } from 'react';
import type { ISearchOptions } from '@xterm/addon-search';
import { IconButton } from '../../ui/Button';
import type { TerminalSession } from './terminal-session';

const DECORATIONS: ISearchOptions['decorations'] = {
  matchBackground: '#f2cc6066',
  matchOverviewRuler: '#f2cc60',
  activeMatchBackground: '#f29d3a',
  activeMatchColorOverviewRuler: '#f29d3a',
};

export function FindBar({ session, onClose }: { session: TerminalSession; onClose(): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [regex, setRegex] = useState(false);
  const [results, setResults] = useState<{ index: number; count: number } | null>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
    const sub = session.search.onDidChangeResults(({ resultIndex, resultCount }) => setResults({ index: resultIndex, count: resultCount }));
    return () => {
      sub.dispose();
      session.search.clearDecorations();
    };
  }, [session]);

  const options = (incremental: boolean): ISearchOptions => ({ caseSensitive, regex, incremental, decorations: DECORATIONS });

  useEffect(() => {
    if (query) session.search.findNext(query, options(true));
    else {
      session.search.clearDecorations();
      setResults(null);
    }
    // Re-run when the query or its options change.
  }, [query, caseSensitive, regex, session]);

  const close = () => {
    onClose();
    session.focus();
  };

  return (
    <div className="terminal-find" role="search">
      <input
        ref={input}
        className="terminal-find-input"
        aria-label="Find in terminal"
        placeholder="Find"
        value={query}
        spellCheck={false}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (!query) return;
            if (e.shiftKey) session.search.findPrevious(query, options(false));
            else session.search.findNext(query, options(false));
          } else if (e.key === 'Escape') {
            e.preventDefault();
            close();
          }
        }}
      />
      <span className="terminal-find-count" aria-live="polite">
        {query ? (results && results.count > 0 ? `${results.index + 1} of ${results.count}` : 'No results') : ''}
      </span>
      <button type="button" className={`terminal-find-toggle${caseSensitive ? ' is-on' : ''}`} aria-pressed={caseSensitive} title="Match case" onClick={() => setCaseSensitive(!caseSensitive)}>
        Aa
      </button>
      <button type="button" className={`terminal-find-toggle${regex ? ' is-on' : ''}`} aria-pressed={regex} title="Regular expression" onClick={() => setRegex(!regex)}>
        .*
      </button>
      <IconButton icon="arrowUp" size="sm" label="Previous match" onClick={() => query && session.search.findPrevious(query, options(false))} />
      <IconButton icon="chevronDown" size="sm" label="Next match" onClick={() => query && session.search.findNext(query, options(false))} />
      <IconButton icon="close" size="sm" label="Close find" onClick={close} />
    </div>
  );
}
