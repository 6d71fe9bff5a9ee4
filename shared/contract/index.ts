/**
 * The contract: every method the UI can call and every event the core can send.
 * One place, both transports (Electron IPC, WebSocket) and the renderer client are typed from it.
 * Each domain declares its part in its own file; this file only joins them.
 */
import type { z } from 'zod';
import { agentEvents, agentMethods } from './agent';
import { appEvents, appMethods } from './app';
import { codeEvents, codeMethods } from './code';
import { contextEvents, contextMethods } from './context';
import type { EventSpec, MethodSpec } from './define';
import { mcpEvents, mcpMethods } from './mcp';
import { planEvents, planMethods } from './plans';
import { providerEvents, providerMethods } from './provider';
import { reviewEvents, reviewMethods } from './review';
import { settingsEvents, settingsMethods } from './settings';
import { skillEvents, skillMethods } from './skills';
import { suggestionEvents, suggestionMethods } from './suggestions';
import { terminalEvents, terminalMethods } from './terminals';
import { threadEvents, threadMethods } from './threads';
import { workspaceEvents, workspaceMethods } from './workspaces';

export const methods = {
  ...appMethods,
  ...settingsMethods,
  ...providerMethods,
  ...workspaceMethods,
  ...threadMethods,
  ...terminalMethods,
  ...reviewMethods,
  ...agentMethods,
  ...planMethods,
  ...mcpMethods,
  ...skillMethods,
  ...contextMethods,
  ...suggestionMethods,
  ...codeMethods,
} satisfies Record<string, MethodSpec<z.ZodType, unknown>>;

export const events = {
  ...appEvents,
  ...settingsEvents,
  ...providerEvents,
  ...workspaceEvents,
  ...threadEvents,
  ...terminalEvents,
  ...reviewEvents,
  ...agentEvents,
  ...planEvents,
  ...mcpEvents,
  ...skillEvents,
  ...contextEvents,
  ...suggestionEvents,
  ...codeEvents,
} satisfies Record<string, EventSpec<unknown>>;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods;
export type EventName = keyof Events;

/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives after validation (defaults applied). */
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Methods[M]['output']>;
export type EventPayload<E extends EventName> = NonNullable<Events[E]['payload']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

export * from './errors';
export * from './app';
export * from './settings';
export * from './provider';
export * from './workspaces';
export * from './threads';
export * from './review';
export * from './terminals';
export * from './agent';
export * from './plans';
export * from './mcp';
export * from './skills';
export * from './context';
export * from './suggestions';
export * from './code';
export type { MethodSpec, EventSpec } from './define';
