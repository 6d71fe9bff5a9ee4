/**
 * The terminal panel's arrangement: tabs, each holding one or more terminals side by side (splits).
 * Pure functions over plain data, so the panel's behaviour is testable without a browser.
 */

export interface TerminalTab {
  id: string;
  /** Terminal ids, left to right. */
  panes: string[];
}

export interface PanelLayout {
  tabs: TerminalTab[];
  activeTab: string | null;
  /** The terminal that has (or last had) focus. */
  activePane: string | null;
}

export const EMPTY_LAYOUT: PanelLayout = { tabs: [], activeTab: null, activePane: null };

/** At most this many terminals side by side in one tab. */
export const MAX_PANES_PER_TAB = 4;

export function addTab(layout: PanelLayout, terminalId: string, activate = true): PanelLayout {
  if (findTab(layout, terminalId)) return activate ? focusPane(layout, terminalId) : layout;
  const tab: TerminalTab = { id: terminalId, panes: [terminalId] };
  return {
    tabs: [...layout.tabs, tab],
    activeTab: activate || !layout.activeTab ? tab.id : layout.activeTab,
    activePane: activate || !layout.activePane ? terminalId : layout.activePane,
  };
}

/** Puts `terminalId` right of `besideId` in the same tab. */
export function addPane(layout: PanelLayout, besideId: string, terminalId: string): PanelLayout {
  const tab = findTab(layout, besideId);
  if (!tab || tab.panes.length >= MAX_PANES_PER_TAB) return addTab(layout, terminalId);
  const at = tab.panes.indexOf(besideId) + 1;
  const panes = [...tab.panes.slice(0, at), terminalId, ...tab.panes.slice(at)];
  return {
    tabs: layout.tabs.map((t) => (t === tab ? { ...t, panes } : t)),
    activeTab: tab.id,
    activePane: terminalId,
  };
}

export function removeTerminal(layout: PanelLayout, terminalId: string): PanelLayout {
  const tab = findTab(layout, terminalId);
  if (!tab) return layout;
  const panes = tab.panes.filter((p) => p !== terminalId);
  const tabIndex = layout.tabs.indexOf(tab);
  const tabs = panes.length > 0 ? layout.tabs.map((t) => (t === tab ? { ...t, panes } : t)) : layout.tabs.filter((t) => t !== tab);
  let { activeTab, activePane } = layout;
  if (activePane === terminalId) {
    const paneIndex = tab.panes.indexOf(terminalId);
    if (panes.length > 0) activePane = panes[Math.min(paneIndex, panes.length - 1)]!;
    else {
      const next = tabs[Math.min(tabIndex, tabs.length - 1)];
      activeTab = next?.id ?? null;
      activePane = next?.panes[0] ?? null;
    }
  } else if (activeTab === tab.id && panes.length === 0) {
    activeTab = tabs[Math.min(tabIndex, tabs.length - 1)]?.id ?? null;
  }
  return { tabs, activeTab, activePane };
}

export function focusPane(layout: PanelLayout, terminalId: string): PanelLayout {
  const tab = findTab(layout, terminalId);
  if (!tab) return layout;
  return { ...layout, activeTab: tab.id, activePane: terminalId };
}

export function selectTab(layout: PanelLayout, tabId: string): PanelLayout {
  const tab = layout.tabs.find((t) => t.id === tabId);
  if (!tab) return layout;
  const pane = layout.activePane && tab.panes.includes(layout.activePane) ? layout.activePane : tab.panes[0]!;
  return { ...layout, activeTab: tab.id, activePane: pane };
}

/** Keeps what still exists (in saved order), drops the rest, gives unknown terminals their own tabs. */
export function reconcile(layout: PanelLayout, existing: readonly string[]): PanelLayout {
  const alive = new Set(existing);
  let next: PanelLayout = {
    tabs: layout.tabs.map((t) => ({ ...t, panes: t.panes.filter((p) => alive.has(p)) })).filter((t) => t.panes.length > 0),
    activeTab: layout.activeTab,
    activePane: layout.activePane,
  };
  for (const id of existing) if (!findTab(next, id)) next = addTab(next, id, false);
  if (!next.tabs.some((t) => t.id === next.activeTab)) next = { ...next, activeTab: next.tabs[0]?.id ?? null };
  const active = next.tabs.find((t) => t.id === next.activeTab);
  if (!active || !next.activePane || !active.panes.includes(next.activePane)) next = { ...next, activePane: active?.panes[0] ?? null };
  return next;
}

export function findTab(layout: PanelLayout, terminalId: string): TerminalTab | undefined {
  return layout.tabs.find((t) => t.panes.includes(terminalId));
}

/** Reads a saved layout, accepting only the right shape. */
export function parseLayout(raw: unknown): PanelLayout | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Partial<PanelLayout>;
  if (!Array.isArray(r.tabs)) return null;
  const tabs = r.tabs.filter(
    (t): t is TerminalTab => typeof t === 'object' && t !== null && typeof t.id === 'string' && Array.isArray(t.panes) && t.panes.every((p) => typeof p === 'string'),
  );
  return {
    tabs,
    activeTab: typeof r.activeTab === 'string' ? r.activeTab : null,
    activePane: typeof r.activePane === 'string' ? r.activePane : null,
  };
}
