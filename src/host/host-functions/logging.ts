// proxy_log / proxy_get_log_level: levels 0..5 (trace..critical); get_log_level may report 6 (off).
import { WasmResult } from "../abi/envoy-abi.ts";
import type { WasmVm } from "../vm.ts";
import type { HostFunctions } from "./types.ts";

export function loggingFunctions(vm: WasmVm): HostFunctions {
  return {
    proxy_log(level: number, ptr: number, len: number): number {
      if (level >>> 0 > 5) return WasmResult.BadArgument;
      const msg = vm.memory.readString(ptr, len);
      if (msg === null) return WasmResult.InvalidMemoryAccess;
      vm.logFromGuest(level, msg);
      return WasmResult.Ok;
    },
    proxy_get_log_level(ptr: number): number {
      return vm.memory.writeU32(ptr, vm.services.logs.level) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
    },
  };
}
