/** The main window: sidebar, conversation, review and terminal panels. */
// First: zod must be configured before any schema of the contract is built.
import '../api/zod-csp';
import { isDesktopApp } from '../api/browser';
import { CommandsProvider } from '../features/commands/react';
import { createCommandRegistry } from '../features/commands/registry';
import { MainWindow } from '../features/shell/MainWindow';
import { mountWindow } from './mount';

const registry = createCommandRegistry();

mountWindow(() => (
  <CommandsProvider registry={registry}>
    <MainWindow webMode={!isDesktopApp()} />
  </CommandsProvider>
));
