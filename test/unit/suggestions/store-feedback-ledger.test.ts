import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../../electron/core/store';
import { StoreFeedbackLedger } from '../../../electron/core/suggestions/store-feedback-ledger';
import { makeTempDir } from '../../support/temp-dir';

describe('StoreFeedbackLedger', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let store: Store;
  beforeEach(() => {
    tmp = makeTempDir('tandem-ledger-');
    store = Store.open(tmp.dir);
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  it('keeps answers per kind, repo (or none) and situation, newest first, across a reopen', async () => {
    const s = store.suggestions.add({ kind: 'stack-trace', title: 't', why: 'w', confidence: 0.8, action: { type: 'explain', subject: 'x', cwd: null }, dedupeKey: 'k', repo: null });
    const ledger = new StoreFeedbackLedger(store.feedback, (id) => (id === 'pipeline-1' ? s.id : null));
    const base = { kind: 'stack-trace', repo: null, reason: null, at: 0 };
    ledger.record({ ...base, situation: 'clipboard:python', verdict: 'dismissed', suggestionId: 'pipeline-1' });
    await new Promise((r) => setTimeout(r, 5));
    ledger.record({ ...base, situation: 'clipboard:python', verdict: 'accepted', suggestionId: 'unknown-id' });
    ledger.record({ ...base, situation: 'selection:python', verdict: 'not_useful', suggestionId: null });
    ledger.record({ ...base, repo: '/r', situation: 'clipboard:python', verdict: 'not_useful', suggestionId: null });

    store.close();
    store = Store.open(tmp.dir);
    const reopened = new StoreFeedbackLedger(store.feedback);
    expect(reopened.recent('stack-trace', null, 'clipboard:python', 10).map((e) => e.verdict)).toEqual(['accepted', 'dismissed']);
    expect(reopened.recent('stack-trace', '/r', 'clipboard:python', 10).map((e) => e.verdict)).toEqual(['not_useful']);
    expect(reopened.recent('stack-trace', null, 'clipboard:python', 1)).toHaveLength(1);
    // The pipeline's id was translated to the inbox row; an id with no row is kept as no link.
    expect(store.feedback.forKind('stack-trace').map((f) => f.suggestionId).sort()).toEqual([null, null, null, s.id].sort());
  });
});
