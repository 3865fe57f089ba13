// proxy_http_call (10 params), proxy_grpc_call (12), proxy_grpc_stream (9), grpc send/close/cancel.
// They always run on the ROOT context of the caller; tokens are written to the last pointer.
import { WasmResult } from "../abi/envoy-abi.ts";
import { rootOf } from "../context.ts";
import { decodePairs } from "../pairs.ts";
import { grpcServiceCluster } from "../proto.ts";
import type { WasmVm } from "../vm.ts";
import type { HostFunctions } from "./types.ts";

export function calloutFunctions(vm: WasmVm): HostFunctions {
  const m = vm.memory;
  const writeToken = (ptr: number, r: { result: number; token?: number }): number => {
    if (r.token === undefined) return r.result;
    return m.writeU32(ptr, r.token) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
  };
  // `service` is a serialized GrpcService when it parses as one, otherwise a cluster name.
  const cluster = (service: Buffer): string => grpcServiceCluster(service) ?? service.toString("utf8");
  return {
    proxy_http_call(cPtr: number, cLen: number, hPtr: number, hLen: number, bPtr: number, bLen: number, tPtr: number, tLen: number, timeout: number, tokenPtr: number): number {
      const c = m.readString(cPtr, cLen); const h = m.read(hPtr, hLen); const b = m.read(bPtr, bLen); const t = m.read(tPtr, tLen);
      if (c === null || h === null || b === null || t === null || !m.inBounds(tokenPtr, 4)) return WasmResult.InvalidMemoryAccess;
      const ctx = vm.context();
      if (!ctx) return WasmResult.BadArgument;
      return writeToken(tokenPtr, vm.callouts.httpCall(rootOf(ctx), c, decodePairs(h), b, decodePairs(t), timeout >>> 0));
    },
    proxy_grpc_call(sPtr: number, sLen: number, nPtr: number, nLen: number, mPtr: number, mLen: number, mdPtr: number, mdLen: number, rPtr: number, rLen: number, timeout: number, tokenPtr: number): number {
      const s = m.read(sPtr, sLen); const n = m.readString(nPtr, nLen); const meth = m.readString(mPtr, mLen); const md = m.read(mdPtr, mdLen); const req = m.read(rPtr, rLen);
      if (s === null || n === null || meth === null || md === null || req === null || !m.inBounds(tokenPtr, 4)) return WasmResult.InvalidMemoryAccess;
      const ctx = vm.context();
      if (!ctx) return WasmResult.BadArgument;
      return writeToken(tokenPtr, vm.callouts.grpcCall(rootOf(ctx), cluster(s), n, meth, decodePairs(md), req, timeout >>> 0));
    },
    proxy_grpc_stream(sPtr: number, sLen: number, nPtr: number, nLen: number, mPtr: number, mLen: number, mdPtr: number, mdLen: number, tokenPtr: number): number {
      const s = m.read(sPtr, sLen); const n = m.readString(nPtr, nLen); const meth = m.readString(mPtr, mLen); const md = m.read(mdPtr, mdLen);
      if (s === null || n === null || meth === null || md === null || !m.inBounds(tokenPtr, 4)) return WasmResult.InvalidMemoryAccess;
      const ctx = vm.context();
      if (!ctx) return WasmResult.BadArgument;
      return writeToken(tokenPtr, vm.callouts.grpcStream(rootOf(ctx), cluster(s), n, meth, decodePairs(md)));
    },
    proxy_grpc_send(token: number, ptr: number, len: number, endStream: number): number {
      const msg = m.read(ptr, len);
      if (msg === null) return WasmResult.InvalidMemoryAccess;
      return vm.callouts.send(token >>> 0, msg, endStream !== 0);
    },
    proxy_grpc_close: (token: number) => vm.callouts.close(token >>> 0),
    proxy_grpc_cancel: (token: number) => vm.callouts.cancel(token >>> 0),
  };
}
