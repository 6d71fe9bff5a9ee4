/** The thread's title in its header; F2, a double-click or the command palette edit it in place. */
import { useEffect, useRef, useState } from 'react';
import type { Thread } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useStores, useUi } from '../../stores/react';
import { useFocusRequest } from '../shell/use-focus-request';

export function ThreadTitle({ thread, takesComposerFocus }: { thread: Thread; /** The message box is disabled: focus meant for it lands here. */ takesComposerFocus: boolean }) {
  const { ui, threads } = useStores();
  const editing = useUi((s) => s.renamingThreadId === thread.id);
  const [value, setValue] = useState(thread.title);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (editing) {
      setValue(thread.title);
      setError(null);
      requestAnimationFrame(() => input.current?.select());
    }
  }, [editing, thread.title]);

  useFocusRequest(takesComposerFocus ? ['conversation', 'composer'] : ['conversation'], () => heading.current?.focus(), !editing);

  const stop = (refocus: boolean) => {
    ui.getState().setRenaming(null);
    if (refocus) requestAnimationFrame(() => heading.current?.focus());
  };

  const save = async () => {
    const title = value.trim();
    if (title === thread.title) return stop(true);
    if (!title) {
      setError('A title cannot be empty');
      return;
    }
    try {
      await threads.getState().rename(thread.id, title);
      stop(true);
    } catch (err) {
      setError(describeError(err));
    }
  };

  if (editing) {
    return (
      <div className="thread-title-edit">
        <input
          ref={input}
          className="input input-sm"
          value={value}
          aria-label="Thread title"
          aria-invalid={error ? true : undefined}
          maxLength={200}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void save();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              stop(true);
            }
          }}
          onBlur={() => {
            if (!error) void save();
          }}
        />
        {error && (
          <span className="thread-title-error" role="alert">
            {error}
          </span>
        )}
      </div>
    );
  }
  return (
    <h1 ref={heading} className="thread-title truncate" tabIndex={-1} title="Double-click or press F2 to rename" onDoubleClick={() => ui.getState().setRenaming(thread.id)} data-region-focus="">
      {thread.title}
    </h1>
  );
}
