// Settings → MCP servers → "Add a server": what the user typed becomes the entry the contract accepts,
// or errors beside the fields that are wrong.
import { describe, expect, it } from 'vitest';
import { EMPTY_MCP_FORM, splitWords, toServerEntry } from '../../../renderer/src/features/mcp/mcp-form';

describe('the add-server form', () => {
  it('makes a stdio entry: arguments split like a shell, env one NAME=value per line', () => {
    const entry = toServerEntry({ ...EMPTY_MCP_FORM, name: 'gh', command: ' npx ', args: `-y "@scope/server x" --flag='a b'`, env: 'TOKEN=${GH_TOKEN}\n\nMODE=ro' });
    expect(entry).toEqual({ name: 'gh', config: { command: 'npx', args: ['-y', '@scope/server x', '--flag=a b'], env: { TOKEN: '${GH_TOKEN}', MODE: 'ro' } } });
  });

  it('makes an HTTP entry with headers', () => {
    const entry = toServerEntry({ ...EMPTY_MCP_FORM, name: 'docs', kind: 'http', url: 'https://docs.example.com/mcp', headers: 'Authorization: Bearer x:y' });
    expect(entry).toEqual({ name: 'docs', config: { type: 'http', url: 'https://docs.example.com/mcp', headers: { Authorization: 'Bearer x:y' } } });
  });

  it('names each field that is wrong', () => {
    expect(toServerEntry({ ...EMPTY_MCP_FORM, name: 'a b', args: '"open', env: '=x' })).toEqual({
      errors: { name: 'Use letters, digits, "_", "-" and "." in server names', args: 'A quote is not closed', env: 'Line 1 needs the form NAME=value', command: 'Type the command that starts the server' },
    });
    expect(toServerEntry({ ...EMPTY_MCP_FORM, name: 'web', kind: 'http', url: 'ftp://x' })).toEqual({ errors: { url: 'Type an http:// or https:// address' } });
  });

  it('splits words, keeping empty quoted ones', () => {
    expect(splitWords(`a '' "b c"`)).toEqual(['a', '', 'b c']);
    expect(splitWords('   ')).toEqual([]);
  });
});
