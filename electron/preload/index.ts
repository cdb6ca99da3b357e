/**
 * The preload exposes the contract's two verbs and nothing else: no ipcRenderer, no Node.
 * Names and payloads are checked in the main process against the contract table.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../contract/ipc-channels';

contextBridge.exposeInMainWorld('accueil', {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_INVOKE, name, input),
  on: (event: string, handler: (payload: unknown) => void): (() => void) => {
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) handler(payload);
    };
    ipcRenderer.on(IPC_EVENT, listener);
    return () => ipcRenderer.removeListener(IPC_EVENT, listener);
  },
});
