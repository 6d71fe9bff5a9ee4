/** Whether keys should read the macOS way (⌘ instead of Ctrl). Decided by the browser's platform, not the core's. */
export const isMac: boolean =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/i.test((navigator as { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.platform ?? '');
