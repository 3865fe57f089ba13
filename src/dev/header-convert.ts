import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { randomUUID } from "node:crypto";

export type HeaderList = [string, string][];

// Hop-by-hop headers belong to one connection; Envoy's connection manager drops them before
// the filter chain, and re-adds framing (transfer-encoding) itself on the way out.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

/**
 * The header map Envoy hands a filter for an HTTP/1 request: pseudo-headers first, `Host`
 * as `:authority`, lower-case names, and the x-request-id / x-forwarded-proto the connection
 * manager adds.
 */
export function requestHeaderList(req: IncomingMessage, scheme: "http" | "https"): HeaderList {
  const list: HeaderList = [
    [":authority", req.headers.host ?? ""],
    [":path", req.url ?? "/"],
    [":method", req.method ?? "GET"],
    [":scheme", scheme],
  ];
  appendRaw(list, req.rawHeaders, (name) => name === "host");
  if (!list.some(([k]) => k === "x-request-id")) list.push(["x-request-id", randomUUID()]);
  if (!list.some(([k]) => k === "x-forwarded-proto")) list.push(["x-forwarded-proto", scheme]);
  return list;
}

export function responseHeaderList(res: IncomingMessage): HeaderList {
  const list: HeaderList = [[":status", String(res.statusCode ?? 502)]];
  appendRaw(list, res.rawHeaders, () => false);
  return list;
}

export function trailerList(trailers: IncomingHttpHeaders | NodeJS.Dict<string>, raw: string[]): HeaderList {
  const list: HeaderList = [];
  if (raw.length > 0) appendRaw(list, raw, () => false);
  else for (const [k, v] of Object.entries(trailers)) if (typeof v === "string") list.push([k.toLowerCase(), v]);
  return list;
}

function appendRaw(list: HeaderList, raw: string[], skip: (name: string) => boolean): void {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (HOP_BY_HOP.has(name) || skip(name)) continue;
    list.push([name, raw[i + 1]]);
  }
}

/** Splits a header list into pseudo-headers and the flat [k, v, k, v] list node:http writes. */
export function splitPseudo(list: HeaderList): { pseudo: Map<string, string>; flat: string[] } {
  const pseudo = new Map<string, string>();
  const flat: string[] = [];
  for (const [k, v] of list) {
    if (k.startsWith(":")) pseudo.set(k, v);
    else if (!HOP_BY_HOP.has(k)) flat.push(k, v);
  }
  return { pseudo, flat };
}

/** Whether an HTTP/1 message has a body, judged from its framing headers. */
export function hasBody(headers: IncomingHttpHeaders, method?: string): boolean {
  if (method === "HEAD") return false;
  if (headers["transfer-encoding"] !== undefined) return true;
  const length = headers["content-length"];
  return length !== undefined && length !== "0";
}
