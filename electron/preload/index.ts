/**
 * The preload script of every Tandem window (sandboxed, contextIsolation on). It exposes exactly one
 * global, `window.tandem`, with `invoke` and `on`; the page gets no ipcRenderer and no Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, readContractArguments } from '../../shared/bridge';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer, readContractArguments(process.argv)));
