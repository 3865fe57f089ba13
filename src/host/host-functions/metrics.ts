// proxy_define_metric / increment / record / get over the VM's MetricTable (ids per VM, stats shared).
import { WasmResult } from "../abi/envoy-abi.ts";
import type { WasmVm } from "../vm.ts";
import type { HostFunctions } from "./types.ts";

export function metricFunctions(vm: WasmVm): HostFunctions {
  return {
    proxy_define_metric(type: number, namePtr: number, nameLen: number, idPtr: number): number {
      const name = vm.memory.readString(namePtr, nameLen);
      if (name === null || !vm.memory.inBounds(idPtr, 4)) return WasmResult.InvalidMemoryAccess;
      const r = vm.metrics.define(type >>> 0, name);
      if (r.id !== undefined) vm.memory.writeU32(idPtr, r.id);
      return r.result;
    },
    proxy_increment_metric(id: number, offset: bigint): number {
      return vm.metrics.increment(id >>> 0, BigInt.asIntN(64, offset));
    },
    proxy_record_metric(id: number, value: bigint): number {
      return vm.metrics.record(id >>> 0, value);
    },
    proxy_get_metric(id: number, valuePtr: number): number {
      const r = vm.metrics.get(id >>> 0);
      if (r.value === undefined) return r.result;
      return vm.memory.writeU64(valuePtr, r.value) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
    },
  };
}
