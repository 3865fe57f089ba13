// Tick timers (EW wasm.cc setTimerPeriod/tickHandler): one per ROOT context per VM; the first tick
// comes one period after it is set, and the timer is re-armed after each proxy_on_tick. If the module
// does not export proxy_on_tick, the timer is never re-armed.
import { WasmResult } from "../abi/envoy-abi.ts";
import { rootOf, type RootContext } from "../context.ts";
import type { WasmVm } from "../vm.ts";
import type { HostFunctions } from "./types.ts";

export function armTimer(vm: WasmVm, root: RootContext): void {
  if (root.timer) { root.timer.cancel(); root.timer = null; }
  if (root.tickPeriodMs <= 0 || vm.failed) return;
  const period = root.tickPeriodMs;
  const handle = vm.services.clock.schedule(period, () => {
    if (root.timer !== handle) return;
    root.timer = null;
    if (vm.failed || !vm.contexts.has(root.id)) return;
    if (!vm.hasExport("proxy_on_tick")) return;
    vm.callAndFlush(root, "proxy_on_tick", root.id);
    // Re-arm unless the tick changed the period itself (which armed a new timer) or failed the VM.
    if (root.timer === null && !vm.failed) armTimer(vm, root);
  });
  root.timer = handle;
}

export function timerFunctions(vm: WasmVm): HostFunctions {
  return {
    proxy_set_tick_period_milliseconds(ms: number): number {
      const ctx = vm.context();
      if (!ctx) return WasmResult.BadArgument;
      const root = rootOf(ctx);
      root.tickPeriodMs = ms >>> 0;
      armTimer(vm, root);
      return WasmResult.Ok;
    },
    proxy_get_current_time_nanoseconds(ptr: number): number {
      return vm.memory.writeU64(ptr, vm.services.clock.nowNs()) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
    },
  };
}
