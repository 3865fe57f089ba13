// Local replies, continue/close, effective context, proxy_done and proxy_get_status. Stream actions
// are deferred by the stream itself until the current callback returns (Envoy defers them too).
import { WasmResult } from "../abi/envoy-abi.ts";
import { rootOf } from "../context.ts";
import { decodePairs } from "../pairs.ts";
import type { WasmVm } from "../vm.ts";
import type { HostFunctions } from "./types.ts";

export function streamControlFunctions(vm: WasmVm): HostFunctions {
  const continueStream = (type: number): number => {
    type >>>= 0;
    if (type > 3) return WasmResult.BadArgument;
    if (type === 3) return WasmResult.Unimplemented;
    const ctx = vm.context();
    if (ctx?.kind !== "stream" || type === 2) return WasmResult.BadArgument; // no network callbacks on an HTTP stream
    return ctx.binding.continueStream(type);
  };
  return {
    proxy_send_local_response(status: number, dPtr: number, dLen: number, bPtr: number, bLen: number, hPtr: number, hLen: number, grpcStatus: number): number {
      const details = vm.memory.readString(dPtr, dLen);
      const body = vm.memory.read(bPtr, bLen);
      const headers = vm.memory.read(hPtr, hLen);
      if (details === null || body === null || headers === null) return WasmResult.InvalidMemoryAccess;
      const ctx = vm.context();
      if (ctx?.kind !== "stream") return WasmResult.Ok; // only acts on an HTTP stream
      const g = grpcStatus | 0;
      // -1 (0xFFFFFFFF) or anything above 16 means "no grpc-status".
      const grpc = g < 0 || g > 16 ? undefined : g;
      ctx.binding.sendLocalResponse(status >>> 0, details.replace(/\s/g, "_"), body, decodePairs(headers), grpc);
      return WasmResult.Ok;
    },
    proxy_continue_stream: continueStream,
    proxy_continue_request: () => continueStream(0),
    proxy_continue_response: () => continueStream(1),
    proxy_close_stream(type: number): number {
      type >>>= 0;
      if (type > 3) return WasmResult.BadArgument;
      const ctx = vm.context();
      if (ctx?.kind !== "stream") return WasmResult.BadArgument;
      return ctx.binding.closeStream(type);
    },
    // ABI 0.1.0 only; route cache handling is outside this emulation (no routes), so it just succeeds.
    proxy_clear_route_cache: () => WasmResult.Ok,
    proxy_set_effective_context(id: number): number {
      return vm.setEffectiveContext(id >>> 0) ? WasmResult.Ok : WasmResult.BadArgument;
    },
    proxy_done(): number {
      const ctx = vm.context();
      if (ctx?.kind !== "root" || !ctx.awaitingDone) return WasmResult.NotFound;
      ctx.awaitingDone = false;
      vm.defer(() => vm.deleteContext(ctx));
      return WasmResult.Ok;
    },
    proxy_get_status(codePtr: number, msgPtrPtr: number, msgSizePtr: number): number {
      const ctx = vm.context();
      const status = ctx ? rootOf(ctx).status : { code: 0, message: "" };
      if (!vm.memory.writeU32(codePtr, status.code)) return WasmResult.InvalidMemoryAccess;
      return vm.memory.copyOut(Buffer.from(status.message), msgPtrPtr, msgSizePtr);
    },
  };
}
