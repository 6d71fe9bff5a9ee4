/**
 * The chips of one snapshot as the quick-ask window holds them: they arrive one by one (`context.chip`)
 * and then all at once (the snapshot's answer), in any order, possibly twice; the user removes some.
 * Pure, so the rules — provider order, removed stays removed, error chips never sent — are tested alone.
 */
import { CONTEXT_PROVIDER_IDS, type ContextChip, type TurnContextChip } from '../../../../shared/contract';

export interface ChipList {
  snapshotId: string;
  chips: ContextChip[];
  /** Ids the user removed; a late duplicate of a removed chip does not come back. */
  removed: string[];
}

export const emptyChipList = (snapshotId: string): ChipList => ({ snapshotId, chips: [], removed: [] });

const order = (kind: string) => CONTEXT_PROVIDER_IDS.indexOf(kind as (typeof CONTEXT_PROVIDER_IDS)[number]);

/** Adds or replaces chips (matched by id), keeping the providers' order so chips do not jump around. */
export function addChips(list: ChipList, incoming: readonly ContextChip[]): ChipList {
  if (incoming.length === 0) return list;
  const byId = new Map(list.chips.map((c) => [c.id, c]));
  for (const chip of incoming) byId.set(chip.id, chip);
  const chips = [...byId.values()].sort((a, b) => order(a.kind) - order(b.kind));
  return { ...list, chips };
}

export function removeChip(list: ChipList, id: string): ChipList {
  if (list.removed.includes(id)) return list;
  return { ...list, removed: [...list.removed, id] };
}

/** What the user sees: every chip not removed (error chips too, so a failure is visible). */
export function visibleChips(list: ChipList): ContextChip[] {
  return list.chips.filter((c) => !list.removed.includes(c.id));
}

/** What goes out: the visible chips that carry text. Images are not sent as text. */
export function chipsToSend(list: ChipList): TurnContextChip[] {
  return visibleChips(list)
    .filter((c) => !c.error && c.text.length > 0)
    .map((c) => ({
      id: c.id,
      kind: c.kind,
      label: c.label,
      text: c.text,
      truncated: c.truncated,
      source: c.source,
      ...(c.redactions ? { redactions: c.redactions } : {}),
    }));
}
