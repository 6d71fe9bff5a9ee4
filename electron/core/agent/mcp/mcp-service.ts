/**
 * The MCP part of the contract (`mcp.*`): the settings list and its actions. A workspace id names the
 * repository whose `.mcp.json` is meant; its folder is the repository root.
 */
import { RpcError } from '../../../../shared/contract';
import type { Store } from '../../store';
import type { Handlers } from '../../transport/router';
import type { McpServers } from './servers';

type McpHandlers = Pick<Handlers, 'mcp.list' | 'mcp.addUserServer' | 'mcp.removeUserServer' | 'mcp.setRepoServerEnabled' | 'mcp.connect'>;

export function mcpHandlers(servers: McpServers, store: Store): McpHandlers {
  const rootOf = (workspaceId: string | undefined): string | null => {
    if (workspaceId === undefined) return null;
    const workspace = store.workspaces.get(workspaceId);
    if (!workspace) throw new RpcError('not_found', `No workspace with id ${workspaceId}`);
    return workspace.path;
  };
  return {
    'mcp.list': ({ workspaceId }) => servers.list(rootOf(workspaceId)),
    'mcp.addUserServer': async ({ name, config, workspaceId }) => {
      const root = rootOf(workspaceId);
      await servers.addUserServer(name, config);
      return servers.list(root);
    },
    'mcp.removeUserServer': async ({ name, workspaceId }) => {
      const root = rootOf(workspaceId);
      await servers.removeUserServer(name);
      return servers.list(root);
    },
    'mcp.setRepoServerEnabled': async ({ workspaceId, name, enabled }) => {
      const root = rootOf(workspaceId)!;
      await servers.setRepoServerEnabled(root, name, enabled);
      return servers.list(root);
    },
    'mcp.connect': async ({ name, scope, workspaceId }) => {
      const root = rootOf(workspaceId);
      await servers.connect(scope, name, root);
      return servers.list(root);
    },
  };
}
