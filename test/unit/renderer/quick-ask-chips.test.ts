/** Quick ask's chip list: provider order, removed chips stay removed, and only kept text chips are sent. */
import { describe, expect, it } from 'vitest';
import type { ContextChip } from '../../../shared/contract';
import { addChips, chipsToSend, emptyChipList, removeChip, visibleChips } from '../../../renderer/src/features/context/chip-list';
import { workspaceForRepo } from '../../../renderer/src/features/quick-ask/workspace-for-repo';

const chip = (over: Partial<ContextChip> & Pick<ContextChip, 'id' | 'kind'>): ContextChip => ({
  label: over.id,
  text: `text of ${over.id}`,
  truncated: false,
  source: 'test',
  ...over,
});

describe('the quick-ask chip list', () => {
  it('keeps the providers’ order whatever order chips arrive in, and replaces a chip that comes twice', () => {
    let list = emptyChipList('s1');
    list = addChips(list, [chip({ id: 'git:/r', kind: 'git' })]);
    list = addChips(list, [chip({ id: 'win', kind: 'activeWindow' })]);
    list = addChips(list, [chip({ id: 'term:1', kind: 'terminal' })]);
    list = addChips(list, [chip({ id: 'git:/r', kind: 'git', text: 'newer' })]);
    expect(visibleChips(list).map((c) => c.id)).toEqual(['win', 'term:1', 'git:/r']);
    expect(visibleChips(list).find((c) => c.kind === 'git')?.text).toBe('newer');
  });

  it('never sends a removed chip, even when the snapshot’s answer brings it again', () => {
    let list = addChips(emptyChipList('s1'), [chip({ id: 'term:1', kind: 'terminal', text: 'SECRET OUTPUT' }), chip({ id: 'git:/r', kind: 'git' })]);
    list = removeChip(list, 'term:1');
    list = addChips(list, [chip({ id: 'term:1', kind: 'terminal', text: 'SECRET OUTPUT' })]);
    const sent = chipsToSend(list);
    expect(sent.map((c) => c.id)).toEqual(['git:/r']);
    expect(JSON.stringify(sent)).not.toContain('SECRET OUTPUT');
  });

  it('shows error chips but never sends them, nor chips without text; keeps the redaction count', () => {
    const list = addChips(emptyChipList('s1'), [
      chip({ id: 'sel', kind: 'selection', text: '', error: 'No answer within 50 ms' }),
      chip({ id: 'clip', kind: 'clipboard', text: '' }),
      chip({ id: 'git:/r', kind: 'git', text: 'token [redacted:github-token]', redactions: 1 }),
    ]);
    expect(visibleChips(list)).toHaveLength(3);
    expect(chipsToSend(list)).toEqual([{ id: 'git:/r', kind: 'git', label: 'git:/r', text: 'token [redacted:github-token]', truncated: false, source: 'test', redactions: 1 }]);
  });

  it('asks in the workspace that holds the git chip’s repo, else in none', () => {
    const ws = [
      { id: 'w1', path: '/home/me/shop', name: 'shop', isGit: true, addedAt: 1 },
      { id: 'w2', path: '/home/me/mono', name: 'mono', isGit: true, addedAt: 1 },
    ];
    expect(workspaceForRepo(['term:1', 'git:/home/me/shop'], ws)?.id).toBe('w1');
    expect(workspaceForRepo(['git:/home/me/mono/packages/api'], ws)?.id).toBe('w2');
    expect(workspaceForRepo(['git:/home/me/shopping'], ws)).toBeNull();
    expect(workspaceForRepo(['term:1'], ws)).toBeNull();
  });
});
