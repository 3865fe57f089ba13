// Buffer access (EW context.cc getBuffer): bodies 0/1 belong to the stream's current callback view,
// 4/5 exist only inside callout callbacks, 6 (VM configuration) always, 7 (plugin configuration)
// only during proxy_on_configure, 2/3/8 are not available to an HTTP filter here.
import { BufferType, WasmResult } from "../abi/envoy-abi.ts";
import { rootOf } from "../context.ts";
import type { WasmVm } from "../vm.ts";
import type { HostFunctions } from "./types.ts";

/** The buffer of a type for the current context: Buffer, null (unavailable) or "bad" (type > 8). */
export function resolveBuffer(vm: WasmVm, type: number): Buffer | null | "bad" {
  if (type >>> 0 > 8) return "bad";
  const ctx = vm.context();
  switch (type) {
    case BufferType.HttpRequestBody:
    case BufferType.HttpResponseBody:
      return ctx?.kind === "stream" ? ctx.binding.body(type) : null;
    case BufferType.HttpCallResponseBody:
    case BufferType.GrpcReceiveBuffer:
    case BufferType.CallData:
      return ctx ? rootOf(ctx).callData?.buffers[type] ?? null : null;
    case BufferType.VmConfiguration:
      return vm.services.vmConfiguration;
    case BufferType.PluginConfiguration:
      return ctx && rootOf(ctx).configVisible ? rootOf(ctx).configuration : null;
    default:
      return null; // network buffers: HTTP filters have none
  }
}

export function bufferFunctions(vm: WasmVm): HostFunctions {
  return {
    proxy_get_buffer_bytes(type: number, start: number, length: number, ptrPtr: number, sizePtr: number): number {
      const buf = resolveBuffer(vm, type);
      if (buf === "bad") return WasmResult.BadArgument;
      if (buf === null) return WasmResult.NotFound;
      start >>>= 0; length >>>= 0;
      if (start + length > 0xffffffff) return WasmResult.BadArgument; // 32-bit overflow
      const from = Math.min(start, buf.length);
      const to = Math.min(start + length, buf.length);
      return vm.memory.copyOut(buf.subarray(from, to), ptrPtr, sizePtr);
    },
    proxy_get_buffer_status(type: number, lengthPtr: number, flagsPtr: number): number {
      const buf = resolveBuffer(vm, type);
      if (buf === "bad") return WasmResult.BadArgument;
      if (buf === null) return WasmResult.NotFound;
      // Envoy never reports end-of-stream here: flags are always 0.
      return vm.memory.writeU32(lengthPtr, buf.length) && vm.memory.writeU32(flagsPtr, 0) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
    },
    proxy_set_buffer_bytes(type: number, start: number, length: number, dataPtr: number, dataSize: number): number {
      const buf = resolveBuffer(vm, type);
      if (buf === "bad") return WasmResult.BadArgument;
      if (type !== BufferType.HttpRequestBody && type !== BufferType.HttpResponseBody) {
        return buf === null ? WasmResult.NotFound : WasmResult.BadArgument; // config, call and gRPC buffers are read-only
      }
      if (buf === null) return WasmResult.NotFound;
      const data = vm.memory.read(dataPtr, dataSize);
      if (data === null) return WasmResult.InvalidMemoryAccess;
      start >>>= 0; length >>>= 0;
      let next: Buffer;
      if (start === 0) next = Buffer.concat([data, buf.subarray(Math.min(length, buf.length))]); // drain `length`, prepend
      else if (start >= buf.length) next = Buffer.concat([buf, data]); // append
      else return WasmResult.BadArgument;
      const ctx = vm.context();
      if (ctx?.kind !== "stream") return WasmResult.NotFound;
      ctx.binding.setBody(type, next);
      return WasmResult.Ok;
    },
    // ABI 0.1.0: plugin configuration during proxy_on_configure, else the VM configuration.
    proxy_get_configuration(ptrPtr: number, sizePtr: number): number {
      const ctx = vm.context();
      const cfg = ctx && rootOf(ctx).configVisible ? rootOf(ctx).configuration : vm.services.vmConfiguration;
      return vm.memory.copyOut(cfg, ptrPtr, sizePtr);
    },
  };
}
