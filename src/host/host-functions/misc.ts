// env functions outside the proxy_* families: foreign functions, pthread_equal,
// emscripten_notify_memory_growth and Envoy's envoy_resolve_dns.
import { lookup } from "node:dns/promises";
import { deflateSync, inflateSync } from "node:zlib";
import { WasmResult } from "../abi/envoy-abi.ts";
import { atLeast } from "../abi-table.ts";
import { rootOf } from "../context.ts";
import type { WasmVm } from "../vm.ts";
import type { HostFunctions } from "./types.ts";

export function miscFunctions(vm: WasmVm): HostFunctions {
  let nextDnsToken = 1;
  return {
    proxy_call_foreign_function(nPtr: number, nLen: number, aPtr: number, aLen: number, rPtrPtr: number, rSizePtr: number): number {
      const name = vm.memory.readString(nPtr, nLen);
      const args = vm.memory.read(aPtr, aLen);
      if (name === null || args === null) return WasmResult.InvalidMemoryAccess;
      switch (name) {
        // Envoy foreign.cc: zlib compress()/uncompress() of the argument bytes.
        case "compress": return vm.memory.copyOut(deflateSync(args), rPtrPtr, rSizePtr);
        case "uncompress":
          try { return vm.memory.copyOut(inflateSync(args), rPtrPtr, rSizePtr); } catch { return WasmResult.SerializationFailure; }
        case "clear_route_cache":
          // 1.33+; this host has no route table, so there is nothing to clear.
          return atLeast(vm.envoy, "1.33") ? WasmResult.Ok : WasmResult.NotFound;
        default:
          vm.hostLog(3, `proxy_call_foreign_function: ${name} is not emulated by this host (NotFound)`);
          return WasmResult.NotFound;
      }
    },
    pthread_equal: (a: number, b: number) => (a === b ? 1 : 0),
    emscripten_notify_memory_growth: () => undefined,
    // Result goes to envoy_on_resolve_dns(root, token, size) with CallData (buffer 8):
    // u32 count, count x u32 TTL, then count NUL-terminated addresses.
    envoy_resolve_dns(aPtr: number, aLen: number, tokenPtr: number): number {
      const addr = vm.memory.readString(aPtr, aLen);
      if (addr === null) return WasmResult.InvalidMemoryAccess;
      const ctx = vm.context();
      if (!ctx) return WasmResult.BadArgument;
      const root = rootOf(ctx);
      const token = nextDnsToken++;
      if (!vm.memory.writeU32(tokenPtr, token)) return WasmResult.InvalidMemoryAccess;
      vm.services.track(lookup(addr, { all: true }).catch(() => []).then((found) => {
        if (vm.failed || !vm.contexts.has(root.id)) return;
        const head = Buffer.alloc(4 + 4 * found.length);
        head.writeUInt32LE(found.length, 0);
        found.forEach((_, i) => head.writeUInt32LE(0, 4 + 4 * i));
        const data = Buffer.concat([head, ...found.map((f) => Buffer.from(`${f.address}\u0000`))]);
        root.callData = { maps: {}, buffers: { 8: data } };
        vm.call(root, "envoy_on_resolve_dns", root.id, token, data.length);
        root.callData = null;
        vm.flush();
      }));
      return WasmResult.Ok;
    },
  };
}
