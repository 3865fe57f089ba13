// The real callout transport for the dev proxy: node:http(s) for proxy_http_call and @grpc/grpc-js
// (generic client, raw Buffer (de)serializers) for proxy_grpc_call / proxy_grpc_stream. Clusters
// are names mapped to addresses, as Envoy's cluster manager would resolve them. Upstream failures
// of an HTTP call come back as responses the way Envoy's AsyncClient produces them: 503 when the
// upstream cannot be reached, 504 on timeout.
import * as grpc from "@grpc/grpc-js";
import * as http from "node:http";
import * as https from "node:https";
import type {
  CalloutTransport, GrpcCallRequest, GrpcCallResult, GrpcStreamEvents, GrpcStreamHandle, GrpcStreamRequest,
  Headers, HttpCallRequest, HttpCallResult,
} from "./transport.ts";

/** cluster name -> "host:port" (plain) or "http://host:port" / "https://host:port". */
export type ClusterMap = Record<string, string>;

const raw = (b: Buffer): Buffer => b;

function toMetadata(md: Headers): grpc.Metadata {
  const m = new grpc.Metadata();
  for (const [k, v] of md) {
    if (k.endsWith("-bin")) m.add(k, Buffer.from(v, "base64"));
    else m.add(k, v);
  }
  return m;
}

function fromMetadata(m: grpc.Metadata): Headers {
  const out: Headers = [];
  for (const [k, vals] of Object.entries(m.toJSON())) {
    for (const v of vals as (string | Buffer)[]) out.push([k, typeof v === "string" ? v : v.toString("base64")]);
  }
  return out;
}

function localResponse(status: number, body: string): HttpCallResult {
  return { headers: [[":status", String(status)], ["content-type", "text/plain"], ["content-length", String(body.length)]], body: Buffer.from(body) };
}

export class NodeTransport implements CalloutTransport {
  private readonly grpcClients = new Map<string, grpc.Client>();
  constructor(private readonly clusters: ClusterMap) {}

  hasCluster(cluster: string): boolean { return Object.hasOwn(this.clusters, cluster); }

  private url(cluster: string): URL {
    const addr = this.clusters[cluster]!;
    return new URL(/^[a-z]+:\/\//.test(addr) ? addr : `http://${addr}`);
  }

  httpCall(req: HttpCallRequest): Promise<HttpCallResult> {
    const base = this.url(req.cluster);
    const get = (k: string) => req.headers.find(([n]) => n === k)?.[1];
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of req.headers) {
      if (k.startsWith(":")) continue;
      const prev = headers[k];
      headers[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
    }
    headers.host = get(":authority")!;
    const lib = base.protocol === "https:" ? https : http;
    return new Promise((resolve) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const done = (r: HttpCallResult) => { if (!settled) { settled = true; clearTimeout(timer); resolve(r); } };
      const request = lib.request({
        protocol: base.protocol, hostname: base.hostname, port: base.port, method: get(":method"), path: get(":path"), headers,
        signal: req.signal,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const out: Headers = [[":status", String(res.statusCode ?? 0)]];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) out.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
          const trailers: Headers = [];
          for (let i = 0; i + 1 < res.rawTrailers.length; i += 2) trailers.push([res.rawTrailers[i]!.toLowerCase(), res.rawTrailers[i + 1]!]);
          done({ headers: out, body: Buffer.concat(chunks), trailers });
        });
        res.on("error", () => done({ reset: true }));
      });
      // timeout_ms bounds the whole call (0 = none); Envoy answers 504 itself when it expires.
      if (req.timeoutMs > 0) {
        timer = setTimeout(() => { done(localResponse(504, "upstream request timeout")); request.destroy(); }, req.timeoutMs);
      }
      request.on("error", () => done(req.signal.aborted ? { reset: true } : localResponse(503, "upstream connect error or disconnect/reset before headers")));
      if (req.trailers.length) request.addTrailers(Object.fromEntries(req.trailers));
      request.end(req.body);
    });
  }

  private grpcClient(cluster: string): grpc.Client {
    let c = this.grpcClients.get(cluster);
    if (!c) {
      const u = this.url(cluster);
      const creds = u.protocol === "https:" ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();
      c = new grpc.Client(`${u.hostname}:${u.port || (u.protocol === "https:" ? 443 : 80)}`, creds);
      this.grpcClients.set(cluster, c);
    }
    return c;
  }

  grpcCall(req: GrpcCallRequest): Promise<GrpcCallResult> {
    const client = this.grpcClient(req.cluster);
    return new Promise((resolve) => {
      const options: grpc.CallOptions = req.timeoutMs > 0 ? { deadline: new Date(Date.now() + req.timeoutMs) } : {};
      const call = client.makeUnaryRequest(`/${req.serviceName}/${req.method}`, raw, raw, req.message, toMetadata(req.initialMetadata), options,
        (err: grpc.ServiceError | null, value?: Buffer) => {
          if (err) resolve({ status: err.code, errorMessage: err.details });
          else resolve({ status: 0, message: value ?? Buffer.alloc(0) });
        });
      req.signal.addEventListener("abort", () => call.cancel(), { once: true });
    });
  }

  grpcStream(req: GrpcStreamRequest, events: GrpcStreamEvents): GrpcStreamHandle {
    const call = this.grpcClient(req.cluster).makeBidiStreamRequest(`/${req.serviceName}/${req.method}`, raw, raw, toMetadata(req.initialMetadata));
    let cancelled = false;
    call.on("metadata", (m: grpc.Metadata) => { if (!cancelled) events.initialMetadata(fromMetadata(m)); });
    call.on("data", (d: Buffer) => { if (!cancelled) events.message(d); });
    call.on("status", (s: grpc.StatusObject) => {
      if (cancelled) return;
      events.trailingMetadata(fromMetadata(s.metadata));
      events.close(s.code, s.details);
    });
    call.on("error", () => undefined); // reported through "status"
    return {
      send: (m, end) => { call.write(m); if (end) call.end(); },
      closeSend: () => call.end(),
      cancel: () => { cancelled = true; call.cancel(); },
    };
  }

  /** Closes the gRPC channels. */
  close(): void {
    for (const c of this.grpcClients.values()) c.close();
    this.grpcClients.clear();
  }
}
