/** The preload script: exposes exactly one function to the renderer, `workbench.call(name, input)`. */
import { contextBridge, ipcRenderer } from 'electron';
import type { Bridge } from '../../shared/api';
import { fromWire, type WireError } from '../../shared/errors';

const bridge: Bridge = {
  call: async (name, input) => {
    const reply = (await ipcRenderer.invoke('api', name, input)) as { ok: true; value: never } | { ok: false; error: WireError };
    if (!reply.ok) throw fromWire(reply.error);
    return reply.value;
  },
};

contextBridge.exposeInMainWorld('workbench', bridge);
