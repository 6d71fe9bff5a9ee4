/** The Electron preload bridge (`window.tandem`), as shared/bridge.ts defines it for both ends. */
export type { TandemBridge } from '../../../shared/bridge';
