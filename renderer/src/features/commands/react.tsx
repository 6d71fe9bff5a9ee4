/** React side of the command registry: provide it, contribute to it, read it, and run shortcuts from it. */
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { matchesShortcut, parseShortcut, type ParsedShortcut } from './keymap';
import { isMac } from './platform';
import { flatten, type Command, type CommandRegistry } from './registry';

const RegistryContext = createContext<CommandRegistry | null>(null);

export function CommandsProvider({ registry, children }: { registry: CommandRegistry; children: ReactNode }) {
  return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}

export function useCommandRegistry(): CommandRegistry {
  const registry = useContext(RegistryContext);
  if (!registry) throw new Error('useCommandRegistry() outside <CommandsProvider>');
  return registry;
}

/** Contributes `commands` while the calling component is mounted. Pass a memoised array. */
export function useRegisterCommands(source: string, commands: readonly Command[]): void {
  const registry = useCommandRegistry();
  useEffect(() => registry.register(source, commands), [registry, source, commands]);
}

export function useCommandList(): Command[] {
  const sources = useStore(useCommandRegistry(), (s) => s.sources);
  return useMemo(() => flatten(sources), [sources]);
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** A shortcut with no modifier and a printable key would steal typing; it only fires outside text fields. */
function isTypingKey(s: ParsedShortcut): boolean {
  return !s.mod && !s.ctrl && !s.alt && s.key.length === 1;
}

/**
 * Runs commands from their shortcuts. Listens on window in the bubble phase, so a focused widget that
 * owns a key (a terminal, the palette's own list) handles it first and calls preventDefault to keep it.
 */
export function useShortcutHandler(): void {
  const commands = useCommandList();
  const bindings = useMemo(
    () =>
      commands.flatMap((command) =>
        [command.shortcut, ...(command.alternateShortcuts ?? [])]
          .filter((s): s is string => Boolean(s))
          .map((s) => ({ command, shortcut: parseShortcut(s) })),
      ),
    [commands],
  );
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      for (const { command, shortcut } of bindings) {
        if (!matchesShortcut(shortcut, e, isMac)) continue;
        if (isTypingKey(shortcut) && isEditable(e.target)) return;
        if (command.enabled === false) return;
        e.preventDefault();
        e.stopPropagation();
        void command.run();
        return;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [bindings]);
}
