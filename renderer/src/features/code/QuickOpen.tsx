/**
 * Mod+P: type a few letters of a file name, Enter opens it. The core ranks every file of the folder
 * on each keystroke (name matches first, recent files up). "name:42" or "name:42:7" opens at that
 * line and column, as in editors.
 */
import { useEffect, useRef, useState } from 'react';
import type { QuickOpenMatch } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useStores } from '../../stores/react';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { Kbd } from '../../ui/Kbd';
import { MatchedText, Picker } from '../../ui/Picker';
import { splitLineSuffix } from './quick-open-query';
import { useCode, useCodeFeature } from './use-code';
import '../commands/palette.css';

const LIMIT = 50;

export function QuickOpenDialog({ root }: { root: string | null }) {
  const open = useCode((s) => s.quickOpen);
  const feature = useCodeFeature();
  const close = () => feature.store.getState().setQuickOpen(false);
  return (
    <Dialog open={open} onClose={close} label="Go to file" className="palette-dialog code-quick-open">
      {open && <QuickOpenBody root={root} onClose={close} />}
    </Dialog>
  );
}

function QuickOpenBody({ root, onClose }: { root: string | null; onClose(): void }) {
  const { client } = useStores();
  const feature = useCodeFeature();
  const recent = useCode((s) => (root ? s.recent[root] : undefined));
  const [input, setInput] = useState('');
  const [matches, setMatches] = useState<QuickOpenMatch[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const { query, line, column } = splitLineSuffix(input);

  useEffect(() => {
    if (!root) return;
    const mine = ++seq.current;
    client.invoke('code.quickOpen', { root, query, limit: LIMIT, recent: (recent ?? []).slice(0, 100) }).then(
      (result) => {
        // Answers can overtake each other; only the latest query's counts.
        if (mine !== seq.current) return;
        setMatches(result.matches);
        setTotal(result.total);
        setError(null);
      },
      (err: unknown) => {
        if (mine === seq.current) setError(describeError(err));
      },
    );
  }, [client, root, query, recent]);

  const choose = (match: QuickOpenMatch) => {
    if (!root) return;
    onClose();
    void feature.openCodeAt(match.path, line, column, { root });
  };

  const notice = error
    ? error
    : root && total !== null && matches.length === 0
      ? total === 0
        ? 'This folder has no files.'
        : `No file matches “${query}”.`
      : null;

  return (
    <Picker
      items={matches}
      itemKey={(m) => m.path}
      itemAttributes={(m) => ({ 'data-path': m.path })}
      onChoose={choose}
      query={input}
      onQuery={setInput}
      placeholder={root ? 'Go to file — name, or name:line' : 'Add a folder to browse its files'}
      disabled={!root}
      inputLabel="File name"
      listLabel="Files"
      notice={notice}
      renderItem={(match) => {
        const slash = match.path.lastIndexOf('/');
        const name = match.path.slice(slash + 1);
        const dir = slash < 0 ? '' : match.path.slice(0, slash);
        return (
          <>
            <Icon name="file" size={15} className="palette-item-icon" />
            <span className="code-qo-name">
              <MatchedText text={name} positions={match.positions} offset={slash + 1} />
            </span>
            <span className="code-qo-dir truncate">
              <MatchedText text={dir} positions={match.positions} />
            </span>
          </>
        );
      }}
      footer={
        <>
          <span>
            <Kbd shortcut="ArrowUp" /> <Kbd shortcut="ArrowDown" /> move
          </span>
          <span>
            <Kbd shortcut="Enter" /> open
          </span>
          <span>name:42 opens at line 42</span>
          {total !== null && <span className="code-qo-total">{total.toLocaleString()} files</span>}
        </>
      }
    />
  );
}
