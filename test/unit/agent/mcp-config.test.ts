// MCP pieces that need no server: tool names that fit the APIs, schemas the APIs accept, config entries.
import { describe, expect, it } from 'vitest';
import { expandVariables, parseUserServers } from '../../../electron/core/agent/mcp/config';
import { assignToolNames, mcpToolName } from '../../../electron/core/agent/mcp/tool-names';
import { functionParameters } from '../../../electron/core/agent/mcp/tool-schema';
import { mcpCallVerdict } from '../../../electron/core/agent/mcp/mcp-tool';
import { capText } from '../../../electron/core/agent/mcp/tool-result';

const API_NAME = /^[A-Za-z0-9_-]{1,64}$/;

describe('MCP tool names', () => {
  it('are mcp__server__tool, cleaned to the characters and length the APIs allow', () => {
    expect(mcpToolName('github', 'create_issue')).toBe('mcp__github__create_issue');
    expect(mcpToolName('my.server', 'files/read file')).toBe('mcp__my_server__files_read_file');
    const long = mcpToolName('server', 'x'.repeat(100));
    expect(long).toMatch(API_NAME);
    expect(long).toHaveLength(64);
    expect(mcpToolName('server', 'x'.repeat(100))).toBe(long);
  });

  it('stay unique when cleaning makes two the same, and never take a built-in name', () => {
    const names = assignToolNames(
      [
        { server: 'a', tool: 'x.y' },
        { server: 'a', tool: 'x_y' },
      ],
      new Set(['shell']),
    );
    expect(names[0]).toBe('mcp__a__x_y');
    expect(names[1]).not.toBe(names[0]);
    expect(names[1]).toMatch(API_NAME);
  });
});

describe('MCP input schemas', () => {
  it('become an object schema at the top, without $schema or top-level combinators', () => {
    expect(functionParameters({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { type: 'string' } }, required: ['a'] })).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
    });
    expect(functionParameters({ anyOf: [{ type: 'object' }] })).toEqual({ type: 'object', properties: {} });
    expect(functionParameters(null)).toEqual({ type: 'object', properties: {} });
  });
});

describe('MCP approval verdicts', () => {
  const base = { server: 's', tool: 't', alwaysAllowed: false };
  it('never runs everything; on-request runs read-only tools; untrusted asks for all; "always" runs', () => {
    expect(mcpCallVerdict({ ...base, policy: 'never', readOnly: false }).kind).toBe('run');
    expect(mcpCallVerdict({ ...base, policy: 'on-request', readOnly: true }).kind).toBe('run');
    expect(mcpCallVerdict({ ...base, policy: 'on-request', readOnly: false }).kind).toBe('ask');
    expect(mcpCallVerdict({ ...base, policy: 'untrusted', readOnly: true }).kind).toBe('ask');
    expect(mcpCallVerdict({ ...base, policy: 'untrusted', readOnly: false, alwaysAllowed: true }).kind).toBe('run');
  });
});

describe('MCP config entries', () => {
  it('fill ${VAR} and ${VAR:-default}, and name the field of an unset variable', () => {
    expect(expandVariables('Bearer ${TOKEN}', { TOKEN: 'abc' }, 'headers.Authorization')).toBe('Bearer abc');
    expect(expandVariables('${PORT:-8080}', {}, 'url')).toBe('8080');
    expect(() => expandVariables('${TOKEN}', {}, 'headers.Authorization')).toThrow('headers.Authorization uses ${TOKEN}, which is not set');
  });

  it('user servers: a bad entry is reported and left out, the others kept; cwd is made absolute', () => {
    const loaded = parseUserServers({ ok: { command: 'node', args: ['s.js'], cwd: 'srv' }, 'bad name': { command: 'x' }, extra: { command: 'x', shell: true } }, {}, '/home/u');
    expect(loaded.servers.map((s) => s.name)).toEqual(['ok']);
    expect(loaded.servers[0]!.resolved).toMatchObject({ command: 'node', cwd: '/home/u/srv' });
    expect(loaded.problems.map((p) => p.message)).toEqual(['bad name: Use letters, digits, "_", "-" and "." in server names', 'extra: entry: Unrecognized key: "shell"']);
  });
});

describe('MCP result text', () => {
  it('keeps head and tail of a long result and counts what was dropped', () => {
    const capped = capText('a'.repeat(50) + 'b'.repeat(50), 20);
    expect(capped).toBe(`${'a'.repeat(10)}\n[… 80 characters elided …]\n${'b'.repeat(10)}`);
  });
});
