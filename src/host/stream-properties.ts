// Stream attributes (request.*, response.*, connection.*, source.*, destination.*, upstream.*,
// metadata, filter_state) for one HTTP stream, with Envoy's encodings and availability rules.
import type { HeaderMap } from "./header-map.ts";
import { drillJson, enc, encodeJsonValue } from "./properties.ts";
import { encodeStruct } from "./proto.ts";

/** Connection facts of a stream, as a test or the dev proxy knows them. */
export interface StreamProperties {
  /** "ip:port" of the downstream peer (default 127.0.0.1:40000). */
  sourceAddress?: string;
  /** "ip:port" the connection was accepted on (default 127.0.0.1:8000). */
  destinationAddress?: string;
  /** "HTTP/1.0" | "HTTP/1.1" | "HTTP/2" | "HTTP/3" (default HTTP/1.1). */
  protocol?: string;
  /** request.id; defaults to the x-request-id header. */
  requestId?: string;
  connectionId?: number;
  /** TLS facts: present only when `tls` is set (or mtls true). */
  tls?: {
    version?: string;
    mtls?: boolean;
    requestedServerName?: string;
    uriSanPeerCertificate?: string;
    dnsSanPeerCertificate?: string;
    uriSanLocalCertificate?: string;
    dnsSanLocalCertificate?: string;
    subjectPeerCertificate?: string;
    subjectLocalCertificate?: string;
    sha256PeerCertificateDigest?: string;
  };
  /** Upstream host "ip:port", known once the response arrives. */
  upstreamAddress?: string;
  /** Dynamic metadata (property `metadata`): filter namespace -> Struct. */
  metadata?: Record<string, Record<string, unknown>>;
}

/** What the stream knows now; fields are absent until Envoy would know them. */
export interface StreamFacts {
  props: StreamProperties;
  requestHeaders: HeaderMap | null;
  requestTrailers: HeaderMap | null;
  responseHeaders: HeaderMap | null;
  responseTrailers: HeaderMap | null;
  responseCodeDetails: string | undefined;
  requestTimeNs: bigint;
  requestBodyBytes: number;
  responseBodyBytes: number;
  /** Set when the stream is complete (request.duration etc. exist only then). */
  durationNs: bigint | undefined;
  filterState: Map<string, Buffer>;
}

function splitHostPort(addr: string): { host: string; port: number | undefined } {
  const m = /^(.*):(\d+)$/.exec(addr);
  return m ? { host: m[1]!, port: Number(m[2]) } : { host: addr, port: undefined };
}

function str(v: string | undefined): Buffer | undefined { return v === undefined ? undefined : enc.str(v); }

function requestAttr(f: StreamFacts, name: string, rest: readonly string[]): Buffer | undefined {
  const h = f.requestHeaders;
  if (!h) return undefined;
  if (name === "headers") {
    if (rest.length === 0) return enc.headers(h);
    return rest.length === 1 ? str(h.joined(rest[0]!)) : undefined;
  }
  if (rest.length) return undefined;
  const path = h.get(":path");
  switch (name) {
    case "path": return str(path);
    case "url_path": return path === undefined ? undefined : enc.str(path.split("?")[0]!);
    case "query": return path === undefined ? undefined : enc.str(path.includes("?") ? path.slice(path.indexOf("?") + 1) : "");
    case "host": return str(h.get(":authority"));
    case "scheme": return str(h.get(":scheme"));
    case "method": return str(h.get(":method"));
    case "referer": return str(h.get("referer"));
    case "useragent": return str(h.get("user-agent"));
    case "id": return str(f.props.requestId ?? h.get("x-request-id"));
    case "protocol": return enc.str(f.props.protocol ?? "HTTP/1.1");
    case "time": return enc.int(f.requestTimeNs);
    case "headers_bytes": return enc.int(h.byteSize());
    case "size": return f.durationNs === undefined ? undefined : enc.int(f.requestBodyBytes);
    case "total_size": return f.durationNs === undefined ? undefined : enc.int(f.requestBodyBytes + h.byteSize() + (f.requestTrailers?.byteSize() ?? 0));
    case "duration": return f.durationNs === undefined ? undefined : enc.int(f.durationNs);
    default: return undefined;
  }
}

function responseAttr(f: StreamFacts, name: string, rest: readonly string[]): Buffer | undefined {
  const h = f.responseHeaders;
  if (!h) return undefined; // response.* exist only after response headers
  if (name === "headers" || name === "trailers") {
    const m = name === "headers" ? h : f.responseTrailers;
    if (!m) return undefined;
    if (rest.length === 0) return enc.headers(m);
    return rest.length === 1 ? str(m.joined(rest[0]!)) : undefined;
  }
  if (rest.length) return undefined;
  switch (name) {
    case "code": { const s = Number(h.get(":status")); return Number.isFinite(s) ? enc.int(s) : undefined; }
    case "code_details": return str(f.responseCodeDetails);
    case "flags": return enc.int(0);
    case "grpc_status": {
      const g = f.responseTrailers?.get("grpc-status") ?? h.get("grpc-status");
      return g === undefined ? undefined : enc.int(Number(g));
    }
    case "headers_bytes": return enc.int(h.byteSize());
    case "size": return enc.int(f.responseBodyBytes);
    case "total_size": return enc.int(f.responseBodyBytes + h.byteSize() + (f.responseTrailers?.byteSize() ?? 0));
    default: return undefined;
  }
}

function connectionAttr(f: StreamFacts, name: string): Buffer | undefined {
  const tls = f.props.tls;
  switch (name) {
    case "id": return enc.uint(f.props.connectionId ?? 1);
    case "mtls": return enc.bool(tls?.mtls ?? false);
  }
  if (!tls) return undefined; // TLS attributes only on TLS connections
  switch (name) {
    case "requested_server_name": return str(tls.requestedServerName);
    case "tls_version": return str(tls.version);
    case "uri_san_peer_certificate": return str(tls.uriSanPeerCertificate);
    case "dns_san_peer_certificate": return str(tls.dnsSanPeerCertificate);
    case "uri_san_local_certificate": return str(tls.uriSanLocalCertificate);
    case "dns_san_local_certificate": return str(tls.dnsSanLocalCertificate);
    case "subject_peer_certificate": return str(tls.subjectPeerCertificate);
    case "subject_local_certificate": return str(tls.subjectLocalCertificate);
    case "sha256_peer_certificate_digest": return str(tls.sha256PeerCertificateDigest);
    default: return undefined;
  }
}

function addressAttr(addr: string | undefined, name: string): Buffer | undefined {
  if (addr === undefined) return undefined;
  if (name === "address") return enc.str(addr);
  if (name === "port") { const p = splitHostPort(addr).port; return p === undefined ? undefined : enc.int(p); }
  return undefined;
}

export function streamAttribute(f: StreamFacts, path: readonly string[]): Buffer | undefined {
  const [top, name, ...rest] = path;
  switch (top) {
    case "request": return name === undefined ? undefined : requestAttr(f, name, rest);
    case "response": return name === undefined ? undefined : responseAttr(f, name, rest);
    case "connection": return name === undefined || rest.length ? undefined : connectionAttr(f, name);
    case "connection_id": return name === undefined ? enc.uint(f.props.connectionId ?? 1) : undefined;
    case "source": return rest.length || name === undefined ? undefined : addressAttr(f.props.sourceAddress ?? "127.0.0.1:40000", name);
    case "destination": return rest.length || name === undefined ? undefined : addressAttr(f.props.destinationAddress ?? "127.0.0.1:8000", name);
    case "upstream": return rest.length || name === undefined || !f.responseHeaders ? undefined : addressAttr(f.props.upstreamAddress, name);
    case "metadata": {
      const md = f.props.metadata;
      if (!md) return undefined;
      if (name === undefined) return encodeStruct(md as Record<string, unknown>);
      // Metadata.filter_metadata is a map of Structs: drill like a map.
      return name === "filter_metadata" ? (rest.length ? drillJson(md, rest) : encodeJsonValue(md)) : drillJson(md, [name, ...rest]);
    }
    case "filter_state": {
      if (name === undefined) return undefined;
      return f.filterState.get(name) ?? undefined;
    }
    default: return undefined;
  }
}
