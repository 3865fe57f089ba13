// Shared data and queues, keyed by the plugin's vm_id (process-wide, like Envoy). Queue-ready
// notifications are posted asynchronously to the registrant's root context, never inline.
import { WasmResult } from "../abi/envoy-abi.ts";
import { rootOf } from "../context.ts";
import type { WasmVm } from "../vm.ts";
import type { HostFunctions } from "./types.ts";

export function sharedFunctions(vm: WasmVm): HostFunctions {
  const s = vm.services.shared;
  const vmId = vm.services.plugin.vmId;
  return {
    proxy_get_shared_data(kPtr: number, kLen: number, vPtrPtr: number, vSizePtr: number, casPtr: number): number {
      const k = vm.memory.readString(kPtr, kLen);
      if (k === null) return WasmResult.InvalidMemoryAccess;
      const e = s.get(vmId, k);
      if (!e) return WasmResult.NotFound;
      const r = vm.memory.copyOut(e.value, vPtrPtr, vSizePtr);
      if (r !== WasmResult.Ok) return r;
      return vm.memory.writeU32(casPtr, e.cas) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
    },
    proxy_set_shared_data(kPtr: number, kLen: number, vPtr: number, vLen: number, cas: number): number {
      const k = vm.memory.readString(kPtr, kLen);
      const v = vm.memory.read(vPtr, vLen);
      if (k === null || v === null) return WasmResult.InvalidMemoryAccess;
      return s.set(vmId, k, v, cas >>> 0);
    },
    proxy_register_shared_queue(nPtr: number, nLen: number, tokenPtr: number): number {
      const name = vm.memory.readString(nPtr, nLen);
      const ctx = vm.context();
      if (name === null) return WasmResult.InvalidMemoryAccess;
      if (!ctx) return WasmResult.BadArgument;
      const root = rootOf(ctx);
      const token = s.register(vmId, name, {
        notify: (t) => {
          vm.services.track(new Promise<void>((resolve) => setImmediate(() => {
            if (!vm.failed && vm.contexts.has(root.id)) vm.callAndFlush(root, "proxy_on_queue_ready", root.id, t);
            resolve();
          })));
        },
      });
      return vm.memory.writeU32(tokenPtr, token) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
    },
    proxy_resolve_shared_queue(vPtr: number, vLen: number, nPtr: number, nLen: number, tokenPtr: number): number {
      const id = vm.memory.readString(vPtr, vLen);
      const name = vm.memory.readString(nPtr, nLen);
      if (id === null || name === null) return WasmResult.InvalidMemoryAccess;
      const token = s.resolve(id === "" ? vmId : id, name);
      if (token === undefined) return WasmResult.NotFound;
      return vm.memory.writeU32(tokenPtr, token) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
    },
    proxy_dequeue_shared_queue(token: number, ptrPtr: number, sizePtr: number): number {
      const r = s.dequeue(token >>> 0);
      if (!r.value) return r.result;
      return vm.memory.copyOut(r.value, ptrPtr, sizePtr);
    },
    proxy_enqueue_shared_queue(token: number, ptr: number, len: number): number {
      const v = vm.memory.read(ptr, len);
      if (v === null) return WasmResult.InvalidMemoryAccess;
      return s.enqueue(token >>> 0, v);
    },
  };
}
