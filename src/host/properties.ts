// proxy_get_property resolution with Envoy's value encodings (EW context.cc getProperty/findValue/
// serializeValue): path segments are separated by 0x00; strings are raw bytes; int/uint, timestamps
// and durations are 8-byte little-endian; bools 1 byte; maps use the pair encoding; lists the pair
// encoding with empty values; messages are serialized protobuf. Stream attributes exist only in
// stream contexts (NotFound in root contexts, except xds.* and plugin_*); response.* only after the
// response headers; TLS attributes only on TLS connections.
import { atLeast } from "./abi-table.ts";
import type { Context } from "./context.ts";
import type { HeaderMap } from "./header-map.ts";
import { encodePairs } from "./pairs.ts";
import { encodeNode, encodeStruct } from "./proto.ts";
import type { VmServices } from "./services.ts";

export const enc = {
  str: (s: string): Buffer => Buffer.from(s, "utf8"),
  int: (n: number | bigint): Buffer => { const b = Buffer.alloc(8); b.writeBigInt64LE(BigInt(n)); return b; },
  uint: (n: number | bigint): Buffer => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(n)); return b; },
  double: (n: number): Buffer => { const b = Buffer.alloc(8); b.writeDoubleLE(n); return b; },
  bool: (v: boolean): Buffer => Buffer.from([v ? 1 : 0]),
  /** Header map as a property: lower-case keys, repeated values comma-joined. */
  headers: (m: HeaderMap): Buffer => {
    const keys = [...new Set(m.list().map(([k]) => k))];
    return keys.length ? encodePairs(keys.map((k) => [k, m.joined(k)!])) : Buffer.alloc(0);
  },
};

/** A JSON-like value (Struct field) drilled to: typed leaf encodings, objects as maps, arrays as lists. */
export function encodeJsonValue(v: unknown): Buffer {
  if (v === null || v === undefined) return Buffer.alloc(0);
  if (typeof v === "string") return enc.str(v);
  if (typeof v === "number") return enc.double(v);
  if (typeof v === "boolean") return enc.bool(v);
  if (Array.isArray(v)) return encodePairs(v.map((e) => [encodeJsonValue(e), Buffer.alloc(0)]));
  return encodePairs(Object.entries(v as Record<string, unknown>).map(([k, e]) => [k, encodeJsonValue(e)]));
}

export function drillJson(v: unknown, rest: readonly string[]): Buffer | undefined {
  let cur: unknown = v;
  for (const seg of rest) {
    if (Array.isArray(cur)) { const i = Number(seg); if (!Number.isInteger(i) || i < 0 || i >= cur.length) return undefined; cur = cur[i]; }
    else if (cur !== null && typeof cur === "object" && seg in (cur as object)) cur = (cur as Record<string, unknown>)[seg];
    else return undefined;
  }
  return encodeJsonValue(cur);
}

function xdsProperty(services: VmServices, rest: readonly string[]): Buffer | undefined {
  const x = services.xds;
  const [head, ...tail] = rest;
  switch (head) {
    case "node": {
      const node = x.node ?? {};
      if (tail.length === 0) return encodeNode(node);
      const [field, ...more] = tail;
      if (field === "id" && more.length === 0) return node.id === undefined ? undefined : enc.str(node.id);
      if (field === "cluster" && more.length === 0) return node.cluster === undefined ? undefined : enc.str(node.cluster);
      if (field === "metadata") {
        if (!node.metadata) return undefined;
        return more.length === 0 ? encodeStruct(node.metadata) : drillJson(node.metadata, more);
      }
      return undefined;
    }
    case "cluster_name": return tail.length || x.clusterName === undefined ? undefined : enc.str(x.clusterName);
    case "route_name": return tail.length || x.routeName === undefined ? undefined : enc.str(x.routeName);
    case "virtual_host_name": return tail.length || x.virtualHostName === undefined ? undefined : enc.str(x.virtualHostName);
    case "filter_chain_name": return tail.length || x.filterChainName === undefined ? undefined : enc.str(x.filterChainName);
    case "listener_direction": return tail.length || x.listenerDirection === undefined ? undefined : enc.int(x.listenerDirection);
    default: return undefined;
  }
}

/** Resolves a property for a context; undefined means NotFound. */
export function resolveProperty(services: VmServices, ctx: Context | null, path: readonly string[]): Buffer | undefined {
  const [top, ...rest] = path;
  if (top === undefined) return undefined;
  const p = services.plugin;
  switch (top) {
    case "plugin_name": return rest.length ? undefined : enc.str(p.name);
    case "plugin_root_id": return rest.length ? undefined : enc.str(p.rootId);
    case "plugin_vm_id": return rest.length ? undefined : enc.str(p.vmId);
    case "xds": return xdsProperty(services, rest);
  }
  // Top-level xDS shortcuts were removed in Envoy 1.33 (use xds.*).
  if (!atLeast(services.envoy, "1.33")) {
    if (top === "node") return xdsProperty(services, ["node", ...rest]);
    if (top === "cluster_name" || top === "route_name" || top === "listener_direction") return xdsProperty(services, [top, ...rest]);
  }
  if (ctx?.kind !== "stream") return undefined;
  const STREAM_TOPS = ["request", "response", "connection", "upstream", "source", "destination", "metadata", "filter_state", "upstream_filter_state", "connection_id"];
  if (STREAM_TOPS.includes(top)) return ctx.binding.property(path);
  // Any other name N is the filter-state object wasm.N written by proxy_set_property.
  return ctx.binding.filterState.get(path.join("\u0000"));
}
