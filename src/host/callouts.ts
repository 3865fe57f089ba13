// Outbound calls of one VM: token allocation (http 4,8,..; grpc call 5,9,..; grpc stream 6,10,..,
// cpp-host/Envoy `id & 3` scheme), hand-off to the transport, and delivery of the results to the ROOT
// context that made the call, with maps 4..7 and buffers 4/5 visible only inside those callbacks.
import { WasmResult } from "./abi/envoy-abi.ts";
import type { RootContext } from "./context.ts";
import { HeaderMap } from "./header-map.ts";
import type { GrpcStreamHandle, Headers } from "./transport.ts";
import { FAILED, type WasmVm } from "./vm.ts";

interface Pending {
  kind: "http" | "grpc" | "grpc_stream";
  root: RootContext;
  abort: AbortController;
  stream?: GrpcStreamHandle;
  sent?: Buffer[];
  closedLocal?: boolean;
}

export class CalloutManager {
  private readonly pending = new Map<number, Pending>();
  private nextHttp = 4;
  private nextGrpc = 5;
  private nextStream = 6;
  constructor(private readonly vm: WasmVm) {}

  /** proxy_http_call: validates like Envoy, then starts the call. Returns result and token. */
  httpCall(root: RootContext, cluster: string, headers: Headers, body: Buffer, trailers: Headers, timeoutMs: number): { result: number; token?: number } {
    const t = this.vm.services.transport;
    if (!t.hasCluster(cluster)) return { result: WasmResult.BadArgument };
    const names = new Set(headers.map(([k]) => k.toLowerCase()));
    // Envoy's httpCall needs :method, :path and :authority (otherwise BadArgument).
    if (!names.has(":method") || !names.has(":path") || !names.has(":authority")) return { result: WasmResult.BadArgument };
    const lowered: Headers = headers.map(([k, v]) => [k.toLowerCase(), v]);
    // A non-empty body sets content-length (Envoy AsyncClient request).
    if (body.length > 0 && !names.has("content-length")) lowered.push(["content-length", String(body.length)]);
    const token = this.nextHttp; this.nextHttp += 4;
    const abort = new AbortController();
    this.pending.set(token, { kind: "http", root, abort });
    this.vm.services.recordCallout({ kind: "http", vm: this.vm.name, token, cluster, headers: lowered, body, trailers, timeoutMs });
    const p = t.httpCall({ cluster, headers: lowered, body, trailers, timeoutMs, signal: abort.signal }).then(
      (res) => this.deliverHttp(token, res),
      () => this.deliverHttp(token, { reset: true }),
    );
    this.vm.services.track(p);
    return { result: WasmResult.Ok, token };
  }

  private deliverHttp(token: number, res: { headers: Headers; body?: Uint8Array; trailers?: Headers } | { reset: true }): void {
    const p = this.take(token);
    if (!p) return;
    const root = p.root;
    if ("reset" in res) {
      root.status = { code: WasmResult.BrokenConnection, message: "reset" };
      this.callback(root, "proxy_on_http_call_response", token, 0, 0, 0);
      return;
    }
    const headers = new HeaderMap(res.headers);
    const trailers = new HeaderMap(res.trailers ?? []);
    const body = Buffer.from(res.body ?? new Uint8Array());
    root.status = { code: 0, message: "" };
    root.callData = { maps: { 6: headers, 7: trailers }, buffers: { 4: body } };
    this.callback(root, "proxy_on_http_call_response", token, headers.size, body.length, trailers.size);
  }

  grpcCall(root: RootContext, cluster: string, serviceName: string, method: string, md: Headers, message: Buffer, timeoutMs: number): { result: number; token?: number } {
    const t = this.vm.services.transport;
    if (!t.hasCluster(cluster)) return { result: WasmResult.ParseFailure };
    const token = this.nextGrpc; this.nextGrpc += 4;
    const abort = new AbortController();
    this.pending.set(token, { kind: "grpc", root, abort });
    this.vm.services.recordCallout({ kind: "grpc", vm: this.vm.name, token, cluster, serviceName, method, initialMetadata: md, message, timeoutMs });
    const p = t.grpcCall({ cluster, serviceName, method, initialMetadata: md, message, timeoutMs, signal: abort.signal }).then(
      (res) => this.deliverGrpc(token, res),
      (e: unknown) => this.deliverGrpc(token, { status: 14, errorMessage: e instanceof Error ? e.message : String(e) }),
    );
    this.vm.services.track(p);
    return { result: WasmResult.Ok, token };
  }

  private deliverGrpc(token: number, res: { status: 0; message: Uint8Array } | { status: number; errorMessage?: string }): void {
    const p = this.take(token);
    if (!p) return;
    if (res.status === 0 && "message" in res) {
      // Unary success: proxy_on_grpc_receive only, no close callback.
      const msg = Buffer.from(res.message);
      p.root.callData = { maps: {}, buffers: { 5: msg } };
      this.callback(p.root, "proxy_on_grpc_receive", token, msg.length);
      return;
    }
    p.root.status = { code: res.status, message: "errorMessage" in res ? res.errorMessage ?? "" : "" };
    this.callback(p.root, "proxy_on_grpc_close", token, res.status);
  }

  grpcStream(root: RootContext, cluster: string, serviceName: string, method: string, md: Headers): { result: number; token?: number } {
    const t = this.vm.services.transport;
    if (!t.hasCluster(cluster)) return { result: WasmResult.ParseFailure };
    const token = this.nextStream; this.nextStream += 4;
    const entry: Pending = { kind: "grpc_stream", root, abort: new AbortController(), sent: [] };
    this.pending.set(token, entry);
    this.vm.services.recordCallout({ kind: "grpc_stream", vm: this.vm.name, token, cluster, serviceName, method, initialMetadata: md, sent: entry.sent! });
    // Streams are long-lived (a reporting stream may stay open for the VM's lifetime), so they are
    // not tracked as in-flight work; their events are delivered as the transport reports them.
    const live = () => this.pending.get(token) === entry && !this.vm.failed;
    try {
      entry.stream = t.grpcStream({ cluster, serviceName, method, initialMetadata: md }, {
        initialMetadata: (m) => {
          if (!live()) return;
          root.callData = { maps: { 4: new HeaderMap(m) }, buffers: {} };
          this.callback(root, "proxy_on_grpc_receive_initial_metadata", token, m.length);
        },
        message: (msg) => {
          if (!live()) return;
          const b = Buffer.from(msg);
          root.callData = { maps: {}, buffers: { 5: b } };
          this.callback(root, "proxy_on_grpc_receive", token, b.length);
        },
        trailingMetadata: (m) => {
          if (!live()) return;
          root.callData = { maps: { 5: new HeaderMap(m) }, buffers: {} };
          this.callback(root, "proxy_on_grpc_receive_trailing_metadata", token, m.length);
        },
        close: (status, message) => {
          if (!live()) return;
          this.pending.delete(token);
          root.status = { code: status, message };
          this.callback(root, "proxy_on_grpc_close", token, status);
        },
      });
    } catch {
      this.pending.delete(token);
      return { result: WasmResult.BadArgument };
    }
    return { result: WasmResult.Ok, token };
  }

  send(token: number, message: Buffer, endStream: boolean): number {
    const p = this.pending.get(token);
    if (!p) return WasmResult.NotFound;
    if (p.kind !== "grpc_stream" || !p.stream) return WasmResult.BadArgument;
    p.sent!.push(message);
    p.stream.send(message, endStream);
    return WasmResult.Ok;
  }

  /** proxy_grpc_close: cancels a call; half-closes a stream. */
  close(token: number): number {
    const p = this.pending.get(token);
    if (!p || p.kind === "http") return WasmResult.NotFound;
    if (p.kind === "grpc") { this.pending.delete(token); p.abort.abort(); return WasmResult.Ok; }
    p.stream?.closeSend();
    return WasmResult.Ok;
  }

  /** proxy_grpc_cancel: cancels a call or resets a stream; no callback follows. */
  cancel(token: number): number {
    const p = this.pending.get(token);
    if (!p || p.kind === "http") return WasmResult.NotFound;
    this.pending.delete(token);
    p.abort.abort();
    p.stream?.cancel();
    return WasmResult.Ok;
  }

  dropAll(): void {
    for (const p of this.pending.values()) { p.abort.abort(); p.stream?.cancel(); }
    this.pending.clear();
  }

  private take(token: number): Pending | undefined {
    const p = this.pending.get(token);
    if (!p) return undefined;
    this.pending.delete(token);
    return this.vm.failed ? undefined : p;
  }

  private callback(root: RootContext, name: string, ...args: number[]): void {
    if (!this.vm.contexts.has(root.id)) { root.callData = null; return; }
    const r = this.vm.call(root, name, root.id, ...args);
    root.callData = null;
    if (r !== FAILED) this.vm.flush();
  }
}
