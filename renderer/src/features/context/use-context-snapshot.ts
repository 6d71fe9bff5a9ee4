/**
 * One context snapshot for the quick-ask window: a fresh snapshotId, chips painted as each provider
 * answers (`context.chip` events with that id), then the whole snapshot (what was held back, what this
 * machine cannot give). The user removes chips; the screenshot is taken only when asked for.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContextSnapshot } from '../../../../shared/contract';
import type { TandemClient } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { addChips, emptyChipList, removeChip, type ChipList } from './chip-list';

export interface ContextSnapshotState {
  list: ChipList;
  /** The snapshot's answer, once every provider is done. */
  snapshot: ContextSnapshot | null;
  loading: boolean;
  error: string | null;
  takingScreenshot: boolean;
}

const newSnapshotId = () => `qa-${crypto.randomUUID()}`;

export function useContextSnapshot(client: TandemClient, workspacePath: string | undefined) {
  const [state, setState] = useState<ContextSnapshotState>(() => ({
    list: emptyChipList(''),
    snapshot: null,
    loading: false,
    error: null,
    takingScreenshot: false,
  }));
  const current = useRef('');
  const workspace = useRef(workspacePath);
  workspace.current = workspacePath;

  const refresh = useCallback(() => {
    const snapshotId = newSnapshotId();
    current.current = snapshotId;
    setState({ list: emptyChipList(snapshotId), snapshot: null, loading: true, error: null, takingScreenshot: false });
    const body = workspace.current ? { snapshotId, workspacePath: workspace.current } : { snapshotId };
    client.invoke('context.snapshot', body).then(
      (snapshot) => {
        if (current.current !== snapshotId) return;
        setState((s) => ({ ...s, list: addChips(s.list, snapshot.chips), snapshot, loading: false }));
      },
      (err: unknown) => {
        if (current.current !== snapshotId) return;
        setState((s) => ({ ...s, loading: false, error: describeError(err) }));
      },
    );
  }, [client]);

  // Chips arrive before the snapshot's answer: listen for the whole life of the window, match by id.
  useEffect(
    () =>
      client.on('context.chip', ({ snapshotId, chip }) => {
        if (snapshotId !== current.current) return;
        setState((s) => ({ ...s, list: addChips(s.list, [chip]) }));
      }),
    [client],
  );

  const remove = useCallback((id: string) => setState((s) => ({ ...s, list: removeChip(s.list, id) })), []);

  /** Takes a screenshot (its own snapshot) and adds only its chip to the current list. */
  const addScreenshot = useCallback(async () => {
    const owner = current.current;
    setState((s) => ({ ...s, takingScreenshot: true, error: null }));
    try {
      const shot = await client.invoke('context.snapshot', { includeScreenshot: true, snapshotId: newSnapshotId() });
      if (current.current !== owner) return;
      const chips = shot.chips.filter((c) => c.kind === 'screenshot');
      const error = chips.length === 0 ? (shot.excluded[0] ?? shot.unavailable.find((u) => /screenshot/i.test(u)) ?? 'No screenshot could be taken.') : null;
      setState((s) => ({ ...s, list: addChips(s.list, chips), takingScreenshot: false, error }));
    } catch (err) {
      if (current.current === owner) setState((s) => ({ ...s, takingScreenshot: false, error: describeError(err) }));
    }
  }, [client]);

  return { ...state, refresh, remove, addScreenshot };
}
