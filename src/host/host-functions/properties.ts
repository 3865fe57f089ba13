// proxy_get_property / proxy_set_property. Paths are 0x00-separated segments (a trailing 0x00 is
// tolerated); set_property stores the filter-state object wasm.<path> and needs a stream.
import { WasmResult } from "../abi/envoy-abi.ts";
import { resolveProperty } from "../properties.ts";
import type { WasmVm } from "../vm.ts";
import type { HostFunctions } from "./types.ts";

function segments(path: Buffer): string[] {
  let s = path.toString("utf8");
  while (s.endsWith("\u0000")) s = s.slice(0, -1);
  return s.length ? s.split("\u0000") : [];
}

export function propertyFunctions(vm: WasmVm): HostFunctions {
  return {
    proxy_get_property(pPtr: number, pLen: number, vPtrPtr: number, vSizePtr: number): number {
      const path = vm.memory.read(pPtr, pLen);
      if (path === null) return WasmResult.InvalidMemoryAccess;
      const v = resolveProperty(vm.services, vm.context(), segments(path));
      if (v === undefined) return WasmResult.NotFound;
      return vm.memory.copyOut(v, vPtrPtr, vSizePtr);
    },
    proxy_set_property(pPtr: number, pLen: number, vPtr: number, vLen: number): number {
      const path = vm.memory.read(pPtr, pLen);
      const value = vm.memory.read(vPtr, vLen);
      if (path === null || value === null) return WasmResult.InvalidMemoryAccess;
      const ctx = vm.context();
      if (ctx?.kind !== "stream") return WasmResult.NotFound; // no stream info in a root context
      ctx.binding.filterState.set(segments(path).join("\u0000"), value);
      return WasmResult.Ok;
    },
  };
}
