// Header map functions (EW context.cc getMap/getConstMap): maps 0..3 are the stream's, reachable only
// while the filter holds them (gone after Continue / continue_stream); 4..7 are read-only and exist
// only inside the matching callout callback. Keys are lower-cased. Missing key: NotFound for ABI
// 0.2.x, Ok with an empty value for 0.1.0.
import { WasmResult } from "../abi/envoy-abi.ts";
import { rootOf } from "../context.ts";
import type { HeaderMap } from "../header-map.ts";
import { decodePairs, encodePairs } from "../pairs.ts";
import type { WasmVm } from "../vm.ts";
import type { HostFunctions } from "./types.ts";

function resolveMap(vm: WasmVm, type: number, forWrite = false): HeaderMap | null | "bad" {
  type >>>= 0;
  if (type > 7) return "bad";
  const ctx = vm.context();
  if (!ctx) return null;
  if (type <= 3) return ctx.kind === "stream" ? ctx.binding.headerMap(type, forWrite) : null;
  return rootOf(ctx).callData?.maps[type] ?? null;
}

function mutableMap(vm: WasmVm, type: number, forAdd = false): HeaderMap | null {
  if (type >>> 0 > 3) return null;
  const m = resolveMap(vm, type, true);
  if (m !== null && m !== "bad") return m;
  const ctx = vm.context();
  // Trailers can be added from the last body callback (Envoy addDecodedTrailers/addEncodedTrailers).
  if (forAdd && (type === 1 || type === 3) && ctx?.kind === "stream") return ctx.binding.trailersForAdd(type);
  return null;
}

export function headerFunctions(vm: WasmVm): HostFunctions {
  const key = (ptr: number, len: number): string | null => vm.memory.readString(ptr, len);
  return {
    proxy_get_header_map_value(type: number, kPtr: number, kLen: number, vPtrPtr: number, vSizePtr: number): number {
      const m = resolveMap(vm, type);
      if (m === "bad") return WasmResult.BadArgument;
      if (m === null) {
        // A map that does not exist in the access-log phase is NotFound there (EW getConstMap).
        const ctx = vm.context();
        return ctx?.kind === "stream" && ctx.binding.accessLogPhase ? WasmResult.NotFound : WasmResult.BadArgument;
      }
      const k = key(kPtr, kLen);
      if (k === null) return WasmResult.InvalidMemoryAccess;
      const v = m.get(k);
      if (v === undefined) {
        if (vm.abi !== "0.1.0") return WasmResult.NotFound;
        return vm.memory.copyOut(Buffer.alloc(0), vPtrPtr, vSizePtr);
      }
      return vm.memory.copyOut(Buffer.from(v), vPtrPtr, vSizePtr);
    },
    proxy_add_header_map_value(type: number, kPtr: number, kLen: number, vPtr: number, vLen: number): number {
      const m = mutableMap(vm, type, true);
      if (!m) return WasmResult.BadArgument;
      const k = key(kPtr, kLen); const v = vm.memory.readString(vPtr, vLen);
      if (k === null || v === null) return WasmResult.InvalidMemoryAccess;
      m.add(k, v);
      return WasmResult.Ok;
    },
    proxy_replace_header_map_value(type: number, kPtr: number, kLen: number, vPtr: number, vLen: number): number {
      const m = mutableMap(vm, type);
      if (!m) return WasmResult.BadArgument;
      const k = key(kPtr, kLen); const v = vm.memory.readString(vPtr, vLen);
      if (k === null || v === null) return WasmResult.InvalidMemoryAccess;
      m.replace(k, v);
      return WasmResult.Ok;
    },
    proxy_remove_header_map_value(type: number, kPtr: number, kLen: number): number {
      const m = mutableMap(vm, type);
      if (!m) return WasmResult.BadArgument;
      const k = key(kPtr, kLen);
      if (k === null) return WasmResult.InvalidMemoryAccess;
      m.remove(k);
      return WasmResult.Ok;
    },
    proxy_get_header_map_pairs(type: number, ptrPtr: number, sizePtr: number): number {
      const m = resolveMap(vm, type);
      if (m === "bad") return WasmResult.BadArgument;
      // An unavailable or empty map is Ok with ptr=0,size=0.
      const data = m === null || m.size === 0 ? Buffer.alloc(0) : encodePairs(m.list());
      return vm.memory.copyOut(data, ptrPtr, sizePtr);
    },
    proxy_set_header_map_pairs(type: number, ptr: number, size: number): number {
      const m = mutableMap(vm, type);
      if (!m) return WasmResult.BadArgument;
      const raw = vm.memory.read(ptr, size);
      if (raw === null) return WasmResult.InvalidMemoryAccess;
      // Removes everything first (pseudo-headers included); a malformed buffer clears the map.
      m.setAll(decodePairs(raw));
      return WasmResult.Ok;
    },
    proxy_get_header_map_size(type: number, sizePtr: number): number {
      const m = mutableMap(vm, type);
      if (!m) return WasmResult.BadArgument;
      return vm.memory.writeU32(sizePtr, m.byteSize()) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
    },
  };
}
