/** A keyboard shortcut drawn as keys. */
import { shortcutKeys } from '../features/commands/keymap';
import { isMac } from '../features/commands/platform';

export function Kbd({ shortcut, className }: { shortcut: string; className?: string }) {
  const keys = shortcutKeys(shortcut, isMac);
  return (
    <span className={className ? `kbd-group ${className}` : 'kbd-group'} aria-label={keys.join(isMac ? ' ' : '+')}>
      {keys.map((k, i) => (
        <kbd key={i} className="kbd">
          {k}
        </kbd>
      ))}
    </span>
  );
}
